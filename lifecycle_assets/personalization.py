"""Personalization: the serving store the gateway reads members' plans and claims from, built from the warehouse."""

import sqlite3
import tempfile
from pathlib import Path

import dagster as dg

from lifecycle_assets.upstream import missing_input
from lifecycle_core.serving.member_facts import CLAIM_FIELDS
from lifecycle_core.serving.member_store import CURRENT_KEY, build_member_store, store_key
from resources.object_store import ObjectStoreResource
from resources.warehouse import WarehouseResource

MEMBER_STORE_KEY = dg.AssetKey(["serving", "member_store"])
INPUT_TABLES = {
    "members": "ingest_job",
    "member_pii": "ingest_job",
    "claims": "ingest_job",
    "plan_benefits": "plan_catalog_job",
}
# The columns the store may hold; anything else (an SSN, a birth date) fails the blocking check.
ALLOWED_COLUMNS = {
    "meta": {"key", "value"},
    "plans": {"plan_id", "record"},
    "members": {"member_key", "plan_id", "coverage_start"},
    "claims": {"member_key", *CLAIM_FIELDS},
    "own_ids": {"member_key", "digest"},
    "names": {"first_name", "last_name"},
}
# Rebuilt whenever a warehouse partition it reads changes (eager, minus "every daily partition exists").
ON_WAREHOUSE_CHANGE = dg.AutomationCondition.eager().without(~dg.AutomationCondition.any_deps_missing())


@dg.asset(
    key=MEMBER_STORE_KEY,
    deps=[dg.AssetKey(["warehouse", table]) for table in INPUT_TABLES],
    group_name="serving",
    kinds={"sqlite"},
    automation_condition=ON_WAREHOUSE_CHANGE.with_label("on any warehouse change"),
    check_specs=[
        dg.AssetCheckSpec(
            "holds_only_what_the_gateway_needs",
            asset=MEMBER_STORE_KEY,
            blocking=True,
            description="Every table and column of the store is one the gateway needs: no SSN, birth date or contact data.",
        )
    ],
)
def member_store(context: dg.AssetExecutionContext, object_store: ObjectStoreResource, warehouse: WarehouseResource):
    """What the gateway personalizes answers with, by member pseudonym: plan, claims, and digests of the member's
    own identifiers (no SSN, no birth date, no contact data in clear). The gateway picks up a new version on its own."""
    for table in warehouse.missing_tables(INPUT_TABLES):
        raise missing_input(MEMBER_STORE_KEY, dg.AssetKey(["warehouse", table]), job=INPUT_TABLES[table])
    store = object_store.store()
    with tempfile.TemporaryDirectory() as tmp:
        with warehouse.connect(read_only=True) as con:
            built = build_member_store(con, Path(tmp) / "members.sqlite")
        columns = _columns(built.path)
        if not store.exists(store_key(built.version)):
            store.put_file(store_key(built.version), built.path)
        store.put_json(CURRENT_KEY, {"version": built.version, "key": store_key(built.version)})
    context.log.info(f"serving store {built.version}: {built.members} members, {built.claims} claims")
    yield dg.MaterializeResult(
        metadata={
            "version": built.version,
            "members": built.members,
            "claims": built.claims,
            "plans": built.plans,
            "uri": store.uri(store_key(built.version)),
            "columns": dg.MetadataValue.json(columns),
        },
        data_version=dg.DataVersion(built.version),
    )
    extra = {t: sorted(set(cols) - ALLOWED_COLUMNS.get(t, set())) for t, cols in columns.items()}
    extra = {t: cols for t, cols in extra.items() if cols or t not in ALLOWED_COLUMNS}
    yield dg.AssetCheckResult(
        check_name="holds_only_what_the_gateway_needs",
        passed=not extra,
        metadata={"unexpected_columns": dg.MetadataValue.json(extra)},
        description="Every table and column of the store is one the gateway needs (no SSN, birth date or contact data).",
    )


def _columns(path: Path) -> dict[str, list[str]]:
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: [r[1] for r in db.execute(f"PRAGMA table_info({t})")] for t in tables}
    finally:
        db.close()


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[member_store])


__all__ = ["MEMBER_STORE_KEY", "defs", "member_store"]
