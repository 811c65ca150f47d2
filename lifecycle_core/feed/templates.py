"""Sentence templates rendered with exact PII offsets.

Templates are str.format-style ("Hi, this is {name}."). They are parsed once into
(literal, field) segments; rendering appends segments and, for fields that carry PII, records
where the value landed. Text and ground truth come from one pass, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter

PII_TYPES = (
    "MEMBER_NAME",
    "MEMBER_ID",
    "SSN",
    "PHONE",
    "EMAIL",
    "DATE_OF_BIRTH",
    "ADDRESS",
    "ZIP",
    "CLAIM_NUMBER",
    "NPI",
    "CARD_NUMBER",
    "PRIOR_AUTH_NUMBER",
    "IP_ADDRESS",
    "URL",
)
# Template field -> PII type. Fields not listed (plan names, dollar amounts, service dates, CPT
# codes, provider names) are deliberately unlabeled: they are the look-alikes a scrubber must keep.
FIELD_PII = {
    "name": "MEMBER_NAME",
    "first": "MEMBER_NAME",
    "last": "MEMBER_NAME",
    "mid": "MEMBER_ID",
    "ssn": "SSN",
    "ssn4": "SSN",
    "phone": "PHONE",
    "pphone": "PHONE",
    "email": "EMAIL",
    "dob": "DATE_OF_BIRTH",
    "addr": "ADDRESS",
    "zip": "ZIP",
    "claim": "CLAIM_NUMBER",
    "npi": "NPI",
    "npi2": "NPI",
    "card": "CARD_NUMBER",
    "card4": "CARD_NUMBER",
    "pa": "PRIOR_AUTH_NUMBER",
    "ip": "IP_ADDRESS",
    "url": "URL",
}


@dataclass(frozen=True)
class PiiSpan:
    message_index: int
    start: int
    end: int
    pii_type: str
    value: str


class FormatOnly(str):
    """A template whose fields carry no PII: str.format_map renders it in C."""


# A template is a plain str (no fields), a FormatOnly (fields, none PII), or its segments
# (literal, field or None, PII type or None) when offsets of PII values must be recorded.


def compile_template(text: str):
    segments = []
    for literal, field, spec, conversion in Formatter().parse(text):
        if spec or conversion:
            raise ValueError(f"format specs are not supported in templates: {text!r}")
        segments.append((literal, field, FIELD_PII.get(field) if field is not None else None))
    if all(field is None for _, field, _ in segments):
        return "".join(literal for literal, _, _ in segments)
    if all(pii is None for _, _, pii in segments):
        return FormatOnly(text)
    return tuple(segments)


def compile_table(table: dict[str, tuple[str, ...]]) -> dict[str, tuple]:
    return {key: tuple(compile_template(t) for t in texts) for key, texts in table.items()}


def render(keys, table: dict[str, tuple], values: dict[str, str], rnd, spans: list, index: int) -> str:
    """One message: a random variant of each intent in `keys`, joined by spaces.

    PII spans are appended to `spans` as plain tuples (message index, start, end, type, value);
    PiiSpan objects are only built for callers that ask for them.
    """
    parts: list[str] = []
    append = parts.append
    for key in keys:
        variants = table[key]
        template = variants[int(rnd() * len(variants))]
        if parts:
            append(" ")
        kind = template.__class__
        if kind is str:
            append(template)
        elif kind is FormatOnly:
            append(template.format_map(values))
        else:
            for literal, field, pii in template:
                if literal:
                    append(literal)
                if field is not None:
                    value = values[field]
                    if pii is not None:
                        done = "".join(parts)  # collapse so the offset is one len()
                        parts[:] = (done,)
                        spans.append((index, len(done), len(done) + len(value), pii, value))
                    append(value)
    return "".join(parts)
