"""The MLflow registry and run tracking: an embedded sqlite store locally, a tracking server on Kubernetes."""

import dagster as dg
import pydantic

from lifecycle_core.registry import ModelRegistry, RunTracker, connect
from lifecycle_core.store import ObjectStore

# The folder of the object store that holds MLflow's artifacts (run files, charts, reports).
ARTIFACTS = "mlflow"


class RegistryResource(dg.ConfigurableResource):
    """Where runs are tracked and model versions registered (tracking and registry in one MLflow store)."""

    tracking_uri: str = pydantic.Field(
        description="sqlite:////abs/path/mlflow.db (embedded) or http(s)://host:port of an MLflow tracking server."
    )
    model_name: str = pydantic.Field(
        default="member-chatbot", description="The registered model the adapters become versions of."
    )

    def registry(self) -> ModelRegistry:
        """Connects first: an unreachable server is a clear error before anything is written."""
        return ModelRegistry(connect(self.tracking_uri), self.model_name)

    def open(self, store: ObjectStore) -> tuple[ModelRegistry, RunTracker]:
        """The registry and the run tracker, with run artifacts in `store`'s mlflow/ folder."""
        client = connect(self.tracking_uri)
        return ModelRegistry(client, self.model_name), RunTracker(client, store.uri(ARTIFACTS))


__all__ = ["ARTIFACTS", "RegistryResource"]
