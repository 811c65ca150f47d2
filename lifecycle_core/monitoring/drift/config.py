"""What the drift report measures and when a feature, and the day, count as drifted."""

from __future__ import annotations

from dataclasses import dataclass

from ...common.settings import setting

TABULAR = ["topic_mix", "message_length", "conversation_length", "conversation_turns", "plan_mix", "claim_status",
           "denial_reason"]  # fmt: skip
TEXT = ["unknown_word_rate", "tokenizer_oov_rate", "conversation_embedding", "prompt_length",
        "prompt_unknown_word_rate", "prompt_embedding"]  # fmt: skip
SERVING = ["guardrail_trigger_rate", "feedback_rate", "negative_feedback_share", "error_rate", "latency_p95"]


@dataclass(frozen=True)
class DriftConfig:
    """Thresholds and sample sizes of the drift report; a feature drifts when its effect size reaches its
    threshold *and* its test is significant, so a tiny shift on a large sample is not called drift and a
    large-looking one on a handful of rows is not either."""

    seed: int = setting(0, "Seed of every sample and permutation: the same data give the same report.")
    psi_threshold: float = setting(0.2, "PSI at or above which a distribution has moved (0.1 slight, 0.2 the usual).")
    psi_bins: int = setting(10, "Bins of a numeric feature for PSI: reference quantiles (fewer if values repeat).")
    psi_pseudo_count: float = setting(
        0.5, "Added to every bin's count before shares are taken, so an empty bin does not make PSI infinite."
    )
    alpha: float = setting(
        0.05,
        "Family-wise significance level of one day's report: each feature's test runs at alpha divided by "
        "the number of features evaluated (Bonferroni).",
    )
    ks_grid: int = setting(
        2048,
        "Reference points kept per numeric feature: every distinct value up to this many (KS exact), "
        "else this many quantiles (KS within 1/ks_grid).",
    )
    min_reference: int = setting(100, "Fewest reference rows (or texts) a feature needs to be evaluated.")
    min_current: int = setting(30, "Fewest rows (or texts) of the day a feature needs to be evaluated.")
    text_conversations: int = setting(
        5000,
        "Conversations a day whose member text is scrubbed for the text features (a seeded choice); "
        "lengths and mixes count every row.",
    )
    embedding_sample: int = setting(1000, "Texts embedded per side (reference, day), sampled with the seed.")
    embedding_words: int = setting(
        64, "Words kept of each text before it is embedded: the start, where a member says what they need."
    )
    embedding_model: str | None = setting(None, "SentenceTransformer directory for embeddings; none = packaged MiniLM.")
    permutations: int = setting(1000, "Permutations of the MMD test (its smallest p-value is 1 / (permutations + 1)).")
    mmd_threshold: float = setting(
        0.01, "Unbiased MMD^2 (RBF kernel, median bandwidth) at or above which embeddings moved."
    )
    unknown_word_threshold: float = setting(
        0.01, "Rise of the unknown-word rate (share of words never seen in the reference text) that counts as drift."
    )
    oov_min_pieces: int = setting(3, "A word the tokenizer splits into at least this many pieces is out of vocabulary.")
    oov_threshold: float = setting(0.02, "Rise of the tokenizer out-of-vocabulary rate that counts as drift.")
    serving_baseline_days: int = setting(7, "Serving measures of the day are compared with this many days before it.")
    min_requests: int = setting(50, "Fewest requests (day and baseline each) a serving measure needs.")
    rate_threshold: float = setting(
        0.05, "Change of a serving rate (guardrail triggers, feedback, negative feedback) that counts as drift."
    )
    error_rate_threshold: float = setting(0.02, "Change of the error rate (5xx or failover) that counts as drift.")
    latency_threshold: float = setting(0.5, "Relative rise of the p95 latency that counts as drift (0.5 = +50%).")
    verdict_features: list[str] = setting(
        TABULAR + TEXT,
        "Features whose drift makes the day's verdict; the serving measures are reported, not voted "
        "(slow answers are not a reason to retrain).",
    )
    min_drifted: int = setting(1, "Drifted verdict features that make the verdict 'drift'.")

    def __post_init__(self) -> None:
        if not 0 < self.alpha < 1:
            raise ValueError("alpha must be in (0, 1)")
        if self.psi_bins < 2 or self.ks_grid < 16:
            raise ValueError("psi_bins must be >= 2 and ks_grid >= 16")
        if self.min_drifted < 1:
            raise ValueError("min_drifted must be >= 1")
        if self.permutations < 1 or self.embedding_sample < 2:
            raise ValueError("permutations must be >= 1 and embedding_sample >= 2")
        unknown = set(self.verdict_features) - set(TABULAR + TEXT + SERVING)
        if unknown:
            raise ValueError(f"unknown verdict features {sorted(unknown)}; known: {TABULAR + TEXT + SERVING}")
