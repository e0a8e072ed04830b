"""Staff accounts: first-run set-up, log-in with throttling, Argon2id passwords."""

from __future__ import annotations

import re
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from desk.models import Staff
from desk.services import reference, settings, validation
from desk.services.audit import record
from desk.services.dto import Actor, StaffInfo
from desk.rules.enums import Role
from desk.errors import AuthError, NotFound, NotInitialised, ValidationError
from desk.rules.permissions import Permission, require
from desk.services.store import Store, mark_changed
from desk.errors import DeskError

_hasher = PasswordHasher()  # argon2-cffi's default type is Argon2id
_USERNAME_RE = re.compile(r"^[A-Za-z0-9._-]{2,40}$")


_DUMMY_HASH: str | None = None  # made on first use, see _dummy_hash


def _dummy_hash() -> str:
    """Verified against when the user name is unknown, so both failures take the same time.
    Made on first use, not at import: hashing costs ~60 ms that the window's start-up (which
    imports this module) should not pay."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = _hasher.hash("not a real password")
    return _DUMMY_HASH


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def kek_params() -> dict:
    """The Argon2id cost of the staff passwords, for the key file's key-encryption keys."""
    return {"t": _hasher.time_cost, "m": _hasher.memory_cost, "p": _hasher.parallelism}


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def encrypt_station(store: Store, actor: Actor, password: str, *, known_passwords: dict[str, str] | None = None) -> str:
    """Encrypt a plain station file and its backups (desk.services.encryption.enable): the
    administrator's password (checked here) wraps the new data key. Returns the recovery key."""
    from desk.services import encryption

    return encryption.enable(store, actor, password, verify=_verify, params=kek_params(),
                             known_passwords=known_passwords)


def _spend_hash_time(password: str) -> None:
    """As long as checking a real password (an unknown user name must not answer faster)."""
    try:
        _hasher.verify(_dummy_hash(), password or "")
    except VerificationError:
        pass


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not _USERNAME_RE.match(username):
        raise ValidationError("bad_username")
    return username


def _check_password(store: Store | None, password: str) -> str:
    minimum = settings.DEFAULTS["min_password_length"] if store is None else settings.get(store, "min_password_length")
    if len(password or "") < minimum:
        raise ValidationError("weak_password", n=minimum)
    return password


def _actor(staff: Staff) -> Actor:
    return Actor(staff.id, staff.username, staff.display_name, staff.role)


def _info(staff: Staff) -> StaffInfo:
    return StaffInfo(staff.id, staff.username, staff.display_name, staff.role, staff.active, staff.last_login_at)


def initialise(store: Store, *, station_code: str, station_name: str, admin_username: str, admin_password: str,
               admin_display_name: str = "", phone: str = "", address: str = "", station_name_en: str = "",
               is_demo: bool = False) -> Actor:
    """First run: the local station, default reference data and the first administrator."""
    code = reference.check_station_code(station_code)
    name = validation.text(station_name, "station_name", required=True, multiline=False).strip()
    username = _check_username(admin_username)
    _check_password(None, admin_password)
    phone = validation.phone(phone) if (phone or "").strip() else ""
    address = validation.text(address, "address", multiline=False)
    station_name_en = validation.text(station_name_en, "name_en", multiline=False)
    admin_display_name = validation.text(admin_display_name, "display_name", multiline=False).strip()
    if store.is_initialised():
        raise DeskError("already_initialised")
    with store.write() as s:
        reference.install_defaults(s, station_code=code, station_name=name, station_name_en=station_name_en,
                                   phone=phone, address=address, is_demo=is_demo)
        admin = Staff(username=username, display_name=admin_display_name or username, role=Role.ADMIN.value,
                      password_hash=hash_password(admin_password), origin_station=code)
        s.add(admin)
        s.flush()
        actor = _actor(admin)
        record(s, store, actor, "station.init", code, name)
        mark_changed(s, "staff")
    return actor


