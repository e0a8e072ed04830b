"""At 1366×768, in normal and large text, every field the keyboard reaches is on the screen
and not clipped by its scroll area when it has focus (typed blind is typed wrong)."""

from __future__ import annotations

import pytest

from tests.e2e.xdesk import log_in

# Tab through the whole intake screen, then the mnemonics a clerk uses most.
KEYS = ["Tab"] * 24 + ["alt+p", "alt+w", "alt+x", "alt+i", "alt+s", "alt+t", "alt+k", "alt+h", "alt+r", "alt+n"]


def inside(inner, outer) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x >= ox and y >= oy and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.slow
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
def test_every_focused_field_is_in_sight_at_1366x768(start_desk, xserver, large):
    assert (xserver.width, xserver.height) == (1366, 768)
    desk = start_desk(prefs={"large_text": large}, name="large" if large else "normal")
    log_in(desk)
    assert desk.wait_focus("phone"), desk.log()
    first = len(desk.focus_events())
    desk.key("alt+x", "Down", "Down", "Escape")  # 处理方式: 派单 shows 部门 too (its dates, duplicates)
    for k in KEYS:
        desk.key(k, delay=0.18)
    events = [e for e in desk.focus_events()[first:] if e["window"] == "mainWindow"]
    assert len(events) >= 20
    screen = [0, 0, 1366, 768]
    for e in events:
        assert inside(e["window_rect"], screen), f"window larger than the screen: {e}"
        assert inside(e["rect"], screen), f"focused field off the screen: {e}"
        # Whole, give or take a border pixel (the tab bar's corner buttons sit one pixel high).
        (_, _, w, h), (_, _, vw, vh) = e["rect"], e["visible"]
        assert vw >= w - 2 and vh >= h - 2, f"focused field cut off (typed blind): {e}"
