"""finetune/dataset from the real warehouse: content-versioned, PII-free, gated by a blocking check."""

from __future__ import annotations

import dagster as dg
import orjson

from lifecycle_assets.training import ADAPTER_KEY
from lifecycle_core.finetune import builder, dataset_prefix
from lifecycle_core.store import LocalObjectStore
from tests.dagster.conftest import materialize

DATASET = dg.AssetKey(["finetune", "dataset"])


def materialize_dataset(defs: dg.Definitions, instance: dg.DagsterInstance, with_downstream: bool = False, **config):
    """The dataset (and its blocking check) from the definitions; with the adapter downstream if asked."""
    keys = [DATASET, ADAPTER_KEY] if with_downstream else [DATASET]
    run_config = {"ops": {"finetune__dataset": {"config": config}}} if config else None
    return materialize(defs, keys, instance, raise_on_error=False, run_config=run_config)


def metadata(result, key=DATASET):
    (event,) = [m for m in result.get_asset_materialization_events() if m.asset_key == key]
    return event.materialization.metadata


def check_passed(result) -> bool:
    (evaluation,) = result.get_asset_check_evaluations()
    return evaluation.passed


def test_dataset_card_version_and_pii_free(local_defs, home, warehouse_ready):
    first = materialize_dataset(local_defs, warehouse_ready)
    assert first.success and check_passed(first)
    meta = metadata(first)
    version = meta["version"].value
    assert first.get_asset_materialization_events()[0].materialization.tags["dagster/data_version"] == version
    assert meta["counts_by_source"].value["conversation"] > 0 and meta["counts_by_source"].value["plan_qa"] > 0
    assert meta["raw_partitions"].value["days"] == ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"]
    assert sum(meta["pii_replacements"].value.values()) > 0
    assert "data:image/png;base64," in meta["token_lengths"].value
    store = LocalObjectStore(home / "store")
    splits = {}
    for split in ("train", "validation", "test"):
        lines = store.get_bytes(f"{dataset_prefix(version)}/{split}.jsonl").splitlines()
        splits[split] = {orjson.loads(line)["conversation_id"] for line in lines}
    assert not (splits["train"] & splits["validation"]) and not (splits["train"] & splits["test"])

    again = materialize_dataset(local_defs, warehouse_ready)
    assert metadata(again)["version"].value == version  # same content, same data version

    window = materialize_dataset(local_defs, warehouse_ready, window_days=2)
    assert metadata(window)["raw_partitions"].value["days"] == ["2026-03-03", "2026-03-04"]
    assert metadata(window)["version"].value != version  # different content, new data version


def test_planted_pii_fails_the_check_and_blocks_downstream(local_defs, warehouse_ready, monkeypatch):
    class LeakyScrubber:  # a scrubber regression: lets everything through
        def __init__(self, real):
            self.real = real

        def scrub_messages(self, messages):
            scrubbed = self.real.scrub_messages(messages)
            scrubbed.messages = list(messages)
            return scrubbed

    real_build = builder.build_dataset
    monkeypatch.setattr(
        "lifecycle_assets.finetune.build_dataset",
        lambda conversations, plans, scrubber, config, **kwargs: real_build(
            conversations, plans, LeakyScrubber(scrubber), config, **kwargs
        ),
    )
    result = materialize_dataset(local_defs, warehouse_ready, with_downstream=True)
    assert not check_passed(result)
    (evaluation,) = result.get_asset_check_evaluations()
    hits = evaluation.metadata["hits_by_type"].value
    assert hits.get("MEMBER_NAME", 0) > 0
    assert all("<" in example["context"] for example in evaluation.metadata["redacted_examples"].value)
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert DATASET in materialized and ADAPTER_KEY not in materialized  # the adapter never trains on it
