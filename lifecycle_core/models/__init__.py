"""Base models: the embedded pretrained tiny Llama, resolving a configured name to a loadable path, loading.

``resolve_base_model(name, cache_dir)`` maps "tiny-llama" (the committed model, see tiny.py and
pretrain.py), a local folder, an s3:// prefix or a hub id to what ``from_pretrained`` takes;
``load_base(path)`` returns (model, tokenizer). Nothing here imports dagster.
"""

from .resolve import load_base, resolve_base_model
from .tiny import MANIFEST, TINY, TINY_DIR, embedded_model, read_manifest
from .tokenizer import CHAT_TEMPLATE, PLACEHOLDERS

__all__ = [
    "CHAT_TEMPLATE",
    "MANIFEST",
    "PLACEHOLDERS",
    "TINY",
    "TINY_DIR",
    "embedded_model",
    "load_base",
    "read_manifest",
    "resolve_base_model",
]
