"""The gateway's request log as warehouse tables: one day replaced at a time, so a re-run leaves one copy.

The log lines (``serving_log/date=YYYY-MM-DD/part-*.jsonl``, written by the gateway's request
log, already de-identified) become three tables in the ``monitoring`` schema: ``requests`` (one
row per chat request: arm, versions, status, latency, tokens), ``guardrail_triggers`` (one row
per trigger, by stage, kind and action) and ``feedback``. Lines of an unknown type or without an
id are counted, not loaded: a newer gateway's lines never break an older loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import polars as pl

from ..serving.gateway.request_log import read_day
from ..store import ObjectStore
from ..warehouse.connection import transaction

SCHEMA = "monitoring"

TABLES: dict[str, dict[str, pl.DataType]] = {
    "requests": {
        "partition_date": pl.Date,
        "ts": pl.Datetime("us", "UTC"),
        "id": pl.String,
        "member": pl.String,
        "key_id": pl.String,
        "arm": pl.String,  # the arm that answered
        "routed_arm": pl.String,  # the arm the member is routed to: a canary that failed over counts here
        "model_version": pl.String,
        "status": pl.Int32,
        "error": pl.String,
        "fallback": pl.Boolean,
        "latency_s": pl.Float64,
        "ttft_s": pl.Float64,
        "prompt_tokens": pl.Int32,
        "completion_tokens": pl.Int32,
        "finish_reason": pl.String,
        "stream": pl.Boolean,
        "guardrail_triggers": pl.Int32,
        "prompt": pl.String,
        "answer": pl.String,
    },
    "guardrail_triggers": {
        "partition_date": pl.Date,
        "ts": pl.Datetime("us", "UTC"),
        "request_id": pl.String,
        "arm": pl.String,
        "stage": pl.String,
        "guardrail": pl.String,
        "kind": pl.String,
        "action": pl.String,
    },
    "feedback": {
        "partition_date": pl.Date,
        "ts": pl.Datetime("us", "UTC"),
        "response_id": pl.String,
        "member": pl.String,
        "arm": pl.String,
        "rating": pl.String,
        "comment": pl.String,
    },
}

_DUCK_TYPES = {pl.Date: "DATE", pl.String: "VARCHAR", pl.Int32: "INTEGER", pl.Float64: "DOUBLE", pl.Boolean: "BOOLEAN"}


def _duck_type(dtype: pl.DataType) -> str:
    return "TIMESTAMPTZ" if isinstance(dtype, pl.Datetime) else _DUCK_TYPES[dtype]


@dataclass
class ServingDay:
    """One day of the log as frames, plus what was skipped."""

    frames: dict[str, pl.DataFrame]
    skipped: dict[str, int] = field(default_factory=dict)

    def rows(self) -> dict[str, int]:
        return {name: frame.height for name, frame in self.frames.items()}


def _joined(texts) -> str | None:
    if texts is None:
        return None
    return "\n".join(texts) if isinstance(texts, list) else str(texts)


def parse_day(day: str, lines: list[dict]) -> ServingDay:
    """The day's log lines as the three tables' rows (the same line twice, e.g. a re-shipped part: once)."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    skipped: dict[str, int] = {}
    seen: set[tuple] = set()
    for line in lines:
        kind = line.get("type")
        identity = (kind, line.get("id"), line.get("ts"))
        if identity in seen:
            skipped["duplicate"] = skipped.get("duplicate", 0) + 1
            continue
        seen.add(identity)
        ts = line.get("ts")
        if kind == "chat" and ts is not None:
            triggers = line.get("guardrails") or []
            rows["requests"].append(
                {
                    "ts": ts,
                    "id": line.get("id"),
                    "member": line.get("member"),
                    "key_id": line.get("key_id"),
                    "arm": line.get("arm"),
                    "routed_arm": "canary" if line.get("fallback") else line.get("arm"),
                    "model_version": line.get("model_version") or None,
                    "status": line.get("status"),
                    "error": line.get("error"),
                    "fallback": bool(line.get("fallback", False)),
                    "latency_s": line.get("latency_s"),
                    "ttft_s": line.get("ttft_s"),
                    "prompt_tokens": line.get("prompt_tokens"),
                    "completion_tokens": line.get("completion_tokens"),
                    "finish_reason": line.get("finish_reason"),
                    "stream": line.get("stream"),
                    "guardrail_triggers": len(triggers),
                    "prompt": _joined(line.get("prompt")),
                    "answer": _joined(line.get("answer")),
                }
            )
            for trigger in triggers:
                rows["guardrail_triggers"].append(
                    {"ts": ts, "request_id": line.get("id"), "arm": line.get("arm")}
                    | {name: trigger.get(name) for name in ("stage", "guardrail", "kind", "action")}
                )
        elif kind == "feedback" and ts is not None and line.get("id"):
            rows["feedback"].append(
                {
                    "ts": ts,
                    "response_id": line["id"],
                    "member": line.get("member"),
                    "arm": line.get("arm"),
                    "rating": line.get("rating"),
                    "comment": _joined(line.get("comment")),
                }
            )
        else:
            skipped[str(kind)] = skipped.get(str(kind), 0) + 1
    frames = {}
    for name, schema in TABLES.items():
        data = [{"partition_date": None, **row} for row in rows[name]]
        source = {**schema, "ts": pl.Float64}
        frame = pl.DataFrame(data, schema=source, orient="row") if data else pl.DataFrame(schema=source)
        frames[name] = frame.with_columns(
            pl.lit(day).str.to_date().alias("partition_date"),
            pl.from_epoch(pl.col("ts") * 1e6, time_unit="us").dt.replace_time_zone("UTC").alias("ts"),
        ).select(list(schema))
    return ServingDay(frames, skipped)


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    for name, schema in TABLES.items():
        columns = ", ".join(f"{column} {_duck_type(dtype)}" for column, dtype in schema.items())
        con.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA}.{name} ({columns})")


