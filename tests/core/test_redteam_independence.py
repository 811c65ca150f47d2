"""The red-team sets measure the guardrails only while nothing in them, or close to it, is trained on."""

from __future__ import annotations

import json
import re
from pathlib import Path

from lifecycle_core.serving.guardrails.store import INPUT_FILE, PACKAGED_DATA

REDTEAM = Path(__file__).resolve().parents[1] / "data" / "redteam"
NEAR = 0.7  # token Jaccard at or above which a training row is a copy of a red-team prompt, reworded


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"\w+", text.lower()) if len(w) > 1)


def test_no_red_team_prompt_or_near_copy_is_in_the_training_data():
    trained = [words(json.loads(line)["text"]) for line in (PACKAGED_DATA / INPUT_FILE).read_text().splitlines()]
    by_word: dict[str, list[int]] = {}
    for i, row in enumerate(trained):
        for w in row:
            by_word.setdefault(w, []).append(i)
    sets = sorted(REDTEAM.glob("*.jsonl"))
    assert len(sets) >= 2, f"red-team sets missing in {REDTEAM}"
    copies = []
    for path in sets:
        for line in path.read_text().splitlines():
            prompt = json.loads(line)
            mine = words(prompt["text"])
            for i in {i for w in mine for i in by_word.get(w, ())}:
                if len(mine & trained[i]) / len(mine | trained[i]) >= NEAR:
                    copies.append((path.name, prompt["id"]))
    assert not copies, copies
