"""One ObjectStore contract, run against the local directory store and a real S3 server."""

from __future__ import annotations

import gzip
import os
import tracemalloc
from pathlib import Path

import orjson
import polars as pl
import pyarrow as pa
import pytest
from boto3.s3.transfer import TransferConfig

from lifecycle_core.store import LocalObjectStore, ObjectNotFound, ObjectStore, gzip_lines, read_lines
from lifecycle_core.store import lines as lines_module
from lifecycle_core.store.s3 import S3ObjectStore

KEY = "raw/members/date=2026-01-05/part-00000.jsonl.gz"


class Boom(RuntimeError):
    pass


def test_put_get_roundtrip_and_overwrite(object_store: ObjectStore):
    object_store.put_bytes("a/b.bin", b"\x00first")
    assert object_store.get_bytes("a/b.bin") == b"\x00first"
    object_store.put_bytes("a/b.bin", b"second")
    assert object_store.get_bytes("a/b.bin") == b"second"
    object_store.put_bytes("empty", b"")
    assert object_store.get_bytes("empty") == b""


def test_missing_key_raises_object_not_found(object_store: ObjectStore, tmp_path: Path):
    with pytest.raises(ObjectNotFound) as info:
        object_store.get_bytes("nope/x.json")
    assert info.value.key == "nope/x.json"
    assert "nope/x.json" in str(info.value)
    for call in (
        lambda: object_store.open_read("nope"),
        lambda: object_store.get_json("nope.json"),
        lambda: object_store.read_parquet("nope.parquet"),
        lambda: list(read_lines(object_store, "nope.jsonl.gz")),
        lambda: object_store.download_file("nope", tmp_path / "out"),
    ):
        with pytest.raises(KeyError):
            call()
        with pytest.raises(FileNotFoundError):
            call()
    assert not (tmp_path / "out").exists()


def test_exists(object_store: ObjectStore):
    assert not object_store.exists("x/y.txt")
    object_store.put_bytes("x/y.txt", b"1")
    assert object_store.exists("x/y.txt")
    assert not object_store.exists("x")  # a "directory" is not an object


def test_list_is_recursive_sorted_and_directory_scoped(object_store: ObjectStore):
    for key in ["raw/a/2.json", "raw/a/1.json", "raw/a/sub/deep/3.json", "raw/ab/x.json", "raw/b"]:
        object_store.put_bytes(key, b"{}")
    expected = ["raw/a/1.json", "raw/a/2.json", "raw/a/sub/deep/3.json"]
    assert object_store.list("raw/a") == expected
    assert object_store.list("raw/a/") == expected  # trailing slash is optional
    assert object_store.list("raw") == sorted(expected + ["raw/ab/x.json", "raw/b"])
    assert object_store.list("") == object_store.list("raw")
    assert object_store.list("raw/missing") == []
    assert object_store.list("raw/b") == []  # an object is not a directory


def test_list_dirs(object_store: ObjectStore):
    for key in ["raw/members/date=2026-01-06/p.gz", "raw/members/date=2026-01-05/p.gz",
                "raw/members/date=2026-01-05/sub/q.gz", "raw/members/top.json", "raw/claims/c.gz"]:  # fmt: skip
        object_store.put_bytes(key, b"1")
    assert object_store.list_dirs("raw/members") == [
        "raw/members/date=2026-01-05/",
        "raw/members/date=2026-01-06/",
    ]
    assert object_store.list_dirs("raw/") == ["raw/claims/", "raw/members/"]
    assert object_store.list_dirs("") == ["raw/"]
    assert object_store.list_dirs("raw/nothing") == []


def test_delete_is_idempotent_and_leaves_no_empty_dirs(object_store: ObjectStore):
    object_store.put_bytes("d/e/f.txt", b"1")
    object_store.put_bytes("d/g.txt", b"1")
    object_store.delete("d/e/f.txt")
    object_store.delete("d/e/f.txt")
    object_store.delete("never/existed")
    assert not object_store.exists("d/e/f.txt")
    assert object_store.list("d") == ["d/g.txt"]
    if isinstance(object_store, LocalObjectStore):  # SeaweedFS lists emptied dirs for minutes
        assert object_store.list_dirs("d") == []