def login(store: Store, username: str, password: str) -> Actor:
    """The logged-in actor, or AuthError. Failures are counted; too many lock the account.

    An encrypted file not yet open is unlocked first with this account's key (the key file's
    own checks: unknown, disabled, locked, wrong password); then the staff table decides as
    always. A refusal there locks the file again."""
    from desk.services import encryption

    unlocked_now = False
    if store.locked:
        encryption.unlock_with_password(store, username, password, spend_time=_spend_hash_time)
        unlocked_now = True
        _carry_pending_failures(store)
    try:
        actor = _login(store, username, password, unwrapped=unlocked_now)
    except AuthError:
        if unlocked_now:
            store.lock()
        raise
    return actor


def _carry_pending_failures(store: Store) -> None:
    from desk.services import encryption

    failures = encryption.take_pending_failures(store)
    if failures:
        with store.write() as s:
            for username, at, detail in failures:
                record(s, store, None, "login.failed", username, f"{detail} at {at}")


def _login(store: Store, username: str, password: str, *, unwrapped: bool) -> Actor:
    from desk.services import encryption

    if not store.is_initialised():
        # Not "wrong password" on a fresh file: say what to do (desk init / desk demo).
        raise NotInitialised("no_station")
    now = store.now()
    with store.write() as s:
        staff = s.scalars(select(Staff).where(Staff.username == (username or "").strip())).first()
        if staff is None:
            try:
                _hasher.verify(_dummy_hash(), password or "")
            except VerificationError:
                pass
            # Not the typed name: people type their password into the user-name box, and the
            # audit log must never hold a password. Its length is enough to spot guessing.
            record(s, store, None, "login.failed", "(unknown)", f"unknown user name, {len(username or '')} characters")
            failure = AuthError("login_failed")
        elif not staff.active:
            record(s, store, None, "login.failed", staff.username, "disabled")
            failure = AuthError("account_disabled", username=staff.username)
        elif staff.locked_until and staff.locked_until > now:
            record(s, store, None, "login.failed", staff.username, "locked")
            failure = AuthError("account_locked", until=_local_time(store, staff.locked_until))
        else:
            # Unwrapping this account's key just now was the password check (the key file holds
            # the password in force; a restored older file may hold an older hash, updated here).
            current = unwrapped and encryption.account_key_current(store, staff.username, staff.password_hash)
            if unwrapped and not current:
                staff.password_hash = hash_password(password)
                current = True
            try:
                ok = current or _hasher.verify(staff.password_hash, password or "")
            except (VerificationError, InvalidHashError):
                ok = False
            if ok:
                staff.failed_logins = 0
                staff.locked_until = None
                staff.last_login_at = now
                if _hasher.check_needs_rehash(staff.password_hash):
                    staff.password_hash = hash_password(password)
                if not encryption.account_key_current(store, staff.username, staff.password_hash):
                    # First log-in since the file was encrypted (or since a restore).
                    encryption.set_account_key(store, staff.username, password, staff.password_hash,
                                               params=kek_params())
                actor = _actor(staff)
                record(s, store, actor, "login", staff.username)
                return actor
            staff.failed_logins += 1
            limit = settings.get(store, "login_max_failures")
            detail = f"{staff.failed_logins} of {limit}"
            if staff.failed_logins >= limit:
                staff.locked_until = now + timedelta(minutes=settings.get(store, "login_lock_minutes"))
                staff.failed_logins = 0
                detail += ", locked"
            record(s, store, None, "login.failed", staff.username, detail)
            failure = AuthError("login_failed")
    # Raised after the commit, so the failed attempt stays counted.
    raise failure


def _local_time(store: Store, moment) -> str:
    return moment.astimezone(store.calendar().tz).strftime("%H:%M")


