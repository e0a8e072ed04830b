"""The station's recovery key on the command line: shown once after `desk init`, `desk demo`
or `desk encrypt`, with the recovery-kit PDF on request."""

from __future__ import annotations

from desk.i18n import pick


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
        pick("数据库和备份已加密。以下是本站的恢复密钥，只显示这一次：", "The database and its backups are encrypted. "
             "This is the station's recovery key, shown this once:"),
        f"    {recovery_key}",
        pick("请抄写或打印下来交给站长锁好；所有密码都忘记时，只有它能打开数据（desk recover）。",
             "Write it down or print it for the station chief to lock away; when every password is forgotten, only "
             "it can open the data (desk recover)."),
    ]
    out = {"recovery_key": recovery_key, "recovery_kit": None}
    if kit:
        from desk.printing.recovery_kit import write_recovery_kit

        path = write_recovery_kit(kit, station_name=station.name, station_code=station.code,
                                  recovery_key=recovery_key, database=str(ctx.db_path), made_at=datetime.now())
        out["recovery_kit"] = str(path)
        lines.append(pick(f"恢复包已写入 {path}：打印后请删除这个文件。",
                          f"The recovery kit is in {path}: print it, then delete the file."))
    return out