def test_delete_prefix_counts_and_spares_siblings(object_store: ObjectStore):
    for i in range(5):
        object_store.put_bytes(f"run/a/{i}/x.bin", b"1")
    object_store.put_bytes("run/ab/keep.bin", b"1")
    assert object_store.delete_prefix("run/a") == 5
    assert object_store.list("run") == ["run/ab/keep.bin"]
    if isinstance(object_store, LocalObjectStore):  # see above
        assert object_store.list_dirs("run") == ["run/ab/"]
    assert object_store.delete_prefix("run/a") == 0
    with pytest.raises(ValueError):
        object_store.delete_prefix("")


def test_uri(object_store: ObjectStore):
    uri = object_store.uri("raw/x.json")
    if isinstance(object_store, LocalObjectStore):
        assert uri == "file://" + str(object_store.root / "raw" / "x.json")
    else:
        assert isinstance(object_store, S3ObjectStore)
        assert uri == f"s3://{object_store.bucket}/lifecycle/raw/x.json"


def test_put_file_open_read_and_download(object_store: ObjectStore, tmp_path: Path):
    src = tmp_path / "src.txt"
    src.write_bytes(b"line1\nline2\n" * 1000)
    object_store.put_file("files/src.txt", src)
    with object_store.open_read("files/src.txt") as f:
        assert f.readline() == b"line1\n"
        assert f.read(6) == b"line2\n"
        assert len(f.read()) == 12 * 1000 - 12
    object_store.download_file("files/src.txt", tmp_path / "copy.txt")
    assert (tmp_path / "copy.txt").read_bytes() == src.read_bytes()


def test_json_roundtrip_with_sorted_keys(object_store: ObjectStore):
    object_store.put_json("m/manifest.json", {"b": 1, "a": [1, 2], "c": {"z": None, "y": "é"}})
    assert object_store.get_json("m/manifest.json") == {"a": [1, 2], "b": 1, "c": {"y": "é", "z": None}}
    raw = object_store.get_bytes("m/manifest.json")
    assert raw.index(b'"a"') < raw.index(b'"b"') < raw.index(b'"c"')


def test_jsonl_gz_roundtrip_is_deterministic(object_store: ObjectStore):
    lines = [orjson.dumps({"id": 1, "text": "héllo"}), b'{"id":2,"pre":true}', orjson.dumps({"id": 3, "k": [1]})]
    object_store.put_bytes(KEY, gzip_lines(lines))
    assert list(read_lines(object_store, KEY)) == lines
    assert gzip.decompress(object_store.get_bytes(KEY)).count(b"\n") == 3
    assert gzip_lines(lines) == gzip_lines(list(lines))  # no timestamp: same lines, same object
    with pytest.raises(ValueError, match="newline"):
        gzip_lines([b'{"a":1}\n{"b":2}'])


def test_jsonl_gz_large_reads_stream_with_bounded_memory(object_store: ObjectStore, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(lines_module, "BLOCK", 1 << 16)  # memory follows the block size, not the file size
    n = 200_000
    line = b'{"member_id":"m-%06d","plan":"gold","text":"what does my plan cover for physio?"}'
    local = tmp_path / "big.jsonl.gz"
    with gzip.open(local, "wb", compresslevel=1) as out:
        out.writelines(line % i + b"\n" for i in range(n))
    object_store.put_file("big/part-0.jsonl.gz", local)
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_lines(object_store, "big/part-0.jsonl.gz"))
        _, read_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == n
    raw_size = n * len(line % 0)  # ~17 MB uncompressed; streaming must stay far below it
    assert read_peak < raw_size / 5, read_peak
    it = read_lines(object_store, "big/part-0.jsonl.gz")
    assert next(it) == line % 0
    it.close()


def test_parquet_roundtrip_polars_and_arrow(object_store: ObjectStore):
    df = pl.DataFrame({"id": [1, 2, 3], "name": ["a", "b", None], "score": [0.5, 1.5, 2.5]})
    object_store.write_parquet("w/members.parquet", df)
    assert object_store.read_parquet("w/members.parquet").equals(df)
    object_store.write_parquet("w/arrow.parquet", df.to_arrow())
    assert object_store.read_parquet("w/arrow.parquet").equals(df)
    assert object_store.read_parquet("w/arrow.parquet").schema == df.schema
    assert isinstance(df.to_arrow(), pa.Table)


