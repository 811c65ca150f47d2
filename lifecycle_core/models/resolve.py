"""Turn a configured base-model name into something from_pretrained can load, and load it.

One config string covers every environment: "tiny-llama" locally and in tests, a local folder,
an s3:// prefix where production keeps approved weights (pods cannot reach the hub), or a hub id.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from .tiny import TINY, embedded_model


def resolve_base_model(name_or_path: str, cache_dir: str | Path, *, s3_client=None) -> str:
    """What to pass to from_pretrained for name_or_path; an s3:// prefix is downloaded into cache_dir once."""
    cache_dir = Path(cache_dir)
    if name_or_path == TINY:
        return str(embedded_model())
    if name_or_path.startswith("s3://"):
        return str(_cached_s3(name_or_path, cache_dir, s3_client))
    if Path(name_or_path).is_dir():
        return name_or_path
    return name_or_path  # a hub id; from_pretrained resolves it (or fails clearly when offline)


def split_s3_uri(uri: str) -> tuple[str, str]:
    bucket, _, prefix = uri.removeprefix("s3://").partition("/")
    if not bucket:
        raise ValueError(f"no bucket in {uri!r}")
    return bucket, prefix


def _cached_s3(uri: str, cache_dir: Path, client) -> Path:
    folder = cache_dir / "s3" / hashlib.sha256(uri.rstrip("/").encode()).hexdigest()[:16]
    if folder.is_dir():
        return folder  # only ever created by a rename of a complete download
    if client is None:
        import boto3  # only production needs it; a local run never touches S3

        client = boto3.client("s3")
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.tmp-"))
    try:
        count = _download_prefix(client, uri, tmp)
        if count == 0:
            raise FileNotFoundError(f"no objects under {uri}")
        tmp.chmod(0o755)
        try:
            tmp.rename(folder)
        except OSError:
            if not folder.is_dir():  # not a concurrent download that finished first
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def _download_prefix(client, uri: str, dest: Path) -> int:
    """Copy every object under the prefix into dest, keeping relative paths; returns the count."""
    bucket, prefix = split_s3_uri(uri)
    # A trailing slash so "models/base" does not also pick up "models/base-old/...".
    prefix = prefix.rstrip("/") + "/" if prefix else ""
    count = 0
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            key = obj["Key"]
            rel = PurePosixPath(key[len(prefix) :])
            if key.endswith("/") or not rel.parts:
                continue  # folder markers some tools create
            if ".." in rel.parts or rel.is_absolute():
                raise ValueError(f"refusing object key outside the prefix: {key!r}")
            target = dest.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            client.download_file(bucket, key, str(target))
            count += 1
    return count


def load_base(path_or_id: str, *, dtype=None, device=None, attn_implementation: str | None = None):
    """(model, tokenizer) through AutoModelForCausalLM / AutoTokenizer, the real loading path."""
    from transformers import AutoModelForCausalLM, AutoTokenizer  # heavy; only when loading

    tokenizer = AutoTokenizer.from_pretrained(path_or_id)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token  # many hub models ship without one; batching needs it
    kwargs = {"dtype": dtype} if dtype is not None else {}
    if attn_implementation:
        kwargs["attn_implementation"] = attn_implementation
    model = AutoModelForCausalLM.from_pretrained(path_or_id, **kwargs)
    if device is not None:
        model = model.to(device)
    return model, tokenizer
