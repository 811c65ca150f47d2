"""The code location's own definitions (definitions.build_defs) on real local resources under a temporary home."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from definitions import build_defs
from lifecycle_core.pii.pseudonym import create_dev_key
from resources.partner_feed import SyntheticPartnerFeed
from resources.profiles import Profile, local_profile

# Small enough for 2 cores, large enough that malformed records and every topic occur.
SMALL_FEED = SyntheticPartnerFeed(
    member_population=300,
    conversations_per_day=40,
    claims_per_day=60,
    new_members_per_day=5,
    providers_per_day=10,
    malformed_share=0.03,
)


def small_local_profile(home: Path) -> Profile:
    """The local profile as definitions.py builds it, with a smaller synthetic partner."""
    return local_profile(home, partner_feed=SMALL_FEED)


@pytest.fixture
def home(tmp_path) -> Path:
    """A LIFECYCLE_HOME as the quick start leaves it before the first run: only the pseudonym key."""
    home = tmp_path / "lifecycle"
    create_dev_key(home / "secrets" / "pseudonym.key")
    return home


@pytest.fixture
def local_defs(home) -> dg.Definitions:
    return build_defs(small_local_profile(home))


def run_ingest(defs: dg.Definitions, start: str, end: str, instance: dg.DagsterInstance | None = None):
    """One run of ingest_job over a range of days, as a single-run backfill does it."""
    job = defs.resolve_job_def("ingest_job")
    return job.execute_in_process(
        instance=instance or dg.DagsterInstance.ephemeral(),
        tags={"dagster/asset_partition_range_start": start, "dagster/asset_partition_range_end": end},
        raise_on_error=False,
    )


def materialize(defs: dg.Definitions, keys: list[dg.AssetKey], instance: dg.DagsterInstance, **kwargs):
    """Materialize `keys` and their checks with the definitions' own resources, as the UI does."""
    job = defs.resolve_implicit_job_def_def_for_assets(keys)
    return job.execute_in_process(instance=instance, asset_selection=keys, **kwargs)


@pytest.fixture
def warehouse_ready(local_defs) -> dg.DagsterInstance:
    """An instance on which four days were ingested and the plan catalog loaded."""
    instance = dg.DagsterInstance.ephemeral()
    assert run_ingest(local_defs, "2026-03-01", "2026-03-04", instance).success
    assert local_defs.resolve_job_def("plan_catalog_job").execute_in_process(instance=instance).success
    return instance
