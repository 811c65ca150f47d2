"""LoRA training entrypoint: config, labels, packing, a real run, kill and resume, Pipes, torchrun."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
import torch

from lifecycle_core.feed import FeedConfig, iter_source_lines, plan_documents
from lifecycle_core.finetune import DatasetConfig, build_dataset, write_dataset
from lifecycle_core.models import TINY, load_base, resolve_base_model
from lifecycle_core.pii import PiiScrubber
from lifecycle_core.store import LocalObjectStore, open_store
from lifecycle_core.training import ConfigError, adapter_version, build_args, load_args, output_prefix
from lifecycle_core.training.checkpoint import MARKER
from lifecycle_core.training.data import IGNORE, collate, encode, encode_all, epoch_batches, pack
from lifecycle_core.training.model import token_loss

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 3, 1)

# Small and fast on 2 CPU cores; many small steps teach the random tiny model more than few big ones.
FAST = {
    "train": {"tokens_per_batch": 512, "learning_rate": 2e-3, "max_steps": 120, "eval_every": 40, "warmup_ratio": 0.05},
    "lora": {"alpha": 128},
    "data": {"max_seq_len": 512},
}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def tiny(cache_dir):
    model, tokenizer = load_base(resolve_base_model(TINY, cache_dir))
    return model.eval(), tokenizer


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """A real dataset: two days of the synthetic feed, scrubbed, built and written to a store."""
    rows = []
    for day in (DAY, DAY + timedelta(1)):
        for line in iter_source_lines(FeedConfig(conversations_per_day=200), day, "conversations"):
            try:
                rec = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            if isinstance(rec, dict):
                rows.append({**rec, "partition_date": day, "member_key": "k" + str(rec.pop("member_id", ""))})
    built = build_dataset(rows, plan_documents(FeedConfig(), DAY), PiiScrubber(), DatasetConfig())
    root = tmp_path_factory.mktemp("data-store")
    write_dataset(LocalObjectStore(root), built)
    return root, built


def run_config(dataset, cache_dir, tmp_path, **groups) -> dict:
    """A config dict on a fresh copy-free store: the dataset store's files are linked, not copied."""
    root, built = dataset
    store_root = tmp_path / "store"
    store_root.mkdir(exist_ok=True)
    if not (store_root / "datasets").exists():
        (store_root / "datasets").symlink_to(root / "datasets")
    config = {
        "model": {"cache_dir": str(cache_dir)},
        "data": {"store_uri": store_root.as_uri(), "dataset_version": built.version},
    }
    for group, values in [*FAST.items(), *groups.items()]:
        config.setdefault(group, {}).update(values)
    return config


# --- config ----------------------------------------------------------------------------------------


def test_config_file_and_overrides_coerce_types(tmp_path):
    path = tmp_path / "run.json"
    path.write_text(
        json.dumps(
            {"data": {"store_uri": "file:///x", "dataset_version": "v1"}, "train": {"max_steps": 10.0, "bf16": False}}
        )
    )
    args = load_args(
        path,
        ["train.learning_rate=1e-4", "data.packing=false", "lora.target_modules=q_proj,v_proj", "train.grad_accum=4"],
    )
    assert (args.train.learning_rate, args.data.packing, args.train.grad_accum) == (1e-4, False, 4)
    assert args.lora.target_modules == ["q_proj", "v_proj"] and args.train.max_steps == 10
    assert args.train.bf16 == "false"
    for bad, match in [
        ("train.learning_rat=1", "unknown config key 'train.learning_rat'"),
        ("optim.lr=1", "unknown config key"),
        ("train.max_steps=ten", "train.max_steps"),
        ("train.seed", "group.field=value"),
    ]:
        with pytest.raises(ConfigError, match=match):
            load_args(path, [bad])
    with pytest.raises(ConfigError, match="required"):
        build_args({})


def test_version_hashes_what_is_learned_not_where_it_is_written():
    base = {"data": {"store_uri": "file:///a", "dataset_version": "v1"}}
    v = adapter_version(build_args(base))
    assert v == adapter_version(build_args(base)) and len(v) == 16
    moved = build_args(base, ["data.store_uri=s3://b/p", "train.checkpoint_every=5", "model.cache_dir=/c"])
    assert adapter_version(moved) == v
    for change in ["train.learning_rate=1e-3", "data.dataset_version=v2", "model.base_model=other", "lora.r=8"]:
        assert adapter_version(build_args(base, [change])) != v
    assert output_prefix(build_args(base)) == f"adapters/{v}"


