"""The model registry and run tracking (MLflow): training and evaluation runs, model versions, aliases.

Locally an embedded sqlite store under LIFECYCLE_HOME, on Kubernetes a tracking server; artifacts
go to the object store either way. ``connect`` opens it (an unreachable server is a clear error
before anything is written), ``RunTracker`` logs runs once per adapter or evaluation version, and
``ModelRegistry`` registers adapters once per adapter version and moves the aliases.
"""

from .client import RegistryError, RegistryUnavailable, connect, local_tracking_uri
from .tracking import RunTracker
from .versions import ALIASES, ModelRegistry, RegisteredVersion, days_of_tag, days_tag

__all__ = [
    "ALIASES",
    "ModelRegistry",
    "RegisteredVersion",
    "RegistryError",
    "RegistryUnavailable",
    "RunTracker",
    "connect",
    "days_of_tag",
    "days_tag",
    "local_tracking_uri",
]
