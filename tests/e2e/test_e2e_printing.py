"""A slip printed from the window (Ctrl+Enter) through a real CUPS queue (cups-pdf) has
opaque black text that stays text, in the light and in the dark theme: the screen's palette
never reaches paper."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests import cups_server
from tests.e2e.conftest import query
from tests.e2e.xdesk import log_in


@pytest.fixture(scope="module")
def cups():
    why_not = cups_server.available()
    if why_not:
        pytest.skip(why_not)
    root = Path(tempfile.mkdtemp(prefix="desk-e2e-cups-"))  # filters run as lp: not under pytest's tmp
    root.chmod(0o755)
    server = cups_server.CupsServer(root, keep_jobs=True).start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


def ink_levels(pdf: Path, tmp: Path) -> list[int]:
    """Grey levels (0 black … 255 white) of every inked pixel in the text part of the page
    (above the QR code, which is drawn black whatever the palette)."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-gray", "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp / "page")],
                   check=True)
    image = Image.open(next(tmp.glob("page*.png"))).convert("L")
    w, h = image.size
    text_part = image.crop((0, 0, w, int(h * 0.55)))
    pixels = text_part.get_flattened_data() if hasattr(text_part, "get_flattened_data") else text_part.getdata()
    return [v for v in pixels if v < 235]


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_slip_from_the_window_prints_black_text(start_desk, cups, theme, tmp_path):
    desk = start_desk(prefs={"theme": theme}, env={"CUPS_SERVER": str(cups.socket)}, name=theme)
    log_in(desk)
    assert desk.wait_focus("phone"), desk.log()
    desk.key("alt+s")
    desk.paste("社区食堂几点开门")
    desk.key("alt+w")
    desk.paste("早上七点")
    since = time.time()
    desk.key("ctrl+Return")
    deadline = time.monotonic() + 30
    rows = []
    while time.monotonic() < deadline and not rows:
        rows = query(desk.db, "select o.ticket_no from work_order o join event e on e.order_id = o.id "
                              "where e.kind = 'print' order by e.seq desc limit 1")
        time.sleep(0.3)
    assert rows, desk.log()
    ticket = rows[0][0]
    printed = cups_server.wait_for_output(ticket, since, server=cups)
    # Text stays text: what the desk handed to CUPS has a text layer with the slip's words…
    sent = [p for p in cups.sent_documents() if p.stat().st_mtime >= since - 1]
    assert sent, cups.log()
    text = subprocess.run(["pdftotext", str(sent[-1]), "-"], capture_output=True, text=True).stdout.replace(" ", "")
    assert ticket in text and "社区食堂几点开门" in text, f"no text layer in what was sent to the printer: {text!r}"
    # …and the printed page still draws it with a font (a translucent colour turns the text into
    # a picture, which lists no font). cups-pdf's PostScript pass drops the Unicode mapping, so the
    # words themselves are read from the job above.
    fonts = subprocess.run(["pdffonts", str(printed)], capture_output=True, text=True).stdout
    assert len(fonts.strip().splitlines()) > 2, f"the printed page has no text, only pictures: {fonts}"
    levels = ink_levels(printed, tmp_path)
    assert len(levels) > 2000, "hardly any ink: the text did not print"
    dark = sum(1 for v in levels if v < 100)
    # Anti-aliased glyph edges are grey; the strokes themselves must be black. Teal at 36 %
    # opacity (the defect) gives no pixel darker than about 180.
    assert dark / len(levels) > 0.35, f"text is pale: {dark} of {len(levels)} inked pixels are dark"
    assert sorted(levels)[len(levels) // 4] < 60
