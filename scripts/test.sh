#!/usr/bin/env bash
# Installs what the tests need (idempotent) and runs them. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
exec .venv/bin/python -m pytest -m "not gpu" "$@"
