"""Model versions and their aliases: one version per adapter version, aliases that move as documented.

- ``candidate``: the newest version that passed the promotion gate (set when it is registered);
- ``canary``: the version the endpoint serves to a share of members (set by the serving stage);
  cleared when that version is promoted (the canary graduated);
- ``production``: the version every member gets; ``promote`` moves it, ``rollback`` moves it back.

The versions that have been in production are kept, in order, in a tag of the registered model,
so a rollback knows the previous one even after several promotions, and a second rollback goes
one further back instead of returning to the version just rolled back.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .client import RegistryError
from .tracking import ADAPTER_TAG

if TYPE_CHECKING:
    from mlflow import MlflowClient

ALIASES = ("candidate", "canary", "production")
HISTORY_TAG = "lifecycle.production_history"


@dataclass(frozen=True)
class RegisteredVersion:
    name: str
    version: str
    adapter_version: str
    source: str
    created: bool  # False: the adapter version was registered before, nothing new was made


def days_tag(days: Sequence[str]) -> str:
    """ISO days as runs of consecutive days: "2026-11-24..2026-11-30, 2026-12-02" (a tag holds 5000 characters)."""
    runs: list[list[date]] = []
    for day in sorted({date.fromisoformat(d) for d in days}):
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(f"{r[0]}..{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def days_of_tag(tag: str) -> list[str]:
    """The days a `days_tag` names, in order."""
    days = []
    for part in (p.strip() for p in tag.split(",") if p.strip()):
        first, _, last = part.partition("..")
        start, end = date.fromisoformat(first), date.fromisoformat(last or first)
        days += [(start + timedelta(n)).isoformat() for n in range((end - start).days + 1)]
    return days


class ModelRegistry:
    """The registered model `name` and its versions."""

    def __init__(self, client: MlflowClient, name: str):
        self.client, self.name = client, name

    def _ensure_model(self) -> None:
        from mlflow.exceptions import MlflowException

        try:
            self.client.get_registered_model(self.name)
        except MlflowException as err:
            if err.error_code != "RESOURCE_DOES_NOT_EXIST":
                raise
            self.client.create_registered_model(
                self.name, description="LoRA adapters of the member chatbot, registered by genai-lifecycle."
            )

    def find(self, adapter_version: str) -> str | None:
        """The model version holding `adapter_version`, if it was registered."""
        found = self.client.search_model_versions(f"name='{self.name}' and tags.`{ADAPTER_TAG}`='{adapter_version}'")
        return min((v.version for v in found), key=int, default=None)

    def register(
        self, adapter_version: str, source: str, tags: Mapping[str, str], run_id: str | None, description: str = ""
    ) -> RegisteredVersion:
        """A model version for the adapter folder at `source` (its store URI), or the one made before.

        The version and all its tags are one call, so a crash leaves either nothing or a whole
        version; the `candidate` alias is set after it (again on a re-run)."""
        self._ensure_model()
        existing = self.find(adapter_version)
        if existing is None:
            made = self.client.create_model_version(
                self.name, source, run_id=run_id, tags={ADAPTER_TAG: adapter_version, **tags}, description=description
            )
            version, created = made.version, True
        else:
            version, created = existing, False
        self.client.set_registered_model_alias(self.name, "candidate", version)
        return RegisteredVersion(self.name, str(version), adapter_version, self.source(version), created)

    def source(self, version: str) -> str:
        return self.client.get_model_version(self.name, version).source

    def resolve(self, version_or_alias: str) -> str:
        """A version number, or the version an alias points at; a clear error for neither."""
        if version_or_alias.isdigit():
            self.client.get_model_version(self.name, version_or_alias)
            return version_or_alias
        version = self.at(version_or_alias)
        if version is None:
            raise RegistryError(f"{self.name} has no version with alias {version_or_alias!r}")
        return version

    def at(self, alias: str) -> str | None:
        """The version an alias points at, or None (no such alias yet, or no model yet)."""
        from mlflow.exceptions import MlflowException

        try:
            return str(self.client.get_model_version_by_alias(self.name, alias).version)
        except MlflowException as err:
            if err.error_code in ("INVALID_PARAMETER_VALUE", "RESOURCE_DOES_NOT_EXIST", "NOT_FOUND"):
                return None
            raise

    def adapter_at(self, alias: str) -> str | None:
        """The adapter version an alias serves, or None."""
        version = self.at(alias)
        if version is None:
            return None
        return self.client.get_model_version(self.name, version).tags[ADAPTER_TAG]

    def _history(self) -> list[str]:
        tags = self.client.get_registered_model(self.name).tags
        history = json.loads(tags.get(HISTORY_TAG, "[]"))
        current = self.at("production")
        if current and (not history or history[-1] != current):
            history.append(current)  # the alias was moved by hand (MLflow UI): it still counts
        return history

    def _save_history(self, history: list[str]) -> None:
        self.client.set_registered_model_tag(self.name, HISTORY_TAG, json.dumps(history[-200:]))

    def promote(self, version: str) -> tuple[str | None, str]:
        """Move `production` to `version`; (the version it left, the version it is on)."""
        self.client.get_model_version(self.name, version)  # a clear error for a version that does not exist
        history = self._history()
        previous = history[-1] if history else None
        if previous != version:
            history.append(version)
            self.client.set_registered_model_alias(self.name, "production", version)
            self.client.set_model_version_tag(self.name, version, "lifecycle.promoted_at", _now())
            self._save_history(history)
        if self.at("canary") == version:
            self.client.delete_registered_model_alias(self.name, "canary")
        return previous, version

    def set_canary(self, version: str) -> str | None:
        """Point `canary` at `version` (the version it left, if any); production's own version is never a canary."""
        self.client.get_model_version(self.name, version)
        if version == self.at("production"):
            raise RegistryError(f"{self.name} version {version} is in production already: it cannot be the canary")
        left = self.at("canary")
        if left != version:
            self.client.set_registered_model_alias(self.name, "canary", version)
            self.client.set_model_version_tag(self.name, version, "lifecycle.canary_at", _now())
        return left

    def end_canary(self, reason: str) -> str | None:
        """Take `canary` off its version (rolled back), saying why on the version; the version it was on."""
        version = self.at("canary")
        if version is not None:
            self.client.delete_registered_model_alias(self.name, "canary")
            self.client.set_model_version_tag(self.name, version, "lifecycle.canary_rolled_back_at", _now())
            self.client.set_model_version_tag(self.name, version, "lifecycle.canary_rollback_reason", reason[:500])
        return version

    def rollback(self) -> tuple[str, str]:
        """Move `production` back to the version before it; (the version rolled back, the one now serving)."""
        history = self._history()
        if not history:
            raise RegistryError(f"{self.name} has no production version: nothing to roll back")
        if len(history) < 2:
            raise RegistryError(
                f"{self.name} version {history[-1]} is the first that was in production: there is no previous one"
            )
        rolled_back, restored = history.pop(), history[-1]
        self.client.set_registered_model_alias(self.name, "production", restored)
        self.client.set_model_version_tag(self.name, rolled_back, "lifecycle.rolled_back_at", _now())
        self._save_history(history)
        return rolled_back, restored


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


__all__ = ["ALIASES", "ModelRegistry", "RegisteredVersion", "days_of_tag", "days_tag"]
