"""Guardrails around the member chatbot: input checks before the model, an output filter on its answer.

    inputs, outputs = default_guardrails(load_guardrail_model(store), roster)
    verdict = inputs.check(messages)                 # None, or block / redirect with the reply to send
    answer = outputs.start(is_own=lambda pii_type, value: ...)
    for piece in stream:
        emit = answer.feed(piece)                    # emit.text is safe to send; emit.blocked stops it
    emit = answer.finish()

Input, in order: abuse, others_data, prompt_injection, unsafe_medical (a redirect to 988, 911 and
Poison Control), harmful_offtopic. Output, in order: foreign_identifier (redact), medical_advice,
impolite. Each is rules over a shared normalizer plus a linear classifier over MiniLM embeddings
and character n-grams (model.py). Plain Python: no dagster here.
"""

from ...pii import Roster
from .config import DEFAULT_CONFIG, GuardrailConfig, TrainConfig
from .input import InputGuardrails
from .model import GuardrailModel, GuardrailModelError
from .output import OutputFilter, OutputGuardrails, OwnCheck
from .store import load_guardrail_model
from .training import TrainedGuardrails, train_guardrail_model
from .verdict import Emit, Verdict


def default_guardrails(
    model: GuardrailModel | None, roster: Roster | None = None, config: GuardrailConfig = DEFAULT_CONFIG
) -> tuple[InputGuardrails, OutputGuardrails]:
    """The gateway's input and output guardrails; model None (none trained yet): rules only."""
    return InputGuardrails(model, config), OutputGuardrails(model, roster, config)


__all__ = [
    "Emit",
    "GuardrailConfig",
    "GuardrailModel",
    "GuardrailModelError",
    "InputGuardrails",
    "OutputFilter",
    "OutputGuardrails",
    "OwnCheck",
    "TrainConfig",
    "TrainedGuardrails",
    "Verdict",
    "default_guardrails",
    "load_guardrail_model",
    "train_guardrail_model",
]
