"""Every administrator password lost: the station's recovery key opens the encrypted file and
sets a new password for an administrator, who is then logged in (the window's "Lost every
password?"; `desk recover` on the command line). Qt-free."""

from __future__ import annotations

import hmac

from sqlalchemy import select

from desk.errors import AuthError, ValidationError
from desk.i18n import M_
from desk.rules.enums import Role
from desk.services.dto import Actor

_MESSAGES = (
    M_("recovery_key_lost_too", "If the recovery key is lost too: nobody can open this encrypted database any more (not the makers, not the centre); that is what encryption means, there is no back door. What was synced is still held by the centre: ask the centre, set the station up afresh with desk init and sync again."),
    M_("recovery_admin_only", "The recovery key sets a new password for an administrator only (“{username}” is not one). An administrator then sets colleagues' passwords in Settings → Staff."),
)


def recover_administrator(store, recovery_key: str, username: str, new_password: str) -> Actor:
    """Open the file with the recovery key (a wrong key: AuthError with the sentence that the
    data cannot be opened without it), give the administrator `username` the new password (and
    enable the account), and log them in. Nothing changes unless every check passes."""
    from desk.models import Staff
    from desk.services import auth, encryption
    from desk.services.keyfile import KeyFile, path_for

    username = (username or "").strip()
    unlocked_now = False
    if store.locked:
        encryption.unlock_with_recovery(store, recovery_key)
        unlocked_now = True
    else:
        # Already open (after a log-out): the key must still be the station's recovery key.
        key = KeyFile.load(path_for(store.path)).unwrap_recovery(recovery_key) if store.encrypted else None
        if key is None or not hmac.compare_digest(key, store.keys.key):
            raise AuthError("recovery_key_wrong")
    try:
        auth._check_password(store, new_password)  # the station's minimum length, read from the file
        with store.read() as s:
            staff = s.scalars(select(Staff).where(Staff.username == username)).first()
            role = staff.role if staff is not None else None
        if role != Role.ADMIN.value:
            raise ValidationError("recovery_admin_only", username=username)
        auth.set_password_by_recovery(store, username, new_password)
    except Exception:
        if unlocked_now:
            store.lock()
        raise
    return auth.login(store, username, new_password)
