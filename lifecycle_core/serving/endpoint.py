"""The endpoint's spec, decided from the registry's aliases: what the engine serves and how the gateway routes.

`production` is what every member gets; `canary` (when the alias is set and differs from
production) gets `canary_share` of members, sticky by member. Each served adapter has an engine
name, ``adapter-<adapter version>``, so a new version is loaded beside the old one and the gateway
switches to it without restarting the engine.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..registry import ModelRegistry, RegistryError


class NothingToServe(RegistryError):
    """No version is in production yet."""


@dataclass(frozen=True)
class ServedVersion:
    version: str  # the registry's model version
    adapter_version: str
    source: str  # the adapter folder's store URI

    @property
    def engine_name(self) -> str:
        return f"adapter-{self.adapter_version}"


@dataclass(frozen=True)
class EndpointSpec:
    base_model: str
    production: ServedVersion
    canary: ServedVersion | None
    canary_share: float

    def served(self) -> list[ServedVersion]:
        return [self.production, *([self.canary] if self.canary else [])]

    def describe(self) -> dict:
        return {**asdict(self), "canary_share": self.canary_share if self.canary else 0.0}


def _served(models: ModelRegistry, version: str) -> ServedVersion:
    found = models.client.get_model_version(models.name, version)
    return ServedVersion(version, found.tags["lifecycle.adapter_version"], found.source)


def spec_from_registry(models: ModelRegistry, canary_share: float) -> EndpointSpec:
    if not 0.0 <= canary_share <= 1.0:
        raise ValueError(f"canary_share must be in [0, 1], got {canary_share}")
    production = models.at("production")
    if production is None:
        raise NothingToServe(
            f"{models.name} has no version in production; promote one first: "
            "dagster job execute -m definitions -j promote_job"
        )
    canary = models.at("canary")
    served = _served(models, production)
    base = models.client.get_model_version(models.name, production).tags.get("lifecycle.base_model", "tiny-llama")
    canary_served = _served(models, canary) if canary and canary != production and canary_share > 0 else None
    return EndpointSpec(base, served, canary_served, canary_share if canary_served else 0.0)


__all__ = ["EndpointSpec", "NothingToServe", "ServedVersion", "spec_from_registry"]
