#!/usr/bin/env bash
# Install, then run everything built so far on the embedded defaults, as the Dagster UI would: the
# plan catalog, the last 7 days of partner data (landing -> raw -> warehouse) in one run, then
# retrain_job: the fine-tuning dataset, a LoRA adapter, its evaluation report and promotion gate, and
# the registered model version. Runs are launched through the workspace and the daemon, so
# they appear on their job pages and the Overview timeline.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
source .venv/bin/activate

export LIFECYCLE_PROFILE=local
export LIFECYCLE_HOME="${LIFECYCLE_HOME:-$PWD/.lifecycle}"
mkdir -p "$LIFECYCLE_HOME"
# The home's settings, kept for `dagster dev` later: the partitions start at the first day ingested.
ENV_FILE="$LIFECYCLE_HOME/env"
[ -f "$ENV_FILE" ] && source "$ENV_FILE"
export DAGSTER_HOME="${DAGSTER_HOME:-$LIFECYCLE_HOME/dagster}"
export LIFECYCLE_FIRST_DAY="${LIFECYCLE_FIRST_DAY:-$(date -u -d '7 days ago' +%F)}"
printf 'export LIFECYCLE_PROFILE=local LIFECYCLE_HOME=%s DAGSTER_HOME=%s LIFECYCLE_FIRST_DAY=%s\n' \
  "$LIFECYCLE_HOME" "$DAGSTER_HOME" "$LIFECYCLE_FIRST_DAY" > "$ENV_FILE"
mkdir -p "$DAGSTER_HOME"
[ -f "$DAGSTER_HOME/dagster.yaml" ] || cp scripts/dagster.yaml "$DAGSTER_HOME/dagster.yaml"
# The key behind member pseudonyms: made once for a new home, never made up silently afterwards.
KEY="$LIFECYCLE_HOME/secrets/pseudonym.key"
[ -f "$KEY" ] || python -m lifecycle_core.pii.pseudonym create "$KEY"

# The daemon launches queued runs (as under `dagster dev`); stopped, with its children, on exit. The
# instance's storage is created first: a daemon and a launch creating it at once collide.
dagster instance migrate > /dev/null
setsid dagster-daemon run -w workspace.yaml > "$LIFECYCLE_HOME/daemon.log" 2>&1 &
DAEMON=$!
trap 'kill -TERM -- -$DAEMON 2>/dev/null || true; wait $DAEMON 2>/dev/null || true' EXIT

launch() {  # launch a job through the workspace; prints its run id (or why it could not)
  local run_id output
  run_id=$(python -c 'import uuid; print(uuid.uuid4())')
  if ! output=$(dagster job launch -w workspace.yaml --run-id "$run_id" "$@" 2>&1); then
    echo "$output" >&2
    return 1
  fi
  echo "$run_id"
}

START=$LIFECYCLE_FIRST_DAY
END=$(date -u -d yesterday +%F)
echo "ingesting $START..$END and the plan catalog"
CATALOG=$(launch -j plan_catalog_job)
INGEST=$(launch -j ingest_job --tags "{\"dagster/asset_partition_range_start\": \"$START\", \"dagster/asset_partition_range_end\": \"$END\"}")
python scripts/wait_for_runs.py --daemon-pid "$DAEMON" "$CATALOG" "$INGEST"
# The dataset (its blocking PII check gates the adapter), a short CPU training run of the tiny
# offline base model, the evaluation (its blocking gate decides on registration), the registry.
echo "building the dataset, training and evaluating the adapter, registering it if the gate passes"
python scripts/wait_for_runs.py --daemon-pid "$DAEMON" "$(launch -j retrain_job)"
# The first release: the registered candidate goes to production and is served (vLLM on this CPU,
# the gateway in front); both keep running after this script, until `lifecycle endpoint stop`.
echo "promoting the candidate and serving it"
python scripts/wait_for_runs.py --daemon-pid "$DAEMON" "$(launch -j promote_job)"
python scripts/wait_for_runs.py --daemon-pid "$DAEMON" "$(launch -j deploy_job)"

python - <<PY
import duckdb
con = duckdb.connect("$LIFECYCLE_HOME/lifecycle.duckdb", read_only=True)
for (table,) in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema='warehouse' ORDER BY 1").fetchall():
    print(f"warehouse.{table:<14} {con.execute(f'SELECT count(*) FROM warehouse.{table}').fetchone()[0]:>8} rows")
import dagster as dg
from lifecycle_assets.evaluation import EVAL_REPORT_KEY, GATE_CHECK_KEY
from lifecycle_assets.registry import REGISTERED_MODEL_KEY
instance = dg.DagsterInstance.get()
report = instance.get_latest_materialization_event(EVAL_REPORT_KEY)
if report is not None:
    print("\nmodel/eval_report:\n" + report.asset_materialization.metadata["report"].value)
    gate = instance.get_latest_asset_check_evaluation_record(GATE_CHECK_KEY).event.asset_check_evaluation
    print(f"promotion_gate: {'passed' if gate.passed else 'BLOCKED'}: {gate.metadata['why'].value}")
registered = instance.get_latest_materialization_event(REGISTERED_MODEL_KEY)
if registered is not None:
    meta = registered.asset_materialization.metadata
    print(f"model/registered_model: {meta['model'].value} version {meta['version'].value}, aliases {meta['aliases'].value}")
PY
# A key for one member of the warehouse, and the openai client asking the endpoint with it.
MEMBER=$(python -c "import duckdb; print(duckdb.connect('$LIFECYCLE_HOME/lifecycle.duckdb', read_only=True).execute('SELECT member_id FROM warehouse.member_pii ORDER BY member_id LIMIT 1').fetchone()[0])")
KEY=$(lifecycle keys create --member "$MEMBER" 2>/dev/null)
URL=$(lifecycle endpoint url)
python - "$URL" "$KEY" <<'PY'
import sys, openai
client = openai.OpenAI(base_url=sys.argv[1], api_key=sys.argv[2])
answer = client.chat.completions.create(model="member-chatbot", max_tokens=64,
                                        messages=[{"role": "user", "content": "What is my deductible?"}])
print(f"\nthe endpoint at {sys.argv[1]} answers: {answer.choices[0].message.content!r}")
PY
cat <<MSG

Done: $START..$END ingested into $LIFECYCLE_HOME (object store: store/, warehouse: lifecycle.duckdb),
fine-tuning dataset under store/datasets/finetune/ (its card is in the UI: Assets > finetune/dataset),
LoRA adapter under store/adapters/ (loss curve in the UI: Assets > model/lora_adapter), its evaluation
under store/evaluations/, the MLflow store in mlflow.db (runs and the registered model).
Open the Dagster UI on the same state:
  source .venv/bin/activate && source $ENV_FILE
  dagster dev -w workspace.yaml        # then http://127.0.0.1:3000
  mlflow ui --backend-store-uri sqlite:///$LIFECYCLE_HOME/mlflow.db --port 5000   # the registry
The endpoint (OpenAI-compatible) is at $URL, model "member-chatbot"; a member's key:
  lifecycle keys create --member $MEMBER
The member chat page: ${URL%/v1}/ (sign in with that key)
  lifecycle endpoint stop              # stops the gateway and the engine
MSG
