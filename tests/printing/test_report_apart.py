"""The dashboard's summary drawn in a child process (issue 20): the same PDF as drawn in the
desk, in the desk's language, and a failure comes back as a sentence."""

from __future__ import annotations

import os

import pytest

from desk.errors import DeskError
from desk.i18n import set_language
from desk.printing import report, report_apart
from desk.services import figures
from tests import pdftools
from tests.known_orders import known, store  # noqa: F401 - the shared dataset fixtures


def test_the_child_draws_what_the_desk_draws(store, known, tmp_path):
    fig = figures.compute(store, known.supervisor, report.report_period("monthly", "2026-12-05"))
    here = report.print_figures(store, known.supervisor, fig, tmp_path / "here.pdf")
    apart = report_apart.print_figures(store, known.supervisor, fig, tmp_path / "sub" / "apart.pdf")
    assert apart.path.exists() and apart.pages == here.pages == pdftools.pages(apart.path)
    assert pdftools.text(apart.path) == pdftools.text(here.path)
    assert "月报" in pdftools.text(apart.path)
    pdftools.assert_fonts_embedded(apart.path)


def test_the_child_speaks_the_desks_language(store, known, tmp_path):
    set_language("en")
    fig = figures.compute(store, known.supervisor, report.report_period("weekly", "2026-12-16"))
    printed = report_apart.print_figures(store, known.supervisor, fig, tmp_path / "w.pdf")
    assert "Weekly summary" in pdftools.text(printed.path)


def test_an_unwritable_place_is_a_sentence(store, known, tmp_path):
    set_language("en")
    (tmp_path / "a-file").write_text("not a folder")  # refused even to root
    fig = figures.compute(store, known.supervisor, report.report_period("daily", "2026-12-16"))
    with pytest.raises(DeskError) as refused:
        report_apart.print_figures(store, known.supervisor, fig, tmp_path / "a-file" / "d.pdf")
    text = str(refused.value)
    assert text.startswith("The report was not written") and "a-file" in text and "Traceback" not in text


def test_a_child_that_dies_is_a_sentence(store, known, tmp_path, monkeypatch):
    set_language("en")
    monkeypatch.setattr(report_apart, "_render_in_child", _die)
    fig = figures.compute(store, known.supervisor, report.report_period("daily", "2026-12-16"))
    with pytest.raises(DeskError) as refused:
        report_apart.print_figures(store, known.supervisor, fig, tmp_path / "d.pdf")
    assert "stopped unexpectedly" in str(refused.value)


def _die(*_args):
    os._exit(3)  # the child process ends without an answer (killed, out of memory)
