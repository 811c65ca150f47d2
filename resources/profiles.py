"""The two profiles, decided once: embedded defaults on a laptop, S3 and GPU pods on Kubernetes.

A profile is everything that differs between the two: the resources, the executor, the training
settings that differ from the entrypoint's defaults, and whether this deployment plays the partner.
`profile_from_env` is the only reader of LIFECYCLE_PROFILE, LIFECYCLE_HOME, LIFECYCLE_FIRST_DAY (the first
daily partition), LIFECYCLE_ALERT_WEBHOOK (where failure alerts go; unset: only recorded on the run) and
LIFECYCLE_SETTINGS (a deployment's own settings, `group.field=value` words: `train.max_steps=400
loop.canary_share=0.2`; groups in SETTING_GROUPS); it runs when the code location loads
(definitions.py), never at import.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_aws.s3 import S3Resource
from dagster_k8s import k8s_job_executor

from lifecycle_assets.partitions import DEFAULT_FIRST_DAY
from lifecycle_core.common.settings import ConfigError, apply_config, typed_setting
from lifecycle_core.evaluation import GateConfig
from lifecycle_core.evaluation.config import EvalArgs
from lifecycle_core.monitoring.loop import LoopConfig
from lifecycle_core.registry import local_tracking_uri
from lifecycle_core.training import TrainingArgs
from resources.alerts import AlertsResource
from resources.closed_loop import CanaryPolicyResource, ClosedLoopResource
from resources.object_store import LocalObjectStoreResource, S3ObjectStoreResource
from resources.partner_feed import PartnerFeedResource, PartnerLanding, SyntheticPartnerFeed
from resources.pseudonym import DevPseudonymKey, SecretPseudonymKey
from resources.registry import RegistryResource
from resources.serving import K8sServingBackend, LocalServingBackend
from resources.step_runner import K8sStepRunner, SubprocessStepRunner
from resources.warehouse import WarehouseResource

PROFILES = ("local", "k8s")

# One warehouse writer at a time within a run (DuckDB has one writing process); other steps run in parallel.
ONE_WAREHOUSE_WRITER = {"tag_concurrency_limits": [{"key": "lifecycle/writes", "value": "warehouse", "limit": 1}]}
# Each step's process forks from a server that imported the code location once, instead of spawning a
# fresh interpreter that imports dagster, polars, DuckDB, MLflow and the project again (about 20 s a
# step on 2 cores, against about 1 s of work for a day's warehouse load).
FORK_PRELOADED = {"start_method": {"forkserver": {"preload_modules": ["definitions"]}}}

# A short CPU run of the tiny offline model: about a minute on 2 cores for a week of data, and enough
# for the adapter to pass the promotion gate on the plan-fact tasks (40 steps were not).
LOCAL_TRAINING = {
    "train.learning_rate": 2e-3,
    "train.max_steps": 200,  # examples carry the member context block: more tokens per example
    "train.tokens_per_batch": 2048,
    "train.eval_every": 20,
}
# A real base model on GPU pods: bf16, a GPU-sized token budget, one epoch with checkpoints and early stopping.
K8S_TRAINING = {
    "model.base_model": "Qwen/Qwen2.5-1.5B-Instruct",
    "data.max_seq_len": 2048,
    "train.bf16": "true",
    "train.tokens_per_batch": 16384,
    "train.eval_every": 100,
    "train.checkpoint_every": 200,
    "train.early_stopping_patience": 3,
}


@dataclass(frozen=True)
class Profile:
    name: str
    resources: Mapping[str, Any]
    training_defaults: Mapping[str, Any] = field(default_factory=dict)  # "group.field": value
    evaluation_defaults: Mapping[str, Any] = field(default_factory=dict)  # "eval.field" / "gate.field": value
    executor: dg.ExecutorDefinition | None = None
    synthetic_partner: bool = False  # schedule the synthetic partner's drops (partner_feed_job)
    first_day: str = DEFAULT_FIRST_DAY  # the first daily partition
    sensor_interval_s: int = LoopConfig().sensor_interval_s  # the drift and canary sensors' tick


def local_profile(
    home: Path,
    partner_feed: PartnerFeedResource | None = None,
    first_day: str = DEFAULT_FIRST_DAY,
    *,
    alert_webhook: str | None = None,
) -> Profile:
    """Everything under one directory: object store, DuckDB file, dev pseudonym key, model cache, MLflow store."""
    home = Path(home).resolve()
    return Profile(
        name="local",
        resources={
            "object_store": LocalObjectStoreResource(root=str(home / "store")),
            "warehouse": WarehouseResource(database=str(home / "lifecycle.duckdb")),
            "pseudonym_key": DevPseudonymKey(path=str(home / "secrets" / "pseudonym.key")),
            "partner_feed": partner_feed or SyntheticPartnerFeed(),
            "step_runner": SubprocessStepRunner(model_cache_dir=str(home / "models")),
            "registry": RegistryResource(tracking_uri=local_tracking_uri(home)),
            "serving_backend": LocalServingBackend(home=str(home), model_cache_dir=str(home / "models")),
            "alerts": AlertsResource(webhook_url=alert_webhook),
            "closed_loop": ClosedLoopResource(),
            "canary_policy": CanaryPolicyResource(),
        },
        training_defaults=LOCAL_TRAINING,
        executor=dg.multiprocess_executor.configured(ONE_WAREHOUSE_WRITER | FORK_PRELOADED),
        synthetic_partner=True,
        first_day=first_day,
    )


def k8s_profile(first_day: str = DEFAULT_FIRST_DAY, *, alert_webhook: str | None = None) -> Profile:
    """Endpoints and secrets come from the pod's environment (Helm values, Kubernetes Secrets), at run time.

    The S3 endpoint is boto3's own `AWS_ENDPOINT_URL_S3`/`AWS_ENDPOINT_URL`, so AWS needs nothing
    and MinIO or SeaweedFS only that variable.
    """
    return Profile(
        name="k8s",
        resources={
            "object_store": S3ObjectStoreResource(
                bucket=dg.EnvVar("LIFECYCLE_S3_BUCKET"), prefix="lifecycle", s3=S3Resource()
            ),
            "warehouse": WarehouseResource(database=dg.EnvVar("LIFECYCLE_WAREHOUSE")),
            "pseudonym_key": SecretPseudonymKey(secret=dg.EnvVar("LIFECYCLE_PSEUDONYM_KEY")),
            "partner_feed": PartnerLanding(),
            "step_runner": K8sStepRunner(
                image=dg.EnvVar("LIFECYCLE_TRAINER_IMAGE"),
                namespace=dg.EnvVar("LIFECYCLE_NAMESPACE"),
                queue_name=dg.EnvVar("LIFECYCLE_KUEUE_QUEUE"),
                priority_class=dg.EnvVar("LIFECYCLE_TRAINING_PRIORITY_CLASS"),
                s3_secret_name=dg.EnvVar("LIFECYCLE_S3_SECRET"),
                node_selector={"nvidia.com/gpu.present": "true"},
            ),
            "registry": RegistryResource(tracking_uri=dg.EnvVar("LIFECYCLE_MLFLOW_URI")),
            "serving_backend": K8sServingBackend(
                namespace=dg.EnvVar("LIFECYCLE_NAMESPACE"),
                gateway_image=dg.EnvVar("LIFECYCLE_GATEWAY_IMAGE"),
                s3_secret_name=dg.EnvVar("LIFECYCLE_S3_SECRET"),
                node_selector={"nvidia.com/gpu.present": "true"},
            ),
            "alerts": AlertsResource(webhook_url=alert_webhook),
            "closed_loop": ClosedLoopResource(),
            "canary_policy": CanaryPolicyResource(),
        },
        training_defaults=K8S_TRAINING,
        executor=k8s_job_executor.configured(ONE_WAREHOUSE_WRITER),
        first_day=first_day,
    )


# LIFECYCLE_SETTINGS groups: the training entrypoint's (the adapter's defaults) and the resources'.
TRAINING_GROUPS = ("model", "data", "lora", "train")
EVALUATION_GROUPS = {"eval": EvalArgs, "gate": GateConfig}
RESOURCE_GROUPS = {
    "feed": "partner_feed",
    "loop": "closed_loop",
    "canary": "canary_policy",
    "serving": "serving_backend",
}
SETTING_GROUPS = (*TRAINING_GROUPS, *EVALUATION_GROUPS, *RESOURCE_GROUPS)


def parse_settings(text: str) -> dict[str, dict[str, str]]:
    """`group.field=value` words as {group: {field: value}}; a clear error for anything else."""
    groups: dict[str, dict[str, str]] = {}
    for word in text.split():
        dotted, equals, value = word.partition("=")
        group, _, name = dotted.partition(".")
        if not equals or not name or group not in SETTING_GROUPS:
            raise ConfigError(f"LIFECYCLE_SETTINGS: {word!r} is not group.field=value with a group of {SETTING_GROUPS}")
        groups.setdefault(group, {})[name] = value
    return groups


def with_settings(profile: Profile, text: str) -> Profile:
    """The profile with a deployment's settings applied, each checked by its dataclass or resource."""
    groups = parse_settings(text)
    training = {f"{g}.{n}": v for g in TRAINING_GROUPS for n, v in groups.get(g, {}).items()}
    typed = apply_config(TrainingArgs(), overrides=[f"{k}={v}" for k, v in training.items()])  # types, or a clear error
    defaults = dict(profile.training_defaults) | {
        k: getattr(getattr(typed, k.split(".")[0]), k.split(".")[1]) for k in training
    }
    evaluation = dict(profile.evaluation_defaults)
    for group, settings in EVALUATION_GROUPS.items():
        for name, value in groups.get(group, {}).items():
            evaluation[f"{group}.{name}"] = typed_setting(settings, name, value, f"LIFECYCLE_SETTINGS {group}")
    resources = dict(profile.resources)
    for group, key in RESOURCE_GROUPS.items():
        if group in groups:
            current = resources[key]
            resources[key] = type(current)(**{**current.model_dump(), **groups[group]})  # pydantic checks each field
    interval = resources["closed_loop"].settings().sensor_interval_s
    return replace(
        profile,
        resources=resources,
        training_defaults=defaults,
        evaluation_defaults=evaluation,
        sensor_interval_s=interval,
    )


def profile_from_env(environ: Mapping[str, str] = os.environ) -> Profile:
    name, first_day = environ.get("LIFECYCLE_PROFILE", "local"), environ.get("LIFECYCLE_FIRST_DAY", DEFAULT_FIRST_DAY)
    webhook = environ.get("LIFECYCLE_ALERT_WEBHOOK") or None
    if name == "local":
        home = Path(environ.get("LIFECYCLE_HOME", ".lifecycle"))
        profile = local_profile(home, first_day=first_day, alert_webhook=webhook)
    elif name == "k8s":
        profile = k8s_profile(first_day=first_day, alert_webhook=webhook)
    else:
        raise ValueError(f"LIFECYCLE_PROFILE must be {' or '.join(map(repr, PROFILES))}, not {name!r}")
    return with_settings(profile, environ.get("LIFECYCLE_SETTINGS", ""))


__all__ = ["K8S_TRAINING", "LOCAL_TRAINING", "Profile", "k8s_profile", "local_profile", "profile_from_env"]
