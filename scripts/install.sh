#!/usr/bin/env bash
# Installs the project into ./.venv. On a machine without an NVIDIA GPU the CPU build of torch is
# installed first, so nothing below pulls CUDA packages.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS="${LIFECYCLE_EXTRAS:-ml,serving,dev}"
PYTHON="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip uv
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
  if command -v nvidia-smi >/dev/null 2>&1; then
    .venv/bin/python -m pip install -q "torch>=2.4"
  else
    # pip's configured find-links hold the CPU wheel of this exact version.
    .venv/bin/python -m pip install -q "torch==2.13.0"
  fi
fi
# uv resolves the rest in seconds; torch is already satisfied, so it is left alone.
.venv/bin/python -m uv pip install -q --python .venv/bin/python -e ".[${EXTRAS}]"
if .venv/bin/python -c "import torch, sys; sys.exit(0 if 'cu' in torch.__version__ or torch.cuda.is_available() else 1)" 2>/dev/null \
   && ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "warning: a CUDA build of torch was installed on a machine without a GPU" >&2
fi
echo "installed into $(pwd)/.venv"
