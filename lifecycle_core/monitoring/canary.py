"""The canary verdict: is the canary version worse than production on live traffic, beyond the noise?

Both arms serve members at the same time (sticky by member), so the comparison is between two
samples of the same traffic since the canary was deployed. Four measures, each one-sided (is the
canary worse?): error rate (5xx, or a canary that failed over to production), the share of answers
an output guardrail acted on, the share of negative feedback, and latency. A measure condemns the
canary only when the difference is significant (Fisher's exact test for the rates, Mann-Whitney U
for latency, at alpha split over the measures) and larger than its margin, so a tiny real
difference on a large sample does not roll back a good version. Nothing is decided before the
canary has its minimum sample, and the decision waits for `min_requests` or `max_minutes`.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from ..common.settings import setting

CANARY, PRODUCTION = "canary", "production"
PROMOTE, ROLLBACK, WAIT = "promote", "rollback", "wait"


@dataclass(frozen=True)
class CanaryConfig:
    """When the canary sensor decides, and what makes a canary worse than production."""

    min_requests: int = setting(200, "Decide once the canary has answered this many requests...")
    max_minutes: float = setting(60.0, "...or once it has been serving this long, whichever comes first.")
    min_sample: int = setting(30, "Fewest canary requests a decision is made on; fewer by max_minutes: roll back.")
    alpha: float = setting(0.05, "Significance of 'the canary is worse', split over the measures (Bonferroni).")
    error_margin: float = setting(0.02, "Error rate the canary may exceed production's by.")
    guardrail_margin: float = setting(
        0.05, "Share of guardrail-filtered answers the canary may exceed production's by."
    )
    feedback_margin: float = setting(0.10, "Share of negative feedback the canary may exceed production's by.")
    min_feedback: int = setting(10, "Feedback answers per arm before negative feedback is compared.")
    latency_margin: float = setting(0.25, "Relative slowdown of the canary's median latency that is tolerated.")

    def __post_init__(self) -> None:
        if self.min_sample < 1 or self.min_requests < self.min_sample:
            raise ValueError("need 1 <= min_sample <= min_requests")
        if not 0 < self.alpha < 1:
            raise ValueError("alpha must be in (0, 1)")


@dataclass
class ArmStats:
    requests: int = 0
    errors: int = 0
    filtered: int = 0  # answers an output guardrail redacted or blocked
    feedback: int = 0
    negative: int = 0
    latencies: list[float] = field(default_factory=list)
    versions: set[str] = field(default_factory=set)

    def summary(self) -> dict:
        rate = _rate
        return {
            "requests": self.requests,
            "error_rate": rate(self.errors, self.requests),
            "guardrail_rate": rate(self.filtered, self.requests),
            "negative_feedback_rate": rate(self.negative, self.feedback),
            "feedback": self.feedback,
            "latency_p50_s": round(statistics.median(self.latencies), 4) if self.latencies else None,
        }


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def arm_stats(lines: Iterable[dict], since_ts: float, versions: dict[str, str]) -> dict[str, ArmStats]:
    """Per arm, the gateway log lines since the canary was deployed, of the versions being compared.

    `versions` is {"production": v, "canary": v}: lines of other versions (an older deployment
    still draining) are not counted. Input-guardrail answers never reached a model and are left out.
    """
    stats = {PRODUCTION: ArmStats(), CANARY: ArmStats()}
    answered: dict[str, str] = {}
    feedback_lines = []
    for line in lines:
        if (line.get("ts") or 0) < since_ts:
            continue
        if line.get("type") == "feedback":
            feedback_lines.append(line)
            continue
        if line.get("type") != "chat" or line.get("arm") not in stats:
            continue
        routed = CANARY if line.get("fallback") else line["arm"]
        if line.get("model_version") != versions.get(line["arm"]):
            continue
        arm = stats[routed]
        arm.requests += 1
        arm.versions.add(str(line.get("model_version")))
        if line.get("fallback") or (line.get("status") or 0) >= 500:
            arm.errors += 1
        elif line.get("status") == 200:
            arm.latencies.append(float(line.get("latency_s") or 0.0))
            if any(t.get("stage") == "output" for t in line.get("guardrails") or []):
                arm.filtered += 1
            if line.get("id"):
                answered[line["id"]] = line["arm"]
    for line in feedback_lines:
        arm = answered.get(line.get("id"))
        if arm is not None:
            stats[arm].feedback += 1
            stats[arm].negative += line.get("rating") == "down"
    return stats


def _fisher_greater(bad_c: int, n_c: int, bad_p: int, n_p: int) -> float:
    """One-sided p-value that the canary's rate of bad outcomes is greater than production's."""
    from scipy.stats import fisher_exact

    if n_c == 0 or n_p == 0:
        return 1.0
    return float(fisher_exact([[bad_c, n_c - bad_c], [bad_p, n_p - bad_p]], alternative="greater").pvalue)


def _slower(canary: list[float], production: list[float]) -> float:
    from scipy.stats import mannwhitneyu

    if len(canary) < 2 or len(production) < 2:
        return 1.0
    return float(mannwhitneyu(canary, production, alternative="greater").pvalue)


@dataclass
class CanaryDecision:
    action: str  # promote | rollback | wait
    reason: str
    measures: list[dict] = field(default_factory=list)
    arms: dict[str, dict] = field(default_factory=dict)
    minutes: float = 0.0

    def tags(self) -> dict[str, str]:
        """The decision and its numbers as run tags (strings, short)."""
        tags = {"lifecycle/canary_decision": self.action, "lifecycle/canary_reason": self.reason[:200],
                "lifecycle/canary_minutes": f"{self.minutes:.1f}"}  # fmt: skip
        for arm, numbers in self.arms.items():
            for name in ("requests", "error_rate", "guardrail_rate", "negative_feedback_rate", "latency_p50_s"):
                tags[f"lifecycle/{arm}_{name}"] = str(numbers.get(name))
        return tags

    def to_json(self) -> dict:
        return asdict(self)


def decide(stats: dict[str, ArmStats], minutes: float, config: CanaryConfig) -> CanaryDecision:
    """Promote, roll back or wait, with the numbers that decided."""
    canary, production = stats[CANARY], stats[PRODUCTION]
    arms = {CANARY: canary.summary(), PRODUCTION: production.summary()}
    ready = canary.requests >= config.min_requests or minutes >= config.max_minutes
    if not ready:
        why = (f"the canary has {canary.requests} of {config.min_requests} requests after {minutes:.1f} of "
               f"{config.max_minutes:g} minutes")  # fmt: skip
        return CanaryDecision(WAIT, why, arms=arms, minutes=minutes)
    if canary.requests < config.min_sample or production.requests < config.min_sample:
        why = (f"after {minutes:.1f} minutes the canary has {canary.requests} and production {production.requests} "
               f"requests, fewer than the {config.min_sample} needed to show it is no worse")  # fmt: skip
        return CanaryDecision(ROLLBACK, why, arms=arms, minutes=minutes)
    alpha = config.alpha / 4
    measures = [
        _rate_measure("error_rate", canary.errors, canary.requests, production.errors, production.requests,
                      config.error_margin, alpha),
        _rate_measure("guardrail_rate", canary.filtered, canary.requests, production.filtered, production.requests,
                      config.guardrail_margin, alpha),
    ]  # fmt: skip
    if canary.feedback >= config.min_feedback and production.feedback >= config.min_feedback:
        measures.append(
            _rate_measure(
                "negative_feedback_rate",
                canary.negative,
                canary.feedback,
                production.negative,
                production.feedback,
                config.feedback_margin,
                alpha,
            )
        )
    measures.append(_latency_measure(canary.latencies, production.latencies, config.latency_margin, alpha))
    worse = [m for m in measures if m["worse"]]
    if worse:
        why = "; ".join(m["why"] for m in worse)
        return CanaryDecision(ROLLBACK, f"the canary is worse than production: {why}", measures, arms, minutes)
    compared = ", ".join(m["measure"] for m in measures)
    why = f"no worse than production on {compared} over {canary.requests} canary requests"
    return CanaryDecision(PROMOTE, why, measures, arms, minutes)


def _rate_measure(name: str, bad_c: int, n_c: int, bad_p: int, n_p: int, margin: float, alpha: float) -> dict:
    rate_c, rate_p = bad_c / n_c, bad_p / n_p
    p_value = _fisher_greater(bad_c, n_c, bad_p, n_p)
    worse = p_value < alpha and rate_c - rate_p > margin
    return {"measure": name, "canary": round(rate_c, 4), "production": round(rate_p, 4), "p_value": round(p_value, 5),
            "margin": margin, "worse": worse,
            "why": f"{name} {rate_c:.3f} vs {rate_p:.3f} (p={p_value:.2g}, margin {margin})"}  # fmt: skip


def _latency_measure(canary: list[float], production: list[float], margin: float, alpha: float) -> dict:
    if not canary or not production:
        return {"measure": "latency", "canary": None, "production": None, "p_value": None, "margin": margin,
                "worse": False, "why": "no answered requests to compare"}  # fmt: skip
    median_c, median_p = statistics.median(canary), statistics.median(production)
    p_value = _slower(canary, production)
    slowdown = median_c / median_p - 1 if median_p > 0 else (math.inf if median_c > 0 else 0.0)
    worse = p_value < alpha and slowdown > margin
    return {"measure": "latency", "canary": round(median_c, 4), "production": round(median_p, 4),
            "p_value": round(p_value, 5), "margin": margin, "worse": worse,
            "why": f"median latency {median_c:.3f}s vs {median_p:.3f}s (+{slowdown:.0%}, p={p_value:.2g})"}  # fmt: skip


__all__ = ["CANARY", "PRODUCTION", "PROMOTE", "ROLLBACK", "WAIT", "ArmStats", "CanaryConfig", "CanaryDecision",
           "arm_stats", "decide"]  # fmt: skip
