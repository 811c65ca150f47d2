import os
import stat

import pytest

from lifecycle_core.pii.pseudonym import (
    MissingPseudonymKey,
    Pseudonymizer,
    create_dev_key,
    key_from_text,
    load_dev_key,
)


def test_keyed_stable_and_not_reversible_without_key():
    a, b = Pseudonymizer(b"k" * 32), Pseudonymizer(b"j" * 32)
    assert a.member_key("HM000000001") == a.member_key("HM000000001")
    assert a.member_key("HM000000001") != a.member_key("HM000000002")
    assert a.member_key("HM000000001") != b.member_key("HM000000001")
    assert "000000001" not in a.member_key("HM000000001")


def test_dev_key_created_once_owner_only(tmp_path):
    path = tmp_path / "secrets" / "pseudonym.key"
    create_dev_key(path)
    key = load_dev_key(path)
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_dev_key(path) == key
    with pytest.raises(FileExistsError, match="re-key every member"):
        create_dev_key(path)  # never replaced
    os.chmod(path, 0o644)
    with pytest.raises(PermissionError, match="chmod 600"):
        load_dev_key(path)


def test_a_missing_key_is_an_error_that_names_the_command(tmp_path):
    """A deleted key file was silently regenerated before: every member got a new pseudonym."""
    path = tmp_path / "secrets" / "pseudonym.key"
    with pytest.raises(MissingPseudonymKey, match="python -m lifecycle_core.pii.pseudonym create"):
        load_dev_key(path)
    assert not path.exists()


def test_key_text_formats():
    assert key_from_text("00ff" * 8) == bytes.fromhex("00ff" * 8)
    assert key_from_text(" a-passphrase-from-a-secret \n") == b"a-passphrase-from-a-secret"
    with pytest.raises(ValueError):
        Pseudonymizer(b"short")
