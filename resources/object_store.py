"""Object store resources: one typed interface, a local class and an S3 class.

Assets and sensors ask for ``ObjectStoreResource`` and call ``.store()``; only definitions.py
decides which class backs it, so no code branches on the profile.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

import dagster as dg
from dagster_aws.s3 import S3Resource
from pydantic import Field, PrivateAttr

from lifecycle_core.store import LocalObjectStore, ObjectStore
from lifecycle_core.store.s3 import S3ObjectStore


class ObjectStoreResource(dg.ConfigurableResource, ABC):
    """Where raw drops, datasets, adapters and reports live."""

    _store: ObjectStore | None = PrivateAttr(default=None)

    def store(self) -> ObjectStore:
        """The core ObjectStore, built on first use and kept for this resource instance."""
        if self._store is None:
            self._store = self._build_store()
        return self._store

    @abstractmethod
    def _build_store(self) -> ObjectStore: ...

    def uri(self, key: str) -> str:
        """Shortcut for asset metadata (``dg.MetadataValue.path(...)``)."""
        return self.store().uri(key)


class LocalObjectStoreResource(ObjectStoreResource):
    """Embedded default: a directory on this machine."""

    root: str = Field(description="Directory holding the objects; created if missing.")

    def _build_store(self) -> ObjectStore:
        return LocalObjectStore(Path(self.root))


class S3ObjectStoreResource(ObjectStoreResource):
    """Production: a bucket (and optional key prefix) on any S3 endpoint, through dagster-aws."""

    bucket: str = Field(description="S3 bucket name.")
    prefix: str = Field(default="", description="Key prefix inside the bucket, e.g. 'lifecycle'.")
    s3: S3Resource = Field(
        description="Endpoint, region and credentials, e.g. S3Resource(endpoint_url=dg.EnvVar(...))."
    )

    def _build_store(self) -> ObjectStore:
        return S3ObjectStore(self.s3.get_client(), self.bucket, self.prefix)


__all__ = ["LocalObjectStoreResource", "ObjectStoreResource", "S3ObjectStoreResource"]
