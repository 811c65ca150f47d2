#!/usr/bin/env bash
# Installs what the tests need (idempotent), lints (ruff, the settings in pyproject.toml) and runs the tests.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
# Lint first: a style or import error fails in seconds, not after the suite.
.venv/bin/ruff check .
.venv/bin/ruff format --check .
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
# The closed loop end to end (tests/e2e/test_closed_loop.py, ~30 min) runs with `scripts/test.sh -m loop`.
MARKS="not gpu and not loop"
for arg in "$@"; do [ "$arg" = "-m" ] && MARKS=""; done
exec .venv/bin/python -m pytest ${MARKS:+-m "$MARKS"} "$@"