def test_open_store_file_and_s3(tmp_path, s3_server, monkeypatch):
    local = open_store((tmp_path / "root").as_uri())
    local.put_json("a/b.json", {"x": 1})
    assert (tmp_path / "root/a/b.json").is_file()
    bucket = s3_server.new_bucket()
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", s3_server.endpoint_url)  # boto3 reads it itself
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", s3_server.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", s3_server.secret_key)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    s3 = open_store(f"s3://{bucket}/some/prefix")
    s3.put_json("k.json", {"y": 2})
    assert s3.get_json("k.json") == {"y": 2} and s3.uri("k.json") == f"s3://{bucket}/some/prefix/k.json"
    for bad in ["file://host/x", "s3:///nobucket", "gs://b/p", "file://relative"]:
        with pytest.raises(ValueError):
            open_store(bad)


# --- data ------------------------------------------------------------------------------------------


def test_labels_are_exactly_the_assistant_tokens(tiny, dataset):
    """Same tokens and same mask as the template's own {% generation %} assistant mask."""
    _, tokenizer = tiny
    examples = dataset[1].examples["train"][:40]
    for ex in examples:
        enc = encode(tokenizer, ex["messages"])
        hf = tokenizer.apply_chat_template(
            ex["messages"], tokenize=True, return_dict=True, return_assistant_tokens_mask=True
        )
        assert enc.input_ids == hf["input_ids"]
        assert [int(label != IGNORE) for label in enc.labels] == hf["assistant_masks"]
        assert all(label in (IGNORE, tok) for label, tok in zip(enc.labels, enc.input_ids, strict=True))
    kept, dropped = encode_all(tokenizer, examples, max_seq_len=200)
    assert dropped["too_long"] > 0 and len(kept) + dropped["too_long"] == len(examples)


def test_packing_fills_rows_within_capacity_and_uses_each_example_once():
    import random

    lengths = [random.Random(i).randint(5, 100) for i in range(300)]
    rows = pack(lengths, 128, random.Random(0))
    assert sorted(i for row in rows for i in row) == list(range(300))
    assert all(sum(lengths[i] for i in row) <= 128 for row in rows)
    assert len(rows) <= 1.1 * sum(lengths) / 128 + 1  # near-optimal fill


def test_packed_loss_equals_unpacked_token_weighted_mean(tiny, dataset):
    """Attention stays inside each document: packing changes nothing but speed."""
    model, tokenizer = tiny
    encoded, _ = encode_all(tokenizer, dataset[1].examples["validation"][:12], max_seq_len=1024)
    packed = epoch_batches(encoded, 1024, 2048, packing=True, seed=0)
    assert max(len(row) for batch in packed for row in batch) > 1  # rows really hold several examples
    with torch.no_grad():
        packed_sum = sum(float(token_loss(model, collate(b, encoded, 0), False)) for b in packed)
        single = [float(token_loss(model, collate([[i]], encoded, 0), False)) for i in range(len(encoded))]
    n_labels = sum(e.n_labels - (e.labels[0] != IGNORE) for e in encoded)
    unpacked_mean = sum(single) / n_labels
    assert abs(packed_sum / n_labels - unpacked_mean) < 1e-4
    # Stronger than the mean: each document's logits inside a packed row equal its logits alone.
    batch = collate([[0, 1]], encoded, 0)
    with torch.no_grad():
        together = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits
        alone = model(input_ids=torch.tensor([encoded[1].input_ids]), use_cache=False).logits
    torch.testing.assert_close(together[0, len(encoded[0]) :], alone[0], atol=1e-4, rtol=1e-4)


# --- training --------------------------------------------------------------------------------------


