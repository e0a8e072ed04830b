"""A worker call that fails with no `on_error` is never silent: its sentence (in the person's
language, without a traceback) shows in the window's message area (the banner across its top)
and the failure is logged with its traceback; a call that expects to fail says why and is
still logged."""

from __future__ import annotations

import logging

from desk.errors import NotFound


def _broken_lookup(store):
    return {}["no such key"]  # a bug: KeyError


# The unexpected error through the window's default: tests/ui/test_roles_lock_errors.py.


def test_a_refusal_shows_in_the_persons_language_and_is_logged(ui, caplog):
    from desk.ui import language

    ctx, window = ui

    def refuse(store):
        raise NotFound("order_not_found", ref="SX-20260105-0001")

    for lang, sentence in (("zh_CN", "找不到工单 SX-20260105-0001。"), ("en", "No work order SX-20260105-0001.")):
        language.set_language(lang)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="desk.ui.worker"):
            ctx.call(refuse)
        assert window.failure_banner.text() == sentence
        record = next(r for r in caplog.records if r.name == "desk.ui.worker")
        assert record.exc_info and record.exc_info[0] is NotFound


def test_the_threaded_runner_reports_on_the_gui_thread_too(qapp, qtbot, caplog):
    from desk.ui.worker import ThreadRunner

    runner = ThreadRunner()
    shown: list[str] = []
    runner.show_message = shown.append
    try:
        with caplog.at_level(logging.ERROR, logger="desk.ui"):
            runner.run(lambda: 1 / 0)
            qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    finally:
        runner.shutdown()
    assert "Traceback" not in shown[0] and "ZeroDivisionError" not in shown[0]


def test_an_expected_failure_is_logged_and_shown_to_nobody(ui, caplog):
    from desk.ui.worker import expected_failure

    ctx, window = ui
    window.failure_banner.dismiss()
    with caplog.at_level(logging.INFO, logger="desk.ui.worker"):
        ctx.call(_broken_lookup, on_error=expected_failure("a test that expects it"))
    assert window.failure_banner.text() == ""
    record = next(r for r in caplog.records if "a test that expects it" in r.getMessage())
    assert record.exc_info[0] is KeyError


def test_no_screen_silences_a_failure():
    """No `on_error=lambda e: None` (or the like) is left in the window's code."""
    import re
    from pathlib import Path

    import desk.ui

    silent = re.compile(r"on_error=lambda\s*\w*\s*:\s*None")
    offenders = [p.name for p in Path(desk.ui.__file__).parent.glob("*.py") if silent.search(p.read_text("utf-8"))]
    assert offenders == []


def test_a_phone_still_being_typed_is_no_failure_but_a_broken_lookup_is(ui, clerk, monkeypatch, caplog):
    from desk.services import intake as intake_service
    from tests.conftest import PASSWORD
    from tests.ui.conftest import login

    ctx, window = ui
    login(window, "wangli", PASSWORD)
    screen = window.intake
    with caplog.at_level(logging.INFO, logger="desk.ui.worker"):
        screen.phone.setText("1381234")  # seven digits: looked up, not a valid number yet
        screen.lookup_phone()
    assert window.failure_banner.text() == ""
    assert any("still being typed" in r.getMessage() for r in caplog.records)

    def broken(store, actor, phone, **kw):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(intake_service, "find_visitor_by_phone", broken)
    screen.phone.setText("13812345678")
    screen.lookup_phone()
    assert "desk-errors.log" in window.failure_banner.text()
