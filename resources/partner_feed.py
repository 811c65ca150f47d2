"""Where partner drops come from: a synthetic partner locally, real partners in production."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date

import dagster as dg

from lifecycle_core.feed import FeedConfig
from lifecycle_core.feed.partner import write_synthetic_drop
from lifecycle_core.raw import layout
from lifecycle_core.raw.landing import NoLandingData, is_complete
from lifecycle_core.store import ObjectStore
from resources.settings import config_class, to_dataclass


class PartnerFeedResource(dg.ConfigurableResource, ABC):
    @abstractmethod
    def ensure_drop(self, store: ObjectStore, source: str, day: str) -> int | None:
        """Make sure the day's drop of `source` has landed: rows written now, or None if it already had.

        Raises NoLandingData when it has not landed and cannot be produced.
        """


class SyntheticPartnerFeed(config_class(FeedConfig, PartnerFeedResource, "FeedFields")):
    """The deterministic synthetic partner: drops land on demand, so any day can be materialized (fields: FeedConfig)."""

    def feed_config(self) -> FeedConfig:
        return to_dataclass(self, FeedConfig)

    def ensure_drop(self, store: ObjectStore, source: str, day: str) -> int | None:
        return write_synthetic_drop(store, self.feed_config(), source, date.fromisoformat(day))


class PartnerLanding(PartnerFeedResource):
    """Real partners: their drops are only read, never produced here."""

    def ensure_drop(self, store: ObjectStore, source: str, day: str) -> int | None:
        if not is_complete(store, source, day):
            raise NoLandingData(
                f"the partner drop of {source} for {day} has not landed at {store.prefix_uri(layout.landing_prefix(source, day))}"
            )
        return None


__all__ = ["PartnerFeedResource", "PartnerLanding", "SyntheticPartnerFeed"]
