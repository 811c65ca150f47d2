"""The MLflow registry and run tracking: an embedded sqlite store locally, a tracking server on Kubernetes."""

import dagster as dg
import pydantic

from lifecycle_core.registry import ModelRegistry, RegistryError, RunTracker, connect
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

    def _connect(self):
        # Connecting checks the server: an unreachable one is a step failure that says so, before anything is written.
        try:
            return connect(self.tracking_uri)
        except RegistryError as err:
            raise dg.Failure(str(err)) from err

    def registry(self) -> ModelRegistry:
        return ModelRegistry(self._connect(), self.model_name)

    def open(self, store: ObjectStore) -> tuple[ModelRegistry, RunTracker]:
        """The registry and the run tracker, with run artifacts in `store`'s mlflow/ folder."""
        client = self._connect()
        return ModelRegistry(client, self.model_name), RunTracker(client, store.uri(ARTIFACTS))


__all__ = ["ARTIFACTS", "RegistryResource"]