def test_failed_write_leaves_no_object_and_no_temp(object_store: ObjectStore, tmp_path: Path):
    object_store.put_bytes("keep/old.jsonl.gz", b"not replaced")
    seen_mid_write: list[tuple[bool, list[str], list[str]]] = []

    for key in (KEY, "keep/old.jsonl.gz"):
        seen_mid_write.clear()
        with pytest.raises(Boom), object_store.staged_file(key) as staged:
            staged.write_bytes(b"half of it")
            # halfway: nothing new may be visible yet
            seen_mid_write.append((object_store.exists(KEY), object_store.list(""), object_store.list_dirs("")))
            raise Boom("source died")
        assert seen_mid_write == [(False, ["keep/old.jsonl.gz"], ["keep/"])]
    assert not object_store.exists(KEY)
    assert object_store.list("") == ["keep/old.jsonl.gz"]
    assert object_store.get_bytes("keep/old.jsonl.gz") == b"not replaced"
    if isinstance(object_store, LocalObjectStore):
        on_disk = [os.path.join(d, f) for d, _, files in os.walk(object_store.root) for f in files]
        assert on_disk == [str(object_store.root / "keep" / "old.jsonl.gz")]
    else:
        assert isinstance(object_store, S3ObjectStore)
        uploads = object_store.client.list_multipart_uploads(Bucket=object_store.bucket)
        assert uploads.get("Uploads", []) == []


@pytest.mark.parametrize("key", ["", "/abs/key", "a/../b", "..", "a//b", "a/", "./a", "a\\b", ".tmp-x", "d/.tmp-y"])
def test_bad_keys_are_rejected(object_store: ObjectStore, key: str):
    for call in (
        lambda: object_store.put_bytes(key, b"x"),
        lambda: object_store.get_bytes(key),
        lambda: object_store.exists(key),
        lambda: object_store.delete(key),
        lambda: object_store.uri(key),
        lambda: object_store.write_parquet(key, pl.DataFrame({"a": [1]})),
    ):
        with pytest.raises(ValueError):
            call()
    if key:  # "" is the whole store for listing; only malformed prefixes fail
        with pytest.raises(ValueError):
            object_store.list(key + "/")
    assert object_store.list("") == []


def test_local_temp_files_are_hidden(local_store: LocalObjectStore):
    local_store.put_bytes("p/real.json", b"{}")
    (local_store.root / "p" / ".tmp-inflight").write_bytes(b"half")
    (local_store.root / "q").mkdir()
    (local_store.root / "q" / ".tmp-only").write_bytes(b"half")
    assert local_store.list("") == ["p/real.json"]
    assert local_store.list_dirs("") == ["p/"]


def test_local_objects_are_world_readable_files(local_store: LocalObjectStore):
    local_store.put_bytes("a/b.txt", b"x")
    assert (local_store.root / "a" / "b.txt").stat().st_mode & 0o777 == 0o644


def test_s3_put_file_uses_multipart_above_threshold(s3_store: S3ObjectStore, tmp_path: Path):
    mib = 1 << 20
    store = S3ObjectStore(
        s3_store.client, s3_store.bucket, "mp",
        TransferConfig(multipart_threshold=5 * mib, multipart_chunksize=5 * mib),
    )  # fmt: skip
    src = tmp_path / "big.bin"
    src.write_bytes(os.urandom(11 * mib))
    store.put_file("model/adapter.safetensors", src)
    head = store.client.head_object(Bucket=store.bucket, Key="mp/model/adapter.safetensors")
    assert head["ETag"].strip('"').endswith("-3")  # three parts: 5 + 5 + 1 MiB
    assert store.get_bytes("model/adapter.safetensors") == src.read_bytes()
    store.download_file("model/adapter.safetensors", tmp_path / "back.bin")
    assert (tmp_path / "back.bin").read_bytes() == src.read_bytes()


def test_uri_of_a_prefix(object_store: ObjectStore):
    assert object_store.prefix_uri("landing/claims/") == object_store.uri("landing/claims")
