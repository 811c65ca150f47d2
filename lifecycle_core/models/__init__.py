"""Base models: the tiny offline Llama, resolving a configured name to a loadable path, loading.

``resolve_base_model(name, cache_dir)`` maps "tiny-llama", a local folder, an s3:// prefix or a
hub id to what ``from_pretrained`` takes; ``load_base(path)`` returns (model, tokenizer).
Nothing here imports dagster.
"""

from .resolve import load_base, resolve_base_model, tiny_cache_name
from .tiny import BUILDER_VERSION, MANIFEST, TINY, build_tiny_model, read_manifest
from .tokenizer import CHAT_TEMPLATE, PLACEHOLDERS

__all__ = [
    "BUILDER_VERSION",
    "CHAT_TEMPLATE",
    "MANIFEST",
    "PLACEHOLDERS",
    "TINY",
    "build_tiny_model",
    "load_base",
    "read_manifest",
    "resolve_base_model",
    "tiny_cache_name",
]
