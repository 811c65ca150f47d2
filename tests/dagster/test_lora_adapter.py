"""model/lora_adapter end to end on the embedded defaults: warehouse -> dataset -> Pipes subprocess training."""

from __future__ import annotations

import pytest
from peft import PeftConfig

from lifecycle_assets import finetune, training
from lifecycle_core.store import LocalObjectStore
from tests.dagster.conftest import materialize

pytestmark = pytest.mark.slow

FAST = {
    "train": {
        "max_steps": 60,
        "learning_rate": 3e-3,
        "tokens_per_batch": 1024,
        "eval_every": 20,
        "checkpoint_every": 0,
        "early_stopping_patience": 0,
    },
    "lora": {"alpha": 64},
    "data": {"max_seq_len": 512},
}


def test_lora_adapter_trains_through_pipes_and_beats_the_base(local_defs, home, warehouse_ready):
    result = materialize(
        local_defs,
        [finetune.DATASET_KEY, training.ADAPTER_KEY],
        warehouse_ready,
        run_config={"ops": {"model__lora_adapter": {"config": FAST}}},
    )
    assert result.success
    (event,) = [e for e in result.get_asset_materialization_events() if e.asset_key == training.ADAPTER_KEY]
    metadata = event.materialization.metadata
    assert metadata["adapter_val_loss"].value < 0.95 * metadata["base_val_loss"].value
    assert "data:image/png;base64," in metadata["loss_curve"].value
    lineage = metadata["lineage"].value
    assert lineage["base_model"] == "tiny-llama" and lineage["dataset_version"]
    version = event.materialization.tags["dagster/data_version"]
    store = LocalObjectStore(home / "store")
    assert {"adapter_config.json", "adapter_model.safetensors", "metrics.json", "training_config.json"} <= {
        key.rsplit("/", 1)[1] for key in store.list(f"adapters/{version}")
    }
    local = home / "adapter-copy"
    local.mkdir()
    for key in store.list(f"adapters/{version}"):
        store.download_file(key, local / key.rsplit("/", 1)[1])
    assert PeftConfig.from_pretrained(str(local)).r == 16
    messages = [r.user_message or "" for r in warehouse_ready.all_logs(result.run_id)]
    step_logs = [m for m in messages if m.startswith("step ") and "/60  loss " in m]
    assert step_logs, "training progress streams into the run log through Pipes, as readable lines"
    assert len(step_logs) == len(set(step_logs)) and not [m for m in messages if '"event":' in m]  # once, no JSON
