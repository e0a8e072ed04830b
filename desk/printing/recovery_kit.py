"""The station's recovery kit: one A4 page the station chief prints once and locks away, with
the station's name, the recovery key in large letters and as a QR code, and what to do with it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path


def write_recovery_kit(target: Path | str, *, station_name: str, station_code: str, recovery_key: str,
                       database: str, made_at: datetime) -> Path:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode import qr
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from desk.printing.fonts import cjk_font

    font = cjk_font().name
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    width, height = A4
    c = canvas.Canvas(str(partial), pagesize=A4, initialFontName=font)  # no stray Helvetica
    c.setTitle(f"恢复包 Recovery kit — {station_name}")
    left = 20 * mm
    y = height - 25 * mm

    def line(text: str, size: float = 11, gap: float = 6.5) -> None:
        nonlocal y
        c.setFont(font, size)
        c.drawString(left, y, text)
        y -= gap * mm

    line("全岗接待台 · 数据恢复包", 20, 10)
    line("Desk · Recovery kit", 13, 9)
    line(f"站点 Station：{station_name}（{station_code}）", 13, 7)
    line(f"生成时间 Made：{made_at.strftime('%Y-%m-%d %H:%M')}", 10, 5.5)
    line(f"数据库 Database：{database}", 9, 9)
    line("恢复密钥 Recovery key", 12, 9)
    c.setFont(font, 22)
    c.drawString(left, y, recovery_key)
    y -= 8 * mm
    code = qr.QrCodeWidget(recovery_key, barLevel="M")
    x0, y0, x1, y1 = code.getBounds()
    size = 45 * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(code)
    renderPDF.draw(drawing, c, left, y - size)
    y -= size + 8 * mm
    for text in (
        "这是什么：本站的数据库和所有备份都已加密。每位员工登录时用自己的密码解锁；",
        "如果所有能登录的密码都忘了，只有这把恢复密钥还能打开数据。",
        "怎么保管：打印一份，装进信封，锁进站长的文件柜。不要拍照、不要存在电脑或手机里。",
        "什么时候用：所有管理员都忘了密码时，在这台电脑上运行",
        "    desk recover --user 管理员账号   （按提示输入恢复密钥和新密码）",
        "丢了怎么办：管理员登录后运行 desk encrypt --new-recovery-key 换一把新的；旧密钥不再能打开数据库。",
        "密码和恢复密钥都丢了：数据无法再打开，没有后门；已同步到中心的数据仍在中心。",
    ):
        line(text, 10.5, 6.2)
    y -= 3 * mm
    for text in (
        "What it is: this station's database and every backup are encrypted. Staff unlock them by logging in.",
        "If every password is forgotten, only this recovery key can open the data.",
        "Keep it: print it once, seal it in an envelope, lock it in the station chief's cabinet. No photos.",
        "Use it: when no administrator can log in, run  desk recover --user ADMIN  on this computer.",
        "Lost it: an administrator runs  desk encrypt --new-recovery-key;  the old key no longer opens the database.",
        "Lost every password and this key: the data cannot be opened (no back door); the centre keeps what was synced.",
    ):
        line(text, 8.5, 5.2)
    c.showPage()
    c.save()
    partial.replace(target)
    return target
