"""Warehouse conversation -> one multi-turn chat example (system, user, assistant, ...)."""

from __future__ import annotations

from collections.abc import Sequence

ROLE_MAP = {"member": "user", "agent": "assistant"}


def chat_example(
    *, id: str, source: str, topic: str, conversation_id: str, system_prompt: str, turns: Sequence[tuple[str, str]]
) -> dict:
    """The one example shape every source produces; ``turns`` are (user|assistant, text)."""
    messages = [{"role": "system", "content": system_prompt}]
    messages += [{"role": role, "content": text} for role, text in turns]
    return {"id": id, "source": source, "topic": topic, "conversation_id": conversation_id, "messages": messages}


def conversation_turns(roles: Sequence[str], texts: Sequence[str]) -> list[tuple[str, str]]:
    """Member/agent messages as alternating user/assistant turns that start with the user and end
    with the assistant.

    Consecutive messages of one role are joined with a newline (chat templates expect strict
    alternation); agent messages before the member's first are dropped (nothing to answer yet);
    member messages after the last agent turn are dropped (no answer to learn from).
    """
    turns: list[list[str]] = []
    for role, text in zip(roles, texts, strict=True):
        mapped = ROLE_MAP.get(role)
        text = text.strip()
        if mapped is None or not text or (not turns and mapped == "assistant"):
            continue
        if turns and turns[-1][0] == mapped:
            turns[-1][1] += "\n" + text
        else:
            turns.append([mapped, text])
    if turns and turns[-1][0] == "user":
        turns.pop()
    return [(role, text) for role, text in turns]


def conversation_example(conv: dict, scrubbed_texts: Sequence[str], system_prompt: str) -> dict:
    """One example per conversation; ``scrubbed_texts`` are its message texts after PII scrubbing."""
    roles = [m["role"] for m in conv["messages"]]
    cid = str(conv["conversation_id"])
    return chat_example(
        id=cid,
        source="conversation",
        topic=str(conv.get("topic") or "unknown"),
        conversation_id=cid,
        system_prompt=system_prompt,
        turns=conversation_turns(roles, scrubbed_texts),
    )
