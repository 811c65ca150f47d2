"""Each setting is declared once: every config class equals its dataclass, and a profile changes only what it names."""

from __future__ import annotations

import dataclasses
from datetime import date

import dagster as dg
import pytest

from definitions import build_defs
from lifecycle_assets.finetune import FinetuneDatasetConfig
from lifecycle_assets.training import ADAPTER_KEY, GROUPS, SET_BY_THE_ASSET, lora_adapter_config
from lifecycle_core.feed import FeedConfig
from lifecycle_core.finetune import DatasetConfig
from lifecycle_core.k8s.gpu_pod import GpuPodSpec
from lifecycle_core.training import TrainingArgs, cli_arguments
from lifecycle_core.training.__main__ import parse
from resources.partner_feed import SyntheticPartnerFeed
from resources.profiles import k8s_profile, local_profile
from resources.step_runner import K8sStepRunner


def dataclass_defaults(cls, exclude=()) -> dict:
    values = {}
    for spec in dataclasses.fields(cls):
        if spec.name in exclude:
            continue
        if spec.default is not dataclasses.MISSING:
            values[spec.name] = spec.default
        elif spec.default_factory is not dataclasses.MISSING:
            values[spec.name] = spec.default_factory()
    return values


def config_defaults(model_cls) -> dict:
    return {name: info.default for name, info in model_cls.model_fields.items() if not info.is_required()}


def assert_described(model_cls):
    undocumented = [name for name, info in model_cls.model_fields.items() if not info.description]
    assert not undocumented, f"{model_cls.__name__} fields without help: {undocumented}"


@pytest.mark.parametrize("profile", ["local", "k8s"])
def test_adapter_config_is_the_entrypoints_defaults_plus_the_profiles(profile, tmp_path):
    chosen = local_profile(tmp_path) if profile == "local" else k8s_profile()
    asset = build_defs(chosen).resolve_assets_def(ADAPTER_KEY)
    launchpad = asset.op.config_schema.default_value
    for group, dataclass in GROUPS.items():
        expected = dataclass_defaults(dataclass, exclude=SET_BY_THE_ASSET.get(group, ()))
        expected |= {k.split(".", 1)[1]: v for k, v in chosen.training_defaults.items() if k.startswith(f"{group}.")}
        assert launchpad[group] == expected, group
        fields = asset.op.config_schema.config_type.fields[group].config_type.fields
        assert all(field.description for field in fields.values()), f"{group} has fields without help"


def test_without_profile_settings_the_adapter_defaults_are_the_entrypoints():
    config = lora_adapter_config({})
    for group, dataclass in GROUPS.items():
        settings = config.model_fields[group].annotation
        assert config_defaults(settings) == dataclass_defaults(dataclass, SET_BY_THE_ASSET.get(group, ()))
        assert_described(settings)


def test_profiles_differ_in_what_they_name():
    assert k8s_profile().training_defaults["model.base_model"] != TrainingArgs().model.base_model
    assert k8s_profile().training_defaults["train.bf16"] == "true"
    with pytest.raises(ValueError, match="no configurable field"):
        lora_adapter_config({"train.max_step": 10})  # a typo is an error, not a silently ignored default


def test_the_asset_passes_every_setting_to_the_entrypoint():
    """What the asset sends (cli_arguments of the whole config) rebuilds exactly that config in the entrypoint."""
    config = dataclasses.asdict(TrainingArgs())
    config["data"] |= {"store_uri": "file:///tmp/store", "dataset_version": "abc"}
    config["lora"]["target_modules"] = ["q_proj", "v_proj"]
    config["train"] |= {"learning_rate": 3e-3, "gradient_checkpointing": True, "bf16": "false"}
    assert dataclasses.asdict(parse(cli_arguments(config))) == config  # the entrypoint's own parser


@pytest.mark.parametrize(
    ("config_cls", "dataclass", "required"),
    [
        (FinetuneDatasetConfig, DatasetConfig, {}),
        (SyntheticPartnerFeed, FeedConfig, {}),
        (K8sStepRunner, GpuPodSpec, {"image": "trainer:1"}),
    ],
)
def test_configs_are_made_from_their_dataclasses(config_cls, dataclass, required):
    expected = {k: v.isoformat() if isinstance(v, date) else v for k, v in dataclass_defaults(dataclass).items()}
    assert {k: v for k, v in config_defaults(config_cls).items() if k in expected} == expected
    assert set(dataclass_defaults(dataclass)) | set(required) <= set(config_cls.model_fields)
    assert_described(config_cls)


def test_feed_resource_round_trips_its_dataclass():
    feed = SyntheticPartnerFeed(seed=3, drift_start="2026-03-01")
    assert feed.feed_config() == FeedConfig(seed=3, drift_start=date(2026, 3, 1))
    pod = K8sStepRunner(image="trainer:1", gpus=4, queue_name="ml").pod()
    assert pod == GpuPodSpec(image="trainer:1", gpus=4, queue_name="ml")


def test_env_vars_in_the_pod_settings_resolve_at_run_time(monkeypatch):
    monkeypatch.setenv("TRAINER_IMAGE", "ghcr.io/x/trainer:2")

    @dg.asset
    def image(step_runner: K8sStepRunner) -> str:
        return step_runner.pod().image

    result = dg.materialize([image], resources={"step_runner": K8sStepRunner(image=dg.EnvVar("TRAINER_IMAGE"))})
    assert result.output_for_node("image") == "ghcr.io/x/trainer:2"
