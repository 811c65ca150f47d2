"""The embedded default base model: a tiny Llama pretrained on another insurer's documents and chats.

It lives in this package (``tiny_llama/``: config.json, model.safetensors, tokenizer.json, the chat
template and ``lifecycle_model.json``, its recipe and checksum), built by ``models/pretrain.py`` on a
GPU and committed, so every laptop, test and pod has the same weights offline. It has the real
architecture and file layout of a hub model: everything that loads, fine-tunes, evaluates or
serves one runs unchanged on it on a CPU. Sizes suit vLLM's CPU backend, which wants head_dim 64.
"""

from __future__ import annotations

import json
from pathlib import Path

TINY = "tiny-llama"
MANIFEST = "lifecycle_model.json"
TINY_DIR = Path(__file__).with_name("tiny_llama")


def tiny_config(vocab_size: int, bos_id: int, eos_id: int, pad_id: int, layers: int = 4):
    from transformers import LlamaConfig

    return LlamaConfig(
        vocab_size=vocab_size,
        hidden_size=256,
        num_attention_heads=4,  # head_dim 64
        num_key_value_heads=2,  # grouped-query attention, as in real Llamas
        num_hidden_layers=layers,
        intermediate_size=688,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        bos_token_id=bos_id,
        eos_token_id=eos_id,
        pad_token_id=pad_id,
    )


def embedded_model() -> Path:
    """The committed model's folder; a clear error if a packaging step left it out."""
    if not (TINY_DIR / MANIFEST).is_file() or not (TINY_DIR / "model.safetensors").is_file():
        raise FileNotFoundError(
            f"the embedded base model is missing from {TINY_DIR}; rebuild it on a GPU with "
            f"`python -m lifecycle_core.models.pretrain --out {TINY_DIR}` (its recipe is in README.md)"
        )
    return TINY_DIR


def read_manifest(folder: str | Path) -> dict | None:
    path = Path(folder) / MANIFEST
    return json.loads(path.read_text()) if path.is_file() else None
