"""How plan figures are written everywhere (answers, context blocks, evaluation): as the plan documents print them."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

COPAY_NAMES = {
    "primary_care": "a primary care visit",
    "specialist": "a specialist visit",
    "urgent_care": "urgent care",
    "emergency_room": "an emergency room visit",
    "generic_rx": "generic drugs (30-day supply)",
    "brand_rx": "preferred brand drugs (30-day supply)",
    "mental_health": "a mental health outpatient visit",
}


def usd(amount: float | Decimal) -> str:
    """$2,500 or $12.50, as the plan documents print amounts; exact for DuckDB's Decimal."""
    d = Decimal(str(amount))
    return f"${int(d):,}" if d == d.to_integral_value() else f"${d:,.2f}"


def pct(fraction: float | Decimal) -> str:
    value = Decimal(str(fraction)) * 100
    return f"{value.normalize():f}%" if value != value.to_integral_value() else f"{int(value)}%"


def copays_of(plan: Mapping) -> dict[str, float]:
    """DuckDB returns MAP as a dict; older clients return {"key": [...], "value": [...]}."""
    copays = plan.get("copays") or {}
    if set(copays) == {"key", "value"} and isinstance(copays["key"], list):
        return dict(zip(copays["key"], copays["value"], strict=True))
    return dict(copays)


__all__ = ["COPAY_NAMES", "copays_of", "pct", "usd"]
