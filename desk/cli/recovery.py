"""The station's recovery key on the command line: shown once after `desk init`, `desk demo`
or `desk encrypt`, with the recovery-kit PDF on request."""

from __future__ import annotations

from desk.i18n import _


def encrypt_and_show(ctx, actor, password: str, lines: list[str], kit: str | None = None,
                     known_passwords: dict[str, str] | None = None) -> dict:
    """Encrypt the context's plain store and add the recovery key (shown once) to `lines`."""
    from desk.services import auth

    recovery_key = auth.encrypt_station(ctx.store, actor, password, known_passwords=known_passwords)
    return show_recovery_key(ctx, recovery_key, lines, kit)


def show_recovery_key(ctx, recovery_key: str, lines: list[str], kit: str | None) -> dict:
    from datetime import datetime

    station = ctx.store.station()
    lines += [
        _("The database and its backups are encrypted. This is the station's recovery key, shown this once:"),
        f"    {recovery_key}",
        _("Write it down or print it for the station chief to lock away; when every password is forgotten, "
          "only it can open the data (desk recover)."),
    ]
    out = {"recovery_key": recovery_key, "recovery_kit": None}
    if kit:
        from desk.printing.recovery_kit import write_recovery_kit

        path = write_recovery_kit(kit, station_name=station.name, station_code=station.code,
                                  recovery_key=recovery_key, database=str(ctx.db_path), made_at=datetime.now())
        out["recovery_kit"] = str(path)
        lines.append(_("The recovery kit is in {path}: print it, then delete the file.").format(path=path))
    return out