def add_user(store: Store, actor: Actor, username: str, display_name: str, role: str, password: str) -> StaffInfo:
    require(actor.role, Permission.MANAGE_STAFF)
    username = _check_username(username)
    display_name = validation.text(display_name, "display_name", required=True, multiline=False).strip()
    role = validation.choice(role, Role, "role")
    _check_password(store, password)
    with store.write() as s:
        if s.scalars(select(Staff).where(Staff.username == username)).first():
            raise ValidationError("username_taken", username=username)
        staff = Staff(username=username, display_name=display_name, role=role, password_hash=hash_password(password),
                      origin_station=store.station().code)
        s.add(staff)
        s.flush()
        _wrap_for(store, staff, password)
        record(s, store, actor, "staff.add", username, role)
        mark_changed(s, "staff")
        return _info(staff)


def list_users(store: Store) -> list[StaffInfo]:
    with store.read() as s:
        return [_info(p) for p in s.scalars(select(Staff).order_by(Staff.username))]


def _get_staff(s, ref: str) -> Staff:
    staff = s.scalars(select(Staff).where((Staff.username == ref) | (Staff.id == ref))).first()
    if staff is None:
        raise NotFound("staff_not_found", ref=ref)
    return staff


def _active_admins(s) -> int:
    return s.scalar(select(func.count()).select_from(Staff).where(Staff.role == "admin", Staff.active.is_(True)))


def change_password(store: Store, actor: Actor, username: str, new_password: str, old_password: str | None = None) -> None:
    """Anyone may change their own password (with the old one); an admin may set anyone's."""
    _check_password(store, new_password)
    with store.write() as s:
        staff = _get_staff(s, username)
        if staff.id != actor.id:
            require(actor.role, Permission.MANAGE_STAFF)
        elif actor.role != Role.ADMIN.value:
            try:
                _hasher.verify(staff.password_hash, old_password or "")
            except (VerificationError, InvalidHashError):
                raise AuthError("login_failed") from None
        staff.password_hash = hash_password(new_password)
        staff.failed_logins = 0
        staff.locked_until = None
        if staff.active:
            _wrap_for(store, staff, new_password)
        record(s, store, actor, "staff.password", staff.username)


def set_active(store: Store, actor: Actor, username: str, active: bool) -> StaffInfo:
    require(actor.role, Permission.MANAGE_STAFF)
    with store.write() as s:
        staff = _get_staff(s, username)
        if not active and staff.role == "admin" and staff.active and _active_admins(s) <= 1:
            raise ValidationError("last_admin")
        staff.active = active
        from desk.services import encryption

        # Disabled: no key any more. Enabled again: a new password from an administrator
        # (or a log-in while the desk is unlocked) gives the account its key back.
        encryption.revoke_account_key(store, staff.username, disabled=not active)
        record(s, store, actor, "staff.enable" if active else "staff.disable", staff.username)
        mark_changed(s, "staff")
        return _info(staff)


def _wrap_for(store: Store, staff: Staff, password: str) -> None:
    """The account's own wrap of the data key (encrypted files). Written before the staff row
    commits: a key-file entry for a row that then fails to commit opens nothing new."""
    from desk.services import encryption

    encryption.set_account_key(store, staff.username, password, staff.password_hash, params=kek_params())


def set_role(store: Store, actor: Actor, username: str, role: str) -> StaffInfo:
    require(actor.role, Permission.MANAGE_STAFF)
    role = validation.choice(role, Role, "role")
    with store.write() as s:
        staff = _get_staff(s, username)
        if staff.role == "admin" and role != "admin" and staff.active and _active_admins(s) <= 1:
            raise ValidationError("last_admin")
        old = staff.role
        staff.role = role
        record(s, store, actor, "staff.role", staff.username, f"{old} -> {role}")
        mark_changed(s, "staff")
        return _info(staff)


def set_password_by_recovery(store: Store, username: str, new_password: str) -> None:
    """After the recovery key opened the file (desk recover): a new password for an account,
    enabled again if it was disabled, with its key-file entry; the audit log says how."""
    _check_password(store, new_password)
    with store.write() as s:
        staff = _get_staff(s, username)
        staff.password_hash = hash_password(new_password)
        staff.failed_logins = 0
        staff.locked_until = None
        staff.active = True
        _wrap_for(store, staff, new_password)
        record(s, store, None, "staff.password", staff.username, "recovery key")
        mark_changed(s, "staff")
