"""Opening the MLflow store: a sqlite file locally, a tracking server by URI in production."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from mlflow import MlflowClient

HEALTH_TIMEOUT_S = 10.0


class RegistryError(RuntimeError):
    """The registry cannot do what was asked; the message says why and what to do."""


class RegistryUnavailable(RegistryError):
    """The tracking server cannot be reached."""


def local_tracking_uri(home: str | Path) -> str:
    """The embedded store: one sqlite file in the home (MLflow creates its tables on first use)."""
    return f"sqlite:///{Path(home).resolve() / 'mlflow.db'}"


def _check_server(uri: str) -> None:
    # MLflow's client retries an unreachable server for minutes before it fails; ask once, quickly.
    try:
        response = httpx.get(f"{uri.rstrip('/')}/health", timeout=HEALTH_TIMEOUT_S)
    except httpx.HTTPError as err:
        raise RegistryUnavailable(
            f"the MLflow tracking server at {uri} is unreachable ({type(err).__name__}: {err}); "
            "check the registry's tracking_uri (LIFECYCLE_MLFLOW_URI on Kubernetes) and that the server runs"
        ) from err
    if response.status_code != 200:
        raise RegistryUnavailable(f"the MLflow tracking server at {uri} is unhealthy: HTTP {response.status_code}")


def connect(tracking_uri: str) -> MlflowClient:
    """A client for the store at `tracking_uri` (tracking and registry in one place)."""
    from mlflow import MlflowClient

    if not tracking_uri:
        raise RegistryError("the registry's tracking_uri is empty")
    if tracking_uri.startswith(("http://", "https://")):
        _check_server(tracking_uri)
    elif tracking_uri.startswith("sqlite:///"):
        Path(tracking_uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)


__all__ = ["RegistryError", "RegistryUnavailable", "connect", "local_tracking_uri"]
