"""Open an ObjectStore from a URI, so a subprocess or a pod gets its store from one string.

``file:///abs/root`` gives a LocalObjectStore; ``s3://bucket[/prefix]`` an S3ObjectStore on a
default boto3 client (boto3 itself reads credentials and AWS_ENDPOINT_URL_S3 from the environment).
"""

from __future__ import annotations

from urllib.parse import unquote, urlparse

from .base import ObjectStore
from .local import LocalObjectStore


def open_store(uri: str) -> ObjectStore:
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        if parsed.netloc not in ("", "localhost"):
            raise ValueError(f"file URI must be file:///absolute/path, got {uri!r}")
        path = unquote(parsed.path)
        if not path.startswith("/"):
            raise ValueError(f"file URI needs an absolute path: {uri!r}")
        return LocalObjectStore(path)
    if parsed.scheme == "s3":
        if not parsed.netloc:
            raise ValueError(f"s3 URI needs a bucket: {uri!r}")
        import boto3  # only S3 users need boto3 loaded (and its start-up time)

        from .s3 import S3ObjectStore

        return S3ObjectStore(boto3.client("s3"), parsed.netloc, prefix=parsed.path.strip("/"))
    raise ValueError(f"unsupported store URI {uri!r}: use file:///abs/root or s3://bucket/prefix")


__all__ = ["open_store"]
