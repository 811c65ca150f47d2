"""S3 backend of ObjectStore (AWS or any S3 endpoint: MinIO, SeaweedFS).

A PUT or a completed multipart upload is atomic in S3, so no temp objects are ever written;
unfinished multipart uploads are invisible to GET and LIST, and s3transfer aborts them on error.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlparse

from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

from .base import ObjectNotFound, ObjectStore, normalize_prefix, validate_key

_MISSING_CODES = {"NoSuchKey", "404", "NotFound"}  # GET says NoSuchKey; HEAD only has a status


def _is_missing(err: ClientError) -> bool:
    return str(err.response.get("Error", {}).get("Code")) in _MISSING_CODES


class _BodyReader(io.RawIOBase):
    """Raw-IO view of a botocore StreamingBody, so callers get a real buffered file object."""

    def __init__(self, body: Any):
        self._body = body

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._body.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._body.close()
        super().close()


class S3ObjectStore(ObjectStore):
    """Objects under ``s3://bucket/prefix``; takes a ready boto3 S3 client."""

    def __init__(
        self,
        client: Any,
        bucket: str,
        prefix: str = "",
        transfer_config: TransferConfig | None = None,
    ):
        self.client = client
        self.bucket = bucket
        self.prefix = normalize_prefix(prefix)
        # boto3's managed transfer: multipart above the threshold (8 MiB by default), parallel parts.
        self.transfer_config = transfer_config or TransferConfig()

    def __repr__(self) -> str:
        return f"S3ObjectStore('s3://{self.bucket}/{self.prefix}')"

    def _full(self, key: str) -> str:
        return self.prefix + validate_key(key)

    def put_bytes(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self._full(key), Body=data)

    def put_file(self, key: str, path: str | Path) -> None:
        self.client.upload_file(str(path), self.bucket, self._full(key), Config=self.transfer_config)

    def get_bytes(self, key: str) -> bytes:
        with self.open_read(key) as f:
            return f.read()

    def open_read(self, key: str) -> BinaryIO:
        try:
            resp = self.client.get_object(Bucket=self.bucket, Key=self._full(key))
        except ClientError as err:
            if _is_missing(err):
                raise ObjectNotFound(key) from None
            raise
        return io.BufferedReader(_BodyReader(resp["Body"]), buffer_size=1 << 20)  # type: ignore[return-value]

    def download_file(self, key: str, path: str | Path) -> None:
        # s3transfer writes to a temp name beside ``path`` and renames it when complete.
        try:
            self.client.download_file(self.bucket, self._full(key), str(path), Config=self.transfer_config)
        except ClientError as err:
            if _is_missing(err):
                raise ObjectNotFound(key) from None
            raise

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._full(key))
        except ClientError as err:
            if _is_missing(err):
                return False
            raise
        return True

    def _pages(self, prefix: str, **kwargs: Any) -> Iterator[dict[str, Any]]:
        paginator = self.client.get_paginator("list_objects_v2")
        yield from paginator.paginate(Bucket=self.bucket, Prefix=self.prefix + normalize_prefix(prefix), **kwargs)

    def _keys(self, page: dict[str, Any]) -> list[str]:
        # Keys ending in "/" are folder markers some tools create; they are not objects here.
        n = len(self.prefix)
        return [o["Key"][n:] for o in page.get("Contents", ()) if not o["Key"].endswith("/")]

    def list(self, prefix: str) -> list[str]:
        return sorted(key for page in self._pages(prefix) for key in self._keys(page))

    def list_versions(self, prefix: str) -> dict[str, str]:
        n = len(self.prefix)
        return {
            o["Key"][n:]: f"{o['LastModified'].isoformat()}-{o.get('ETag', '')}"
            for page in self._pages(prefix)
            for o in page.get("Contents", ())
            if not o["Key"].endswith("/")
        }

    def list_dirs(self, prefix: str) -> list[str]:
        # One delimited listing, so cost grows with the directories, not the objects. AWS and
        # MinIO report only prefixes that hold objects; SeaweedFS keeps an emptied directory
        # (and so its prefix) for a few minutes after its last object is deleted.
        n = len(self.prefix)
        return sorted(
            p["Prefix"][n:] for page in self._pages(prefix, Delimiter="/") for p in page.get("CommonPrefixes", ())
        )

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._full(key))

    def delete_prefix(self, prefix: str) -> int:
        if not normalize_prefix(prefix):
            raise ValueError("delete_prefix needs a non-empty prefix; refusing to wipe the store")
        # List first, then delete: deleting while paginating can upset continuation tokens.
        keys = [o["Key"] for page in self._pages(prefix) for o in page.get("Contents", ())]
        for start in range(0, len(keys), 1000):  # DeleteObjects takes at most 1000 keys
            batch = keys[start : start + 1000]
            resp = self.client.delete_objects(
                Bucket=self.bucket,
                Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True},
            )
            if resp.get("Errors"):
                raise OSError(f"S3 refused to delete objects: {resp['Errors'][:3]}")
        return sum(not k.endswith("/") for k in keys)

    def uri(self, key: str) -> str:
        return f"s3://{self.bucket}/{self._full(key)}"

    def root_uri(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}".rstrip("/")

    def storage_options(self) -> dict[str, str]:
        """This client's endpoint, region and credentials as Rust object_store options (LanceDB's
        `storage_options`), so a library with its own S3 client reaches the same bucket as this one."""
        meta, options = self.client.meta, {}
        if meta.region_name:
            options["region"] = meta.region_name
        # AWS's own endpoint is left to object_store, which addresses buckets virtual-hosted style
        # there; any other endpoint (MinIO, SeaweedFS) is named, and addressed by path.
        host = urlparse(meta.endpoint_url).hostname or ""
        if not host.endswith("amazonaws.com"):
            options["endpoint"] = meta.endpoint_url
            options["allow_http"] = str(meta.endpoint_url.startswith("http://")).lower()
        # boto3 has no public accessor; these are the credentials the client signs its requests with,
        # from whichever source boto3 found them (arguments, environment, profile, instance role).
        credentials = self.client._get_credentials()
        if credentials is not None:
            frozen = credentials.get_frozen_credentials()
            options["aws_access_key_id"], options["aws_secret_access_key"] = frozen.access_key, frozen.secret_key
            if frozen.token:
                options["aws_session_token"] = frozen.token
        return options


__all__ = ["S3ObjectStore"]
