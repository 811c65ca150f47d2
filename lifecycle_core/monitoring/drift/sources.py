"""What the drift report reads: the days' warehouse rows as feature values, member text PII-scrubbed,
the live prompts and the serving measures of the monitoring tables. A table that does not exist (yet)
reads as no rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .text import words

MEMBER_ROLE = "member"  # the feed's role of member turns (lifecycle_core.feed.conversations)


def has_table(con, schema: str, name: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?", [schema, name]
    ).fetchone()
    return bool(found[0])


def _counts(con, sql: str, days: Sequence[str]) -> dict[str, int]:
    return {str(k): int(n) for k, n in con.execute(sql, [list(days)]).fetchall() if k is not None}


DAYS = "partition_date IN (SELECT unnest(?::DATE[]))"


@dataclass
class Rows:
    """The feature values of a set of days: counts per category, arrays of numbers, scrubbed texts."""

    categorical: dict[str, dict[str, int]] = field(default_factory=dict)
    numeric: dict[str, np.ndarray] = field(default_factory=dict)
    member_texts: dict[str, list[str]] = field(default_factory=dict)  # scrubbed member turns by day
    conversations: list[str] = field(default_factory=list)  # scrubbed member side of each conversation


def read_rows(con, days: Sequence[str]) -> Rows:
    """The tabular features and member text of `days` (conversations, members, claims)."""
    rows = Rows()
    days = sorted(days)
    if has_table(con, "warehouse", "conversations"):
        rows.categorical["topic_mix"] = _counts(
            con, f"SELECT topic, count(*) FROM warehouse.conversations WHERE {DAYS} GROUP BY 1", days
        )
        _read_conversations(con, days, rows)
    if has_table(con, "warehouse", "members"):
        rows.categorical["plan_mix"] = _counts(
            con, f"SELECT plan_id, count(*) FROM warehouse.members WHERE {DAYS} GROUP BY 1", days
        )
    if has_table(con, "warehouse", "claims"):
        rows.categorical["claim_status"] = _counts(
            con, f"SELECT status, count(*) FROM warehouse.claims WHERE {DAYS} GROUP BY 1", days
        )
        rows.categorical["denial_reason"] = _counts(
            con,
            f"SELECT denial_reason, count(*) FROM warehouse.claims WHERE {DAYS} AND status = 'denied' GROUP BY 1",
            days,
        )
    return rows


def _read_conversations(con, days: list[str], rows: Rows) -> None:
    found = con.execute(
        "SELECT strftime(partition_date, '%Y-%m-%d'), [m.role FOR m IN messages], [m.text FOR m IN messages]"
        f" FROM warehouse.conversations WHERE {DAYS} ORDER BY partition_date, conversation_id",
        [days],
    ).fetchall()
    scrubber = _scrubber(con, days)
    message_length, conversation_length, turns = [], [], []
    for day, roles, texts in found:
        roles, texts = roles or [], [t or "" for t in (texts or [])]
        turns.append(len(texts))
        conversation_length.append(sum(len(words(t)) for t in texts))
        # The whole conversation is scrubbed, so a bare date after "your date of birth?" is caught.
        scrubbed = scrubber.scrub_messages(texts).messages if texts else []
        member = [s for role, s in zip(roles, scrubbed) if role == MEMBER_ROLE]
        message_length += [len(words(s)) for s in member]
        rows.member_texts.setdefault(day, []).extend(member)
        rows.conversations.append(" ".join(member))
    rows.numeric["message_length"] = np.asarray(message_length, np.float64)
    rows.numeric["conversation_length"] = np.asarray(conversation_length, np.float64)
    rows.numeric["conversation_turns"] = np.asarray(turns, np.float64)


def _scrubber(con, days: list[str]):
    """The dataset's scrubber: the roster of every member known up to the last day (regexes and the name
    lexicon alone when the warehouse has no member_pii yet)."""
    from lifecycle_core.pii import PiiScrubber

    if not has_table(con, "warehouse", "member_pii"):
        return PiiScrubber()
    from lifecycle_core.finetune.source import load_roster

    return PiiScrubber(load_roster(con, days))


def read_prompts(con, day: str) -> list[str] | None:
    """The day's live prompts (already scrubbed by the gateway); None when there is no request table."""
    if not has_table(con, "monitoring", "requests"):
        return None
    found = con.execute(
        "SELECT prompt FROM monitoring.requests WHERE partition_date = ?::DATE AND prompt IS NOT NULL"
        " AND prompt <> '' ORDER BY ts, id",
        [day],
    ).fetchall()
    return [p for (p,) in found]


@dataclass
class ServingSide:
    requests: int
    guardrail_triggered: int
    errors: int
    feedback: int
    negative_feedback: int
    latency: np.ndarray


def read_serving(con, day: str, baseline_days: int) -> tuple[ServingSide, ServingSide] | None:
    """(the day, the `baseline_days` before it) from monitoring.requests and .feedback; None without them."""
    if not has_table(con, "monitoring", "requests"):
        return None
    window = "partition_date BETWEEN ?::DATE - ?::INTEGER AND ?::DATE"
    side = "CASE WHEN partition_date = ?::DATE THEN 'day' ELSE 'baseline' END"
    parameters = [day, day, baseline_days, day]
    counts = {
        s: (n, g, e)
        for s, n, g, e in con.execute(
            f"SELECT {side}, count(*), count(*) FILTER (WHERE guardrail_triggers > 0),"
            f" count(*) FILTER (WHERE status >= 500 OR fallback) FROM monitoring.requests WHERE {window} GROUP BY 1",
            parameters,
        ).fetchall()
    }
    feedback: dict[str, tuple[int, int]] = {}
    if has_table(con, "monitoring", "feedback"):
        feedback = {
            s: (n, d)
            for s, n, d in con.execute(
                f"SELECT {side}, count(DISTINCT response_id), count(DISTINCT response_id) FILTER"
                f" (WHERE rating = 'down') FROM monitoring.feedback WHERE {window} GROUP BY 1",
                parameters,
            ).fetchall()
        }
    latency = dict.fromkeys(("day", "baseline"), np.zeros(0))
    for s, values in con.execute(
        f"SELECT {side}, list(latency_s) FILTER (WHERE latency_s IS NOT NULL) FROM monitoring.requests"
        f" WHERE {window} GROUP BY 1",
        parameters,
    ).fetchall():
        latency[s] = np.asarray(values or [], np.float64)
    return tuple(
        ServingSide(*counts.get(s, (0, 0, 0)), *feedback.get(s, (0, 0)), latency[s]) for s in ("day", "baseline")
    )


__all__ = ["Rows", "ServingSide", "has_table", "read_prompts", "read_rows", "read_serving"]
