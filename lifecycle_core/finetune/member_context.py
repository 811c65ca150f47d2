"""Each conversation's own member's context, as the gateway would have shown it on that day.

Training examples carry the serving block (``serving.context.context_block`` over
``serving.member_facts.member_context``) so the adapter learns to read it; the block is then
scrubbed together with the conversation, so its claim numbers become the same placeholders as in
the messages. Plan passages are left out here (see ``build_dataset``): retrieval runs at serving.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..serving.context import MemberContext
from ..serving.member_facts import CLAIM_FIELDS, member_context

if TYPE_CHECKING:
    import duckdb


def _as_of(conv: Mapping) -> str | None:
    started = conv.get("started_at")
    if isinstance(started, datetime | date):
        return started.isoformat()[:10]
    if started:
        return str(started)[:10]
    day = conv.get("partition_date")
    return str(day)[:10] if day else None


class MemberContexts:
    """Lookups of plan and claims for the members of a window's conversations, loaded once."""

    def __init__(self, plans: Mapping[str, Mapping], plan_of: Mapping[str, str], claims: Mapping[str, list[dict]]):
        self.plans, self.plan_of, self.claims = plans, plan_of, claims

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection, days: list[str], plans: list[Mapping]) -> MemberContexts:
        window = (
            "SELECT DISTINCT member_key FROM warehouse.conversations WHERE partition_date IN (SELECT unnest(?::DATE[]))"
        )
        plan_rows = con.execute(
            f"SELECT member_key, plan_id FROM warehouse.members WHERE member_key IN ({window})"
            " AND partition_date <= ?::DATE"
            " QUALIFY row_number() OVER (PARTITION BY member_key ORDER BY partition_date DESC) = 1",
            [days, max(days)],
        ).fetchall()
        cursor = con.execute(
            f"SELECT member_key, {', '.join(CLAIM_FIELDS)} FROM warehouse.claims WHERE member_key IN ({window})"
            " AND partition_date <= ?::DATE"
            " QUALIFY row_number() OVER (PARTITION BY claim_id ORDER BY partition_date DESC) = 1",
            [days, max(days)],
        )
        claims: dict[str, list[dict]] = {}
        for row in cursor.fetchall():
            claims.setdefault(row[0], []).append(dict(zip(CLAIM_FIELDS, row[1:])))
        return cls({p["plan_id"]: p for p in plans}, dict(plan_rows), claims)

    def __call__(self, conv: Mapping) -> MemberContext | None:
        """The member's context on the conversation's day; None if the member or plan is unknown."""
        plan = self.plans.get(self.plan_of.get(conv.get("member_key"), ""))
        as_of = _as_of(conv)
        if plan is None or as_of is None:
            return None
        return member_context(plan, self.claims.get(conv["member_key"], ()), as_of)


__all__ = ["MemberContexts"]
