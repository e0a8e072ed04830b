"""A clerk presses F3 the moment the log-in is through and pages down the list: under X, with
real key presses. The keyboard starts in the search box (not in the view list, where a PageDown
switched the view to 'due soon' and the desk remembered it) and PageDown goes on into the list."""

from __future__ import annotations

from tests.e2e.xdesk import log_in


def _view_remembered(desk) -> str:
    conf = desk.home / "config" / "desk" / "desk.conf"
    lines = conf.read_text(encoding="utf-8").splitlines() if conf.exists() else []
    return next((line.split("=", 1)[1] for line in lines if line.startswith("last_view=")), "")


def test_f3_at_once_then_pagedown_scrolls_the_list_and_keeps_the_view(start_desk, tmp_path):
    desk = start_desk(prefs={"last_view": "open"})
    log_in(desk)
    assert desk.wait_focus("phone"), desk.log()  # logged in (keys typed before are text only)
    desk.key("F3")  # at once: the queue is still to be built (the desk builds it in a pause)
    assert desk.wait_focus("search"), desk.focus_events()[-5:]
    desk.key("Next")
    assert desk.wait_focus("queueTable"), desk.focus_events()[-5:]
    desk.shot(tmp_path / "queue-pagedown.png")
    desk.key("F2")
    assert desk.wait_focus("phone")
    desk.key("F3")
    assert desk.wait_focus("queueTable")  # back where the clerk left it
    desk.key("ctrl+q")
    assert desk.wait_exit(15) is not None, desk.log()
    assert _view_remembered(desk) == "open"
