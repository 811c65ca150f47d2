"""The warehouse under faults: errors that say where, per-partition checks, locks, keys, leftovers (no dagster)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest

from lifecycle_core.pii.pseudonym import Pseudonymizer
from lifecycle_core.raw import records
from lifecycle_core.raw.ingest import ingest_partition
from lifecycle_core.raw.landing import write_drop
from lifecycle_core.raw.parts import local_part_files, sweep_scratch
from lifecycle_core.store import LocalObjectStore
from lifecycle_core.warehouse import (
    LoadError,
    PseudonymKeyMismatch,
    WarehouseLocked,
    connect,
    duplicate_keys,
    explain_load_error,
    load_partition,
    replace_day,
    transaction,
)
from tests.core.test_ingest import claim, lines
from tests.core.test_warehouse import PSEUDONYMIZER, parts

DAY = "2026-03-02"


@pytest.fixture(autouse=True)
def _parts_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def con(tmp_path):
    with connect(str(tmp_path / "wh.duckdb")) as connection:
        yield connection


def test_a_load_error_names_the_landing_file_line_and_key(tmp_path, monkeypatch):
    """Should a record ever pass raw that DuckDB refuses, the error says where it came from."""
    store = LocalObjectStore(tmp_path / "store")
    monkeypatch.setattr(records, "validate", lambda schema, record: None)  # a validator with a gap
    write_drop(store, "claims", DAY, lines(claim(1), claim(2), claim(3, service_date="2026-W05-2")))
    manifest = ingest_partition(store, "claims", DAY)
    with connect(str(tmp_path / "wh.duckdb")) as con, local_part_files(store, manifest) as files:
        with pytest.raises(duckdb.Error) as raised:
            replace_day(con, "claims", DAY, files, PSEUDONYMIZER)
        explained = explain_load_error(raised.value, files, manifest, store, PSEUDONYMIZER)
    assert isinstance(explained, LoadError)
    message = str(explained)
    assert f"landing file landing/claims/date={DAY}/part-00000.jsonl.gz line 3" in message
    assert "key 'CLM0000000003'" in message and "2026-W05-2" in message


def test_unique_keys_are_checked_for_the_days_loaded(con):
    load_partition(con, "claims", "2026-03-01", parts(claim(1), claim(1)), PSEUDONYMIZER)  # one bad day
    load_partition(con, "claims", DAY, parts(claim(2), claim(3)), PSEUDONYMIZER)
    assert duplicate_keys(con, "claims")[0] == 1
    assert duplicate_keys(con, "claims", ["2026-03-01"])[0] == 1
    assert duplicate_keys(con, "claims", [DAY]) == (0, [])  # a later day is not failed by an earlier one


def test_a_warehouse_refuses_a_different_pseudonym_key(con):
    load_partition(con, "claims", DAY, parts(claim(1)), PSEUDONYMIZER)
    with pytest.raises(PseudonymKeyMismatch, match="restore that key"):
        load_partition(con, "claims", "2026-03-03", parts(claim(2)), Pseudonymizer(b"another-key-0123456789"))
    assert con.execute("SELECT count(*) FROM warehouse.claims").fetchone()[0] == 1


def test_the_real_error_is_raised_when_the_transaction_is_already_gone(con):
    """On a full disk DuckDB ends the transaction itself; the ROLLBACK error used to hide the cause."""
    with pytest.raises(OSError, match="No space left on device"), transaction(con):
        con.execute("COMMIT")  # what DuckDB does on an IO error: no transaction is active any more
        raise OSError(28, "No space left on device")


def test_a_locked_warehouse_is_waited_for_said_and_then_named(tmp_path):
    path = tmp_path / "locked.duckdb"
    with connect(str(path)) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
    session = f"import duckdb, time; c = duckdb.connect({str(path)!r}, read_only=True); print('open', flush=True); "
    holder = subprocess.Popen(  # an analyst's read-only session in another process
        [sys.executable, "-c", session + "time.sleep(60)"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        said: list[str] = []
        with (
            pytest.raises(WarehouseLocked, match="read-only connection blocks writers"),
            connect(str(path), timeout_s=1.0, on_wait=said.append),
        ):
            pass
        assert said and "locked by another process" in said[0]
    finally:
        holder.kill()
        holder.wait()


def test_downloaded_parts_are_removed_on_failure_and_swept_after_a_kill(tmp_path):
    store = LocalObjectStore(tmp_path / "store")
    write_drop(store, "claims", DAY, lines(claim(1)))
    manifest = ingest_partition(store, "claims", DAY)
    root = tmp_path / "scratch"
    with pytest.raises(RuntimeError), local_part_files(store, manifest, root) as files:
        assert files[0].exists()
        raise RuntimeError("the load failed")
    assert list(root.iterdir()) == []
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    orphan = Path(tempfile.mkdtemp(prefix=f"{dead.stdout.strip()}-", dir=root))  # what a SIGKILLed load leaves
    (orphan / "part-00000.jsonl.gz").write_bytes(b"member data")
    mine = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
    assert sweep_scratch(root) == 1
    assert not orphan.exists() and mine.exists()
