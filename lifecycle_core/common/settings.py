"""Settings as dataclass fields with help text, declared once where the code that reads them lives.

The help is ``metadata["help"]``, as in peft's and transformers' argument dataclasses; the Dagster
config classes made from these dataclasses (``resources/settings.py``) show it in the launchpad.
"""

from __future__ import annotations

import copy
from dataclasses import field
from typing import Any


def setting(default: Any, help: str) -> Any:
    """A dataclass field with a default and its help; mutable defaults are copied per instance."""
    if isinstance(default, list | dict | set):
        return field(default_factory=lambda: copy.deepcopy(default), metadata={"help": help})
    return field(default=default, metadata={"help": help})


__all__ = ["setting"]
