"""Shared fixtures: object stores (local and a real loopback S3), an MLflow tracking server, the markers."""

from __future__ import annotations

import os

import pytest

from lifecycle_core.store import LocalObjectStore, ObjectStore
from lifecycle_core.store.s3 import S3ObjectStore
from tests.mlflow_server import MlflowServer
from tests.s3_server import S3Server

# Set while conftest loads, i.e. before any test module imports Hugging Face code.
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "gpu: needs a CUDA GPU")


@pytest.fixture(scope="session")
def s3_server():
    """SeaweedFS on loopback for the whole session; new_bucket() isolates each test."""
    with S3Server() as server:
        yield server


@pytest.fixture(scope="session")
def mlflow_server():
    """A real MLflow tracking server on loopback, shared by the session; tests use their own model names."""
    with MlflowServer() as server:
        yield server


@pytest.fixture(scope="session")
def trained_guardrails():
    """The guardrail classifier trained once per session on the packaged labelled set (MiniLM embeddings)."""
    from lifecycle_core.serving.guardrails import train_guardrail_model
    from lifecycle_core.serving.guardrails.store import INPUT_FILE, OUTPUT_FILE, PACKAGED_DATA, parse_rows
    from lifecycle_core.serving.rag import default_embedder

    rows = [parse_rows((PACKAGED_DATA / name).read_bytes(), name) for name in (INPUT_FILE, OUTPUT_FILE)]
    return train_guardrail_model(*rows, default_embedder(), seed=0)


@pytest.fixture(scope="session")
def guardrail_model(trained_guardrails):
    return trained_guardrails.model


@pytest.fixture
def local_store(tmp_path) -> LocalObjectStore:
    return LocalObjectStore(tmp_path / "store")


@pytest.fixture
def s3_store(s3_server: S3Server) -> S3ObjectStore:
    # A key prefix inside the bucket, so every test also checks prefix handling.
    return S3ObjectStore(s3_server.client(), s3_server.new_bucket(), prefix="lifecycle")


@pytest.fixture(params=["local", "s3"])
def object_store(request: pytest.FixtureRequest) -> ObjectStore:
    """Each test using it runs once per backend; the S3 server starts only if needed."""
    return request.getfixturevalue(f"{request.param}_store")
