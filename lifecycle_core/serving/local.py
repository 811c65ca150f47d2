"""Where the local serving stack keeps its state under LIFECYCLE_HOME: one place names every path."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ServingHome:
    root: Path  # $LIFECYCLE_HOME/serving

    @classmethod
    def of(cls, home: str | Path | None = None) -> ServingHome:
        home = home or os.environ.get("LIFECYCLE_HOME", ".lifecycle")
        return cls(Path(home).resolve() / "serving")

    @property
    def keys_db(self) -> Path:
        return self.root / "keys.db"

    @property
    def engine_dir(self) -> Path:  # the engine supervisor's pid files, state and logs
        return self.root / "engine"

    @property
    def gateway_dir(self) -> Path:
        return self.root / "gateway"

    @property
    def request_log_spool(self) -> Path:
        return self.root / "gateway" / "request-log"

    @property
    def adapters_dir(self) -> Path:  # adapter folders downloaded from the store for the engine
        return self.root / "adapters"


__all__ = ["ServingHome"]
