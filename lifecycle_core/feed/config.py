"""Feed configuration and the calendar arithmetic every generator shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..common.settings import setting
from ..raw.layout import DAILY_SOURCES

SOURCES = DAILY_SOURCES  # the partner sends what the landing area expects, one drop per source and day

# Day numbers count from here; they prefix claim and conversation ids, so ids never repeat across days.
EPOCH = date(2000, 1, 1)
# Conversation ids are "CONV-" + 12 digits = 5-digit day number + 7-digit slot.
CONVERSATION_ID_STRIDE = 10_000_000
# Claim ids are "CLM" + 10 digits = 4-digit claim day (days since CLAIM_EPOCH) + 6-digit slot:
# up to a million claims a day, for days from 2020-01-01 to 2047-05-18.
CLAIM_EPOCH = date(2020, 1, 1)
CLAIM_ID_STRIDE = 1_000_000


@dataclass(frozen=True)
class FeedConfig:
    """What the synthetic partner sends; every output is a pure function of this and the day."""

    seed: int = setting(7, "Seed of the whole feed: the same seed and day give byte-identical drops.")
    member_population: int = setting(2_000, "Members that exist; member i is deterministic from (seed, i).")
    conversations_per_day: int = setting(120, "Support conversations in each day's drop.")
    claims_per_day: int = setting(300, "Claims in each day's drop.")
    new_members_per_day: int = setting(10, "Extra members in each day's eligibility file besides those referenced.")
    providers_per_day: int = setting(40, "Provider directory updates per day.")
    provider_population: int = setting(500, "Providers that exist.")
    malformed_share: float = setting(0.01, "Share of lines per source that are malformed (quarantined by ingest).")
    drift_start: date | None = setting(
        None,
        "From this day on (YYYY-MM-DD) the topic mix and message lengths shift "
        "and a new plan appears; none = no drift.",
    )
    drift_strength: float = setting(1.0, "How far the drift moves the feed (0 = not at all).")

    def __post_init__(self) -> None:
        # Fail early: a bad config would otherwise surface as colliding ids or empty files much later.
        if self.member_population < 1 or self.provider_population < 1:
            raise ValueError("member_population and provider_population must be >= 1")
        for name in ("conversations_per_day", "claims_per_day", "new_members_per_day", "providers_per_day"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0")
        if self.claims_per_day > CLAIM_ID_STRIDE:
            raise ValueError(f"claims_per_day must be <= {CLAIM_ID_STRIDE} (claim ids have 10 digits)")
        if self.conversations_per_day > CONVERSATION_ID_STRIDE:
            raise ValueError(f"conversations_per_day must be <= {CONVERSATION_ID_STRIDE}")
        if not 0.0 <= self.malformed_share < 0.5:
            raise ValueError("malformed_share must be in [0, 0.5)")
        if self.drift_strength < 0:
            raise ValueError("drift_strength must be >= 0")


def day_number(day: date) -> int:
    """Days since EPOCH (5 digits of the conversation ids)."""
    n = (day - EPOCH).days
    if not 0 <= n < 100_000:
        raise ValueError(f"day {day} is outside the feed calendar (2000-01-01 .. 2273)")
    return n


def claim_day_number(day: date) -> int:
    """Days since CLAIM_EPOCH (4 digits of the claim ids)."""
    n = (day - CLAIM_EPOCH).days
    if not 0 <= n < 10_000:
        raise ValueError(f"claims can only be generated for days from {CLAIM_EPOCH} to 2047-05-18, not {day}")
    return n


def drift_level(config: FeedConfig, day: date) -> float:
    """0 before drift_start (or without drift); drift_strength from drift_start on."""
    if config.drift_start is None or day < config.drift_start:
        return 0.0
    return config.drift_strength


def hdhp_exists(config: FeedConfig, day: date) -> bool:
    """The drift plan is in the catalog (and in provider networks) from drift_start on."""
    return config.drift_start is not None and day >= config.drift_start


HOURS = tuple(f"T{h:02d}:" for h in range(24))
MINSEC = tuple(f"{s // 60:02d}:{s % 60:02d}Z" for s in range(3600))  # lookup beats formatting in hot loops


def timestamp(day_iso: str, second: int) -> str:
    """ "YYYY-MM-DDTHH:MM:SSZ" for a second of the day (0..86399)."""
    return day_iso + HOURS[second // 3600] + MINSEC[second % 3600]


def hdhp_cohort_size(config: FeedConfig) -> int:
    """Members enrolled in the drift plan; they exist only when a drift is configured.

    They take the member indices just after the population, so member i < member_population
    is the same person whether or not a drift is configured.
    """
    if config.drift_start is None:
        return 0
    return max(1, config.member_population // 10)
