"""What the drift report reads: the days' warehouse rows as feature values, member text PII-scrubbed,
the live prompts and the serving measures of the monitoring tables. A table that does not exist (yet)
reads as no rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

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


def read_rows(con, days: Sequence[str], text_conversations: int | None = None, seed: int = 0) -> Rows:
    """The tabular features of `days` (conversations, members, claims) and the member text of their
    conversations (at most `text_conversations` a day)."""
    rows = Rows()
    days = sorted(days)
    if has_table(con, "warehouse", "conversations"):
        rows.categorical["topic_mix"] = _counts(
            con, f"SELECT topic, count(*) FROM warehouse.conversations WHERE {DAYS} GROUP BY 1", days
        )
        _read_conversations(con, days, rows, text_conversations, seed)
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


# Words as text.words() counts them (runs of letters, lower-cased), counted by DuckDB over every row.
WORDS_SQL = "len(regexp_extract_all(lower(coalesce({0}, '')), '[a-z]+(?:''[a-z]+)?'))"


def _read_conversations(con, days: list[str], rows: Rows, text_conversations: int | None, seed: int) -> None:
    """Lengths of every conversation (in SQL); the member text, scrubbed, of at most `text_conversations`
    per day, chosen by a seeded hash of the conversation id (the same ones on every run)."""
    scope = f"FROM warehouse.conversations WHERE {DAYS}"
    lengths = con.execute(
        f"SELECT len(messages)::DOUBLE AS turns, coalesce(list_sum([{WORDS_SQL.format('m.text')} FOR m IN messages]),"
        f" 0)::DOUBLE AS words {scope}",
        [days],
    ).fetchnumpy()
    member = con.execute(
        f"SELECT {WORDS_SQL.format('m.text')}::DOUBLE AS words FROM (SELECT unnest(messages) AS m {scope})"
        " WHERE m.role = ?",
        [days, MEMBER_ROLE],
    ).fetchnumpy()
    rows.numeric["message_length"] = np.asarray(member["words"], np.float64)
    rows.numeric["conversation_length"] = np.asarray(lengths["words"], np.float64)
    rows.numeric["conversation_turns"] = np.asarray(lengths["turns"], np.float64)
    picked = con.execute(
        "SELECT day, roles, texts FROM (SELECT strftime(partition_date, '%Y-%m-%d') AS day, conversation_id,"
        " [m.role FOR m IN messages] AS roles, [m.text FOR m IN messages] AS texts, row_number() OVER"
        f" (PARTITION BY partition_date ORDER BY md5(conversation_id || ?)) AS pick {scope})"
        " WHERE pick <= ? ORDER BY day, conversation_id",
        [str(seed), days, text_conversations or 2**62],
    ).fetchall()
    scrubber = _scrubber(con, days)
    for day, roles, texts in picked:
        roles, texts = roles or [], [t or "" for t in (texts or [])]
        # The whole conversation is scrubbed, so a bare date after "your date of birth?" is caught.
        scrubbed = scrubber.scrub_messages(texts).messages if texts else []
        turns = [text for role, text in zip(roles, scrubbed) if role == MEMBER_ROLE]
        rows.member_texts.setdefault(day, []).extend(turns)
        rows.conversations.append(" ".join(turns))


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