def test_training_beats_base_and_writes_a_peft_adapter(dataset, cache_dir, tmp_path, capsys):
    from peft import PeftModel

    from lifecycle_core.training.train import main

    args = build_args(run_config(dataset, cache_dir, tmp_path))
    metrics = main(args)
    store, prefix = open_store(args.data.store_uri), output_prefix(args)
    assert metrics["adapter_val_loss"] < 0.8 * metrics["base_val_loss"]
    assert metrics["steps"] == 120 and len(metrics["curve"]) == 120
    assert {"step", "train_loss", "val_loss", "lr", "tokens_per_s"} <= set(metrics["curve"][0])
    keys = {k.removeprefix(prefix + "/") for k in store.list(prefix)}
    assert {
        "adapter_config.json",
        "adapter_model.safetensors",
        "tokenizer.json",
        "training_config.json",
        "metrics.json",
    } <= keys and not any(k.startswith("checkpoints/") for k in keys)
    assert store.get_json(f"{prefix}/metrics.json")["adapter_val_loss"] == metrics["adapter_val_loss"]
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    assert events[-1]["event"] == "materialization" and events[-1]["data_version"] == adapter_version(args)

    local = tmp_path / "adapter"
    for key in store.list(prefix):
        dest = local / key.removeprefix(prefix + "/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        store.download_file(key, dest)
    base, _ = load_base(resolve_base_model(TINY, cache_dir))
    loaded = PeftModel.from_pretrained(base, local)
    assert loaded.peft_config["default"].r == args.lora.r

    again = main(args)  # same inputs: the stored adapter is reused, nothing retrained
    assert again["reused"] and again["adapter_val_loss"] == metrics["adapter_val_loss"]


def _trainer(config_path: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    env.pop("DAGSTER_PIPES_CONTEXT", None)
    return subprocess.Popen(
        [sys.executable, "-m", "lifecycle_core.training", "--config", str(config_path), *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def _events(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_killed_run_resumes_from_its_last_checkpoint(dataset, cache_dir, tmp_path):
    config = run_config(dataset, cache_dir, tmp_path, train={"max_steps": 40, "checkpoint_every": 10, "eval_every": 20})
    path = tmp_path / "run.json"
    path.write_text(json.dumps(config))
    args = load_args(path)
    store, prefix = open_store(args.data.store_uri), output_prefix(args)
    proc = _trainer(path)
    deadline = time.monotonic() + 300
    while not store.list(f"{prefix}/checkpoints") or not any(k.endswith(MARKER) for k in store.list(prefix)):
        assert proc.poll() is None and time.monotonic() < deadline, "no checkpoint before the run ended"
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    complete = sorted(k for k in store.list(prefix) if k.endswith(MARKER))
    killed_at = int(complete[-1].split("step-")[1].split("/")[0])
    assert 10 <= killed_at < 40 and not store.exists(f"{prefix}/metrics.json")

    again = _trainer(path)
    out, _ = again.communicate(timeout=300)
    assert again.returncode == 0, out[-3000:]
    events = _events(out)
    resumed = [e for e in events if e["event"] == "resumed"]
    assert resumed == [{"event": "resumed", "step": killed_at, "planned_steps": 40}]
    assert not any(e["event"] == "base_eval" for e in events)  # the base loss came from the checkpoint
    metrics = store.get_json(f"{prefix}/metrics.json")
    assert metrics["steps"] == 40 and metrics["resumed_from_step"] == killed_at
    assert [p["step"] for p in metrics["curve"]] == list(range(1, 41))  # the curve survives the kill
    assert metrics["base_val_loss"] is not None


# --- progress and several processes ----------------------------------------------------------------


def test_progress_goes_through_dagster_pipes_when_launched_by_it(tmp_path, monkeypatch):
    """The real dagster_pipes protocol (file context and messages), without dagster itself."""
    from dagster_pipes import encode_param

    from lifecycle_core.common.progress import open_progress

    context = tmp_path / "context.json"
    context.write_text(
        json.dumps(
            {
                "asset_keys": ["model/lora_adapter"],
                "code_version_by_asset_key": None,
                "provenance_by_asset_key": None,
                "partition_key": None,
                "partition_key_range": None,
                "partition_time_window": None,
                "run_id": "r1",
                "job_name": None,
                "retry_number": 0,
                "extras": {},
            }
        )
    )
    messages = tmp_path / "messages.jsonl"
    monkeypatch.setenv("DAGSTER_PIPES_CONTEXT", encode_param({"path": str(context)}))
    monkeypatch.setenv("DAGSTER_PIPES_MESSAGES", encode_param({"path": str(messages)}))
    with open_progress() as progress:
        progress.event("step", step=10, train_loss=1.5, lr=1e-4, tokens_per_s=900.0)
        progress.finish({"adapter_val_loss": 1.2, "dropped": {"train": {"too_long": 1}}}, "abc123")
    sent = [json.loads(line) for line in messages.read_text().splitlines()]
    methods = [m["method"] for m in sent]
    assert methods[0] == "opened" and methods[-1] == "closed" and "log" in methods
    log = next(m for m in sent if m["method"] == "log")
    assert log["params"]["message"] == "step 10  loss 1.50  900 tok/s"  # a line a person reads in the run log
    mat = next(m for m in sent if m["method"] == "report_asset_materialization")
    assert mat["params"]["data_version"] == "abc123"
    assert mat["params"]["metadata"]["dropped"] == {"raw_value": {"train": {"too_long": 1}}, "type": "json"}


@pytest.mark.slow
def test_torchrun_two_cpu_processes_train_one_adapter(dataset, cache_dir, tmp_path):
    """DDP over gloo: both ranks step together, only rank 0 writes and reports."""
    config = run_config(dataset, cache_dir, tmp_path, train={"max_steps": 12, "eval_every": 6})
    path = tmp_path / "run.json"
    path.write_text(json.dumps(config))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
    env.pop("DAGSTER_PIPES_CONTEXT", None)
    torchrun = Path(sys.executable).with_name("torchrun")
    proc = subprocess.run(
        [
            str(torchrun),
            "--standalone",
            "--nproc_per_node",
            "2",
            "-m",
            "lifecycle_core.training",
            "--config",
            str(path),
        ],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    events = _events(proc.stdout)
    assert sum(e["event"] == "materialization" for e in events) == 1  # one voice per run
    args = load_args(path)
    metrics = open_store(args.data.store_uri).get_json(f"{output_prefix(args)}/metrics.json")
    assert metrics["world_size"] == 2 and metrics["steps"] == 12
    assert metrics["adapter_val_loss"] < metrics["base_val_loss"]


def test_training_reads_and_writes_an_s3_store(dataset, cache_dir, s3_server, monkeypatch):
    """The pod's path: the dataset comes from S3, checkpoints and the adapter go back to S3."""
    from lifecycle_core.store.s3 import S3ObjectStore
    from lifecycle_core.training.train import main

    root, built = dataset
    bucket = s3_server.new_bucket()
    remote = S3ObjectStore(s3_server.client(), bucket, prefix="prod")
    local = LocalObjectStore(root)
    for key in local.list("datasets"):
        remote.put_bytes(key, local.get_bytes(key))
    for name, value in {
        "AWS_ENDPOINT_URL_S3": s3_server.endpoint_url,
        "AWS_ACCESS_KEY_ID": s3_server.access_key,
        "AWS_SECRET_ACCESS_KEY": s3_server.secret_key,
        "AWS_DEFAULT_REGION": s3_server.region,
    }.items():
        monkeypatch.setenv(name, value)
    config = {
        "model": {"cache_dir": str(cache_dir)},
        "data": {"store_uri": f"s3://{bucket}/prod", "dataset_version": built.version, "max_seq_len": 512},
        "lora": {"alpha": 128},
        "train": {
            "tokens_per_batch": 512,
            "learning_rate": 2e-3,
            "max_steps": 30,
            "eval_every": 15,
            "checkpoint_every": 10,
        },
    }
    args = build_args(config)
    metrics = main(args)
    prefix = output_prefix(args)
    assert metrics["adapter_uri"] == f"s3://{bucket}/prod/{prefix}"
    keys = {key.removeprefix(prefix + "/") for key in remote.list(prefix)}
    assert {"adapter_config.json", "adapter_model.safetensors", "metrics.json"} <= keys
    assert not any(key.startswith("checkpoints/") for key in keys)  # removed once the adapter is final
    assert metrics["adapter_val_loss"] < metrics["base_val_loss"]


def test_early_stopping_ends_a_run_that_stops_improving(dataset, cache_dir, tmp_path):
    from lifecycle_core.training.train import main

    # A zero learning rate never improves the validation loss after the first evaluation.
    config = run_config(
        dataset,
        cache_dir,
        tmp_path,
        train={"learning_rate": 0.0, "max_steps": 100, "eval_every": 5, "early_stopping_patience": 2},
    )
    metrics = main(build_args(config))
    assert metrics["stopped_early"] is True
    assert metrics["steps"] < 100 and metrics["best_step"] <= metrics["steps"]


def test_a_run_whose_loss_stops_being_finite_ends_with_the_step_and_writes_nothing(
    dataset, cache_dir, tmp_path, monkeypatch
):

    from lifecycle_core.training import train

    real_step = train.train_step

    def overflowing(run, step):  # the fourth step's loss is NaN, as an overflowing backward leaves it
        loss = real_step(run, step)
        return loss * float("nan") if run.scheduler.last_epoch == 4 else loss

    monkeypatch.setattr(train, "train_step", overflowing)
    args = build_args(run_config(dataset, cache_dir, tmp_path, train={"max_steps": 30, "log_every": 5}))
    with pytest.raises(train.TrainingDiverged, match=r"the training loss is nan at step 4 ") as raised:
        train.main(args)
    assert "no adapter was written" in str(raised.value)
    assert not open_store(args.data.store_uri).exists(f"{output_prefix(args)}/metrics.json")
