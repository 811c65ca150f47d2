"""The object store: one interface, a local directory and S3 backends, store URIs, the line codec.

``S3ObjectStore`` is imported from ``lifecycle_core.store.s3`` (it needs boto3); everything else is here.
"""

from .base import ObjectNotFound, ObjectStore, normalize_prefix, validate_key
from .lines import gzip_bytes, gzip_lines, iter_lines, join_lines, read_lines
from .local import LocalObjectStore
from .uri import open_store

__all__ = [
    "LocalObjectStore",
    "ObjectNotFound",
    "ObjectStore",
    "gzip_bytes",
    "gzip_lines",
    "iter_lines",
    "join_lines",
    "normalize_prefix",
    "open_store",
    "read_lines",
    "validate_key",
]
