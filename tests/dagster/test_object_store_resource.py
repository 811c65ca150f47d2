"""Both object store resources behind the one interface, inside real materializations."""

from __future__ import annotations

import dagster as dg
import orjson
import polars as pl
from dagster_aws.s3 import S3Resource

from lifecycle_core.store import LocalObjectStore, gzip_lines, read_lines
from lifecycle_core.store.s3 import S3ObjectStore
from resources.object_store import (
    LocalObjectStoreResource,
    ObjectStoreResource,
    S3ObjectStoreResource,
)
from tests.s3_server import S3Server

KEY = "raw/members/date=2026-01-05/part-00000.jsonl.gz"


@dg.asset
def members_drop(object_store: ObjectStoreResource) -> dg.MaterializeResult:
    """A partner drop written through whichever store is configured."""
    store = object_store.store()
    assert store is object_store.store()  # built once per resource instance
    records = [orjson.dumps({"member_id": f"m{i}", "plan": "gold"}) for i in range(10)]
    store.put_bytes(KEY, gzip_lines(records))
    n = len(records)
    return dg.MaterializeResult(metadata={"rows": n, "uri": dg.MetadataValue.path(object_store.uri(KEY))})


@dg.asset(deps=[members_drop])
def members_table(object_store: ObjectStoreResource) -> dg.MaterializeResult:
    """The drop read back and stored as Parquet."""
    store = object_store.store()
    rows = [line.decode() for line in read_lines(store, KEY)]
    df = pl.DataFrame({"raw": rows})
    store.write_parquet("warehouse/members.parquet", df)
    return dg.MaterializeResult(metadata={"rows": store.read_parquet("warehouse/members.parquet").height})


def _materialize(resource: ObjectStoreResource) -> dg.ExecuteInProcessResult:
    result = dg.materialize([members_drop, members_table], resources={"object_store": resource})
    assert result.success
    for key in ("members_drop", "members_table"):
        [mat] = result.asset_materializations_for_node(key)
        assert mat.metadata["rows"].value == 10
    return result


def test_local_resource_in_materialize(tmp_path):
    root = tmp_path / "home" / "objects"  # does not exist yet
    result = _materialize(LocalObjectStoreResource(root=str(root)))
    [mat] = result.asset_materializations_for_node("members_drop")
    assert mat.metadata["uri"].value == (root / KEY).as_uri()
    store = LocalObjectStore(root)
    assert store.list("") == [KEY, "warehouse/members.parquet"]


def test_s3_resource_in_materialize(s3_server: S3Server):
    bucket = s3_server.new_bucket()
    resource = S3ObjectStoreResource(
        bucket=bucket,
        prefix="lifecycle",
        s3=S3Resource(
            endpoint_url=s3_server.endpoint_url,
            aws_access_key_id=s3_server.access_key,
            aws_secret_access_key=s3_server.secret_key,
            region_name=s3_server.region,
        ),
    )
    result = _materialize(resource)
    [mat] = result.asset_materializations_for_node("members_drop")
    assert mat.metadata["uri"].value == f"s3://{bucket}/lifecycle/{KEY}"
    store = S3ObjectStore(s3_server.client(), bucket, "lifecycle")
    assert store.list("") == [KEY, "warehouse/members.parquet"]


def test_s3_resource_reads_endpoint_and_keys_from_env(s3_server: S3Server, monkeypatch):
    # How definitions.py wires production: EnvVar, resolved at run time, never at import.
    monkeypatch.setenv("S3_ENDPOINT_URL", s3_server.endpoint_url)
    monkeypatch.setenv("TEST_S3_KEY_ID", s3_server.access_key)
    monkeypatch.setenv("TEST_S3_SECRET", s3_server.secret_key)
    resource = S3ObjectStoreResource(
        bucket=s3_server.new_bucket(),
        s3=S3Resource(
            endpoint_url=dg.EnvVar("S3_ENDPOINT_URL"),
            aws_access_key_id=dg.EnvVar("TEST_S3_KEY_ID"),
            aws_secret_access_key=dg.EnvVar("TEST_S3_SECRET"),
            region_name="us-east-1",
        ),
    )
    _materialize(resource)
