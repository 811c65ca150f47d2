"""A tiny randomly initialised Llama built offline, the default base model for local runs and tests.

It has the real architecture and file layout (config.json, model.safetensors, tokenizer.json),
so every path that loads, fine-tunes, evaluates or serves a hub model runs unchanged on it in
seconds on a CPU. Sizes are chosen for vLLM's CPU backend, which refuses head_dim below 64.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from .tokenizer import build_tokenizer

TINY = "tiny-llama"
# Bump when anything below changes what gets built, so cached copies are not reused.
BUILDER_VERSION = "1"
MANIFEST = "lifecycle_model.json"


def tiny_config(vocab_size: int, bos_id: int, eos_id: int, pad_id: int):
    from transformers import LlamaConfig

    return LlamaConfig(
        vocab_size=vocab_size,
        hidden_size=256,
        num_attention_heads=4,  # head_dim 64
        num_key_value_heads=2,  # grouped-query attention, as in real Llamas
        num_hidden_layers=4,
        intermediate_size=688,
        max_position_embeddings=2048,
        tie_word_embeddings=True,
        bos_token_id=bos_id,
        eos_token_id=eos_id,
        pad_token_id=pad_id,
    )


def build_tiny_model(out_dir: str | Path, *, seed: int = 0, vocab_size: int = 4096) -> Path:
    """Build the tiny model and tokenizer into out_dir, atomically; same seed gives same bytes.

    Built in a temp dir next to out_dir and renamed into place, so a crash never leaves a half
    model where a reader would take it for a whole one. An existing out_dir is replaced.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.tmp-"))
    tmp.chmod(0o755)  # mkdtemp makes it private; the model is shared with other users and pods
    try:
        _build_into(tmp, seed=seed, vocab_size=vocab_size)
        _replace_dir(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def _build_into(folder: Path, *, seed: int, vocab_size: int) -> None:
    # torch and transformers load here, not at import: code that only names TINY stays light.
    import torch
    from transformers import LlamaForCausalLM

    tokenizer = build_tokenizer(vocab_size)
    config = tiny_config(len(tokenizer), tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token_id)
    # A private generator state: seeding the global one would change the caller's randomness.
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = LlamaForCausalLM(config)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    _portable_tokenizer_class(folder)
    manifest = {
        "name": TINY,
        "seed": seed,
        "vocab_size": len(tokenizer),
        "params": sum(p.numel() for p in model.parameters()),
        "builder_version": BUILDER_VERSION,
    }  # no timestamps or timings: the folder must be byte-identical for the same seed
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def _portable_tokenizer_class(folder: Path) -> None:
    # transformers 5 writes its new class name, TokenizersBackend; the older name loads the same
    # tokenizer.json everywhere, including in the vLLM environment, which pins an older release.
    path = folder / "tokenizer_config.json"
    config = json.loads(path.read_text())
    config["tokenizer_class"] = "PreTrainedTokenizerFast"
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")


def _replace_dir(src: Path, dst: Path) -> None:
    """Rename src to dst; an old dst is moved aside first, since rename cannot replace a full dir."""
    old = None
    if dst.exists():
        old = dst.with_name(f".{dst.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        dst.rename(old)
    src.rename(dst)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read_manifest(folder: str | Path) -> dict | None:
    path = Path(folder) / MANIFEST
    return json.loads(path.read_text()) if path.is_file() else None