def load_day(con: duckdb.DuckDBPyConnection, store: ObjectStore, day: str) -> ServingDay:
    """Replace `day` in the monitoring tables with what the gateways logged that day, in one transaction."""
    parsed = parse_day(day, read_day(store, day))
    ensure_tables(con)
    with transaction(con):
        for name, frame in parsed.frames.items():
            con.execute(f"DELETE FROM {SCHEMA}.{name} WHERE partition_date = ?", [day])
            if frame.height:
                con.register("incoming", frame.to_arrow())
                con.execute(f"INSERT INTO {SCHEMA}.{name} BY NAME SELECT * FROM incoming")
                con.unregister("incoming")
    return parsed


def day_summary(con: duckdb.DuckDBPyConnection, day: str) -> dict:
    """The day by arm: requests, errors, latency percentiles, tokens, guardrail triggers, feedback."""
    by_arm = con.execute(
        f"""
        SELECT routed_arm, count(*) AS requests,
               count(*) FILTER (WHERE status >= 500 OR fallback) AS errors,
               round(quantile_cont(latency_s, 0.5), 4) AS latency_p50_s,
               round(quantile_cont(latency_s, 0.99), 4) AS latency_p99_s,
               coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
               coalesce(sum(completion_tokens), 0) AS completion_tokens,
               coalesce(sum(guardrail_triggers), 0) AS guardrail_triggers
        FROM {SCHEMA}.requests WHERE partition_date = ? GROUP BY routed_arm ORDER BY routed_arm
        """,
        [day],
    ).fetchall()
    columns = ["requests", "errors", "latency_p50_s", "latency_p99_s", "prompt_tokens", "completion_tokens",
               "guardrail_triggers"]  # fmt: skip
    kinds = con.execute(
        f"SELECT kind, action, count(*) FROM {SCHEMA}.guardrail_triggers WHERE partition_date = ? "
        "GROUP BY ALL ORDER BY 3 DESC",
        [day],
    ).fetchall()
    feedback = con.execute(
        f"SELECT arm, rating, count(*) FROM {SCHEMA}.feedback WHERE partition_date = ? GROUP BY ALL ORDER BY ALL",
        [day],
    ).fetchall()
    return {
        "by_arm": {arm: dict(zip(columns, values, strict=True)) for arm, *values in by_arm},
        "guardrail_triggers": {f"{kind}/{action}": n for kind, action, n in kinds},
        "feedback": {f"{arm}/{rating}": n for arm, rating, n in feedback},
    }


__all__ = ["SCHEMA", "TABLES", "ServingDay", "day_summary", "ensure_tables", "load_day", "parse_day"]
