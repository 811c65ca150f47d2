#!/usr/bin/env bash
# Install, then materialize everything built so far on the embedded defaults: the plan catalog,
# the last 7 days of partner data (landing -> raw -> warehouse) and the fine-tuning dataset.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
source .venv/bin/activate

export LIFECYCLE_PROFILE=local
export LIFECYCLE_HOME="${LIFECYCLE_HOME:-$PWD/.lifecycle}"
export DAGSTER_HOME="${DAGSTER_HOME:-$LIFECYCLE_HOME/dagster}"
mkdir -p "$DAGSTER_HOME"
[ -f "$DAGSTER_HOME/dagster.yaml" ] || cp scripts/dagster.yaml "$DAGSTER_HOME/dagster.yaml"
# The key behind member pseudonyms: made once for a new home, never made up silently afterwards.
KEY="$LIFECYCLE_HOME/secrets/pseudonym.key"
[ -f "$KEY" ] || python -m lifecycle_core.pii.pseudonym create "$KEY"

END=$(date -u -d yesterday +%F)
START=$(date -u -d '7 days ago' +%F)
dagster job execute -m definitions -j plan_catalog_job
dagster asset materialize -m definitions --select 'raw/members,raw/claims,raw/conversations,raw/providers,warehouse/members,warehouse/member_pii,warehouse/claims,warehouse/conversations,warehouse/providers' --partition-range "$START...$END"
dagster asset materialize -m definitions --select 'finetune/dataset'   # its blocking PII check runs with it
# A short CPU training run of the tiny offline base model: the local profile's training settings.
dagster asset materialize -m definitions --select 'model/lora_adapter'

python - <<PY
import duckdb
con = duckdb.connect("$LIFECYCLE_HOME/lifecycle.duckdb", read_only=True)
for (table,) in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema='warehouse' ORDER BY 1").fetchall():
    print(f"warehouse.{table:<14} {con.execute(f'SELECT count(*) FROM warehouse.{table}').fetchone()[0]:>8} rows")
PY
cat <<MSG

Done: $START..$END ingested into $LIFECYCLE_HOME (object store: store/, warehouse: lifecycle.duckdb),
fine-tuning dataset under store/datasets/finetune/ (its card is in the UI: Assets > finetune/dataset),
LoRA adapter under store/adapters/ (loss curve in the UI: Assets > model/lora_adapter).
Open the Dagster UI on the same state:
  source .venv/bin/activate
  export LIFECYCLE_HOME=$LIFECYCLE_HOME DAGSTER_HOME=$DAGSTER_HOME
  dagster dev -w workspace.yaml        # then http://127.0.0.1:3000
MSG
