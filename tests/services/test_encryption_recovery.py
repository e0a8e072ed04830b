"""The recovery key in the window's hands (desk.services.recovery): it opens a locked file or,
on one already open, must still be the station's key; only administrators get a password from
it; a refusal changes nothing and leaves a locked file locked. Real SQLCipher files."""

from __future__ import annotations

import pytest

from desk.errors import AuthError, ValidationError
from desk.services import auth, recovery
from desk.services.keyfile import KeyFile, path_for
from desk.services.startup import open_store
from tests.conftest import PASSWORD
from tests.fast_hashing import fast_argon2  # noqa: F401 - autouse fixture


def test_recovery_on_a_locked_file(store, admin, clerk, db_path):
    key = auth.encrypt_station(store, admin, PASSWORD)
    store.close()
    s = open_store(db_path, thorough=False)
    with pytest.raises(AuthError):
        recovery.recover_administrator(s, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "admin", "new-password-1")
    assert s.locked
    with pytest.raises(ValidationError) as err:
        recovery.recover_administrator(s, key, "wangli", "new-password-1")
    assert "不是管理员" in str(err.value) and s.locked
    with pytest.raises(ValidationError):
        recovery.recover_administrator(s, key, "admin", "short")  # the station's minimum length
    assert s.locked and KeyFile.load(path_for(db_path)).unwrap_user("admin", PASSWORD) is not None
    actor = recovery.recover_administrator(s, key, "admin", "new-password-1")
    assert actor.username == "admin" and not s.locked
    s.close()


def test_recovery_on_an_open_file_still_needs_the_right_key(store, admin, db_path):
    key = auth.encrypt_station(store, admin, PASSWORD)
    assert not store.locked  # e.g. the window after a log-out: the file stays open
    with pytest.raises(AuthError):
        recovery.recover_administrator(store, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "admin", "new-password-1")
    assert KeyFile.load(path_for(db_path)).unwrap_user("admin", PASSWORD) is not None  # nothing changed
    assert recovery.recover_administrator(store, key.replace("-", "").lower(), "admin", "new-password-1").username == "admin"
    assert KeyFile.load(path_for(db_path)).unwrap_user("admin", "new-password-1") == store.keys.key
    store.close()
