"""The validator catches exactly the records the synthetic partner corrupted: no more, no fewer."""

from datetime import date

import pytest

from lifecycle_core.feed import FeedConfig, expected_malformed
from lifecycle_core.feed.partner import write_synthetic_drop
from lifecycle_core.raw.ingest import ingest_partition
from lifecycle_core.raw.layout import DAILY_SOURCES, PLAN_DOCUMENTS
from lifecycle_core.raw.plan_catalog import ingest_plan_documents, read_plan_documents
from lifecycle_core.store import LocalObjectStore

CONFIG = FeedConfig(member_population=400, conversations_per_day=150, claims_per_day=200, malformed_share=0.05)


@pytest.mark.parametrize("day", [date(2026, 2, 1), date(2026, 2, 2), date(2026, 7, 19)])
@pytest.mark.parametrize("source", DAILY_SOURCES)
def test_quarantine_matches_injected_malformed_records(tmp_path, source, day):
    store = LocalObjectStore(tmp_path)
    written = write_synthetic_drop(store, CONFIG, source, day)
    manifest = ingest_partition(store, source, day)
    assert manifest.landing_records == written
    assert manifest.quarantined == expected_malformed(CONFIG, day, source)
    assert manifest.valid == written - manifest.quarantined


def test_plan_catalog_version_follows_content(tmp_path):
    store = LocalObjectStore(tmp_path)
    write_synthetic_drop(store, CONFIG, PLAN_DOCUMENTS, date(2026, 3, 1))
    first = ingest_plan_documents(store)
    assert first.quarantined == 0 and first.plans >= 4
    drifted = FeedConfig(drift_start=date(2026, 4, 1))
    write_synthetic_drop(store, drifted, PLAN_DOCUMENTS, date(2026, 3, 2))
    assert ingest_plan_documents(store).version == first.version  # same catalog, new drop date
    write_synthetic_drop(store, drifted, PLAN_DOCUMENTS, date(2026, 4, 2))
    newer = ingest_plan_documents(store)
    assert newer.version != first.version and newer.plans == first.plans + 1
    version, plans = read_plan_documents(store)
    assert version == newer.version and len(plans) == newer.plans
