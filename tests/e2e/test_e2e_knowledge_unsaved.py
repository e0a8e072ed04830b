"""A supervisor rewrites a knowledge-base answer in the real desk under X, with key presses only,
then moves on to the next entry by habit: the desk asks first (a window of its own); Escape goes
back to the words, and the box's Alt+S saves them before moving on. Before, the Down key threw the
typed answer away without a word. Checked in the database."""

from __future__ import annotations

import time

import pytest

from tests.e2e.conftest import query
from tests.e2e.test_e2e_intake import wait_until
from tests.e2e.xdesk import log_in

pytestmark = pytest.mark.slow
NEW_ANSWER = "每个上学日 15:30 到 18:00，免费，家长凭接送卡接孩子。"


def test_a_rewritten_answer_is_not_lost_by_moving_to_the_next_entry(start_desk, tmp_path):
    desk = start_desk()
    log_in(desk, "chenjing")
    assert desk.wait_focus("phone"), desk.log()
    desk.key("F8")
    assert desk.wait_focus("kbSearch", timeout=20), desk.focus_events()[-3:]
    time.sleep(1.0)  # the entries arrive from the database worker
    desk.key("Tab", "Tab", "Tab", "Tab")  # the filter, New, Print guide, then the list
    assert desk.wait_focus("kbTable"), desk.focus_events()[-3:]
    desk.key("Down")  # the first entry in the editor
    desk.key("alt+a")  # its answer
    assert desk.wait_focus("kbAnswer"), desk.focus_events()[-3:]
    desk.key("ctrl+a")
    desk.paste(NEW_ANSWER)
    desk.key("ctrl+f")  # to the search, then back into the list
    assert desk.wait_focus("kbSearch"), desk.focus_events()[-3:]
    desk.key("Tab", "Tab", "Tab", "Tab", "Down")  # the next entry, by habit
    assert desk.wait_for_window("未保存"), desk.focused_window_name()
    desk.shot(tmp_path / "kb-unsaved-question.png")
    desk.key("Escape")  # go back to the words
    time.sleep(0.5)
    assert not query(desk.db, "select 1 from kb_entry where answer = ?", NEW_ANSWER)
    desk.key("Down")
    assert desk.wait_for_window("未保存"), desk.focused_window_name()
    desk.key("alt+s")  # save, then on to the next entry
    assert wait_until(lambda: query(desk.db, "select count(*) from kb_entry where answer = ?",
                                    NEW_ANSWER)[0][0] == 1), desk.log()
