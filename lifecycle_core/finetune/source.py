"""What the fine-tuning dataset reads from the warehouse: the window's conversations, plans, the roster."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lifecycle_core.pii import Roster

if TYPE_CHECKING:  # only connections are passed in: a training pod imports this package without DuckDB
    import duckdb

CONVERSATION_COLUMNS = "conversation_id, member_key, channel, topic, started_at, resolved, csat, agent_id, messages"
ROSTER_COLUMNS = "member_id, first_name, last_name, date_of_birth, ssn, phone, email, street, city, state, zip"
FETCH_ROWS = 5_000


class NoConversations(LookupError):
    """The warehouse has no conversation on any day: there is nothing to build a dataset from."""


@dataclass
class DatasetInputs:
    con: duckdb.DuckDBPyConnection
    days: list[str]
    plans: list[dict]
    plan_version: str | None

    def conversations(self) -> Iterator[dict]:
        """The window's conversations, streamed in a stable order (day, id)."""
        cursor = self.con.execute(
            f"SELECT strftime(partition_date, '%Y-%m-%d') AS partition_date, {CONVERSATION_COLUMNS}"
            " FROM warehouse.conversations WHERE partition_date IN (SELECT unnest(?::DATE[]))"
            " ORDER BY partition_date, conversation_id",
            [self.days],
        )
        names = [column[0] for column in cursor.description]
        while rows := cursor.fetchmany(FETCH_ROWS):
            for row in rows:
                yield dict(zip(names, row))


def available_days(con: duckdb.DuckDBPyConnection, window_days: int) -> list[str]:
    rows = con.execute(
        "SELECT DISTINCT strftime(partition_date, '%Y-%m-%d') AS day FROM warehouse.conversations"
        " ORDER BY day DESC LIMIT ?",
        [window_days],
    ).fetchall()
    return sorted(day for (day,) in rows)


def dataset_inputs(con: duckdb.DuckDBPyConnection, window_days: int) -> DatasetInputs:
    days = available_days(con, window_days)
    if not days:
        raise NoConversations("warehouse.conversations is empty: materialize the warehouse first")
    cursor = con.execute("SELECT * FROM warehouse.plan_benefits ORDER BY plan_id")
    names = [column[0] for column in cursor.description]
    plans = [dict(zip(names, row)) for row in cursor.fetchall()]
    versions = {plan["version"] for plan in plans}
    return DatasetInputs(con, days, plans, versions.pop() if len(versions) == 1 else None)


def load_roster(con: duckdb.DuckDBPyConnection, days: list[str]) -> Roster:
    """Every member known up to the window's last day (latest record per member), not only the window's."""
    cursor = con.execute(
        f"SELECT {ROSTER_COLUMNS} FROM warehouse.member_pii WHERE partition_date <= ?::DATE"
        " QUALIFY row_number() OVER (PARTITION BY member_key ORDER BY partition_date DESC) = 1",
        [max(days)],
    )
    names = [column[0] for column in cursor.description]
    return Roster.from_rows(dict(zip(names, row)) for row in cursor.fetchall())
