"""The `lifecycle` console script: keys for members (by pseudonym only), the endpoint's URL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from lifecycle_core.pii.pseudonym import Pseudonymizer, create_dev_key, load_dev_key
from lifecycle_core.serving.gateway.keys import KeyStore
from lifecycle_core.serving.local import ServingHome

LIFECYCLE = str(Path(sys.executable).parent / "lifecycle")


def run(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LIFECYCLE_HOME": str(home)}
    env.pop("LIFECYCLE_PSEUDONYM_KEY", None)
    env.pop("LIFECYCLE_WAREHOUSE", None)
    return subprocess.run([LIFECYCLE, *args], env=env, capture_output=True, text=True, timeout=60, check=False)


def test_keys_are_issued_to_known_members_stored_by_pseudonym_and_revocable(tmp_path):
    home = tmp_path / "home"
    create_dev_key(home / "secrets" / "pseudonym.key")
    pseudonym = Pseudonymizer(load_dev_key(home / "secrets" / "pseudonym.key")).member_key("M00012345")
    with duckdb.connect(str(home / "lifecycle.duckdb")) as con:
        con.execute("CREATE SCHEMA warehouse; CREATE TABLE warehouse.members (member_key VARCHAR)")
        con.execute("INSERT INTO warehouse.members VALUES (?)", [pseudonym])
    created = run(home, "keys", "create", "--member", "M00012345")
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert key.startswith("lc-") and "shown once" in created.stderr
    # Read the file before this process opens it with SQLite (closing another descriptor of a database
    # file drops SQLite's POSIX locks on it).
    stored = ServingHome.of(home).keys_db.read_bytes().decode(errors="ignore")
    assert "M00012345" not in stored and key not in stored and pseudonym in stored
    store = KeyStore(ServingHome.of(home).keys_db)
    assert store.member_of(key)[0] == pseudonym
    unknown = run(home, "keys", "create", "--member", "M99999999")
    assert unknown.returncode == 1 and "not in warehouse.members" in unknown.stderr
    assert pseudonym in run(home, "keys", "list").stdout
    revoked = run(home, "keys", "revoke", key)
    assert revoked.returncode == 0 and store.member_of(key) is None
    assert run(home, "keys", "revoke", key).returncode == 1  # nothing live left to revoke


def test_endpoint_url_says_how_to_deploy_when_nothing_runs(tmp_path):
    result = run(tmp_path, "endpoint", "url")
    assert result.returncode == 1 and "deploy_job" in result.stderr
