"""Settings pages change reference data through the services, and the other screens hear it."""

from __future__ import annotations

from tests.conftest import PASSWORD
from tests.ui.conftest import login, settle, type_chinese


def test_supervisor_adds_a_department_and_intake_offers_it(ui, supervisor):
    ctx, window = ui
    login(window, "chenjing", PASSWORD)
    page = window.settings.departments
    page.new()
    page.code.setText("LJ")
    type_chinese(page.name, "绿化队")
    page.save()
    settle()
    assert "绿化队" in [page.table.item(r, 1).text() for r in range(page.table.rowCount())]
    form = window.intake.forms()[0]
    assert form.department.findText("绿化队") >= 0  # refreshed by the change notification


def test_category_limits_and_calendar_override(ui, supervisor, ref, store):
    from desk.services import reference

    ctx, window = ui
    login(window, "chenjing", PASSWORD)
    cats = window.settings.categories
    row = next(i for i, c in enumerate(cats.rows) if c.code == "HOUSE-LEAK")
    cats.table.setCurrentCell(row, 0)
    assert cats.resolve_limit.text() == "5d"
    cats.resolve_limit.setText("3d")
    cats.save()
    settle()
    assert reference.find_category(store, "HOUSE-LEAK").resolve_limit == "3d"
    cal = window.settings.calendar
    cal.day.setText("2026-12-31")
    cal.kind.setCurrentIndex(cal.kind.findData(False))
    cal.save()
    settle()
    assert [(d.day, d.is_workday) for d in reference.list_calendar_overrides(store)] == [("2026-12-31", False)]
    cats.accept_limit.setText("soon")
    cats.save()
    from desk.ui import errors

    assert "时限“soon”无效" in errors.open_boxes()[-1].text()


def test_admin_adds_a_clerk(ui, admin, store):
    from desk.services import auth

    ctx, window = ui
    login(window, "admin", PASSWORD)
    assert window.settings.tabs.isTabVisible(3)
    page = window.settings.staff
    page.new()
    page.username.setText("zhaomin")
    type_chinese(page.display_name, "赵敏")
    page.password.setText("another-pass-9")
    page.save()
    settle()
    assert auth.login(store, "zhaomin", "another-pass-9").role == "clerk"


def test_a_changed_record_is_not_lost_by_choosing_another_row_or_a_sync(ui, supervisor, store, monkeypatch):
    """Choosing another department with a typed change asks (save, discard, go back); a refused
    save keeps the typing and the row; the list refilled by a change elsewhere leaves the form as
    typed. Before, choosing a row or a sync threw the typing away."""
    from desk.services import reference
    from desk.services.reference import DepartmentEdit
    from desk.ui import errors, unsaved

    given, asked = [], []
    monkeypatch.setattr(unsaved, "ask_unsaved", lambda parent, what="visit": asked.append(what) or given.pop(0))
    ctx, window = ui
    login(window, "chenjing", PASSWORD)
    window.go_actions[3].trigger()
    page = window.settings.departments
    window.settings.tabs.setCurrentWidget(page)
    settle()
    page.table.setCurrentCell(0, 0)
    first = page.rows[0]
    page.phone.setText("64370000")
    reference.save_department(store, supervisor, DepartmentEdit(code="LJ", name="绿化队"), None)  # a sync, say
    settle()
    assert page.phone.text() == "64370000" and page.editing_id == first.id

    given.append("cancel")
    page.table.setCurrentCell(1, 0)
    assert asked == ["record"] and page.editing_id == first.id and page.phone.text() == "64370000"
    assert page.table.currentRow() == 0

    given.append("save")  # refused (no area code): the typing and the row stay
    page.table.setCurrentCell(1, 0)
    settle()
    assert "64370000" in errors.open_boxes()[-1].text()
    assert page.editing_id == first.id and page.phone.text() == "64370000" and page.table.currentRow() == 0

    page.phone.setText("021-64370000")
    given.append("save")
    page.table.setCurrentCell(1, 0)
    settle()
    assert next(d for d in reference.list_departments(store) if d.id == first.id).phone == "02164370000"
    assert page.editing_id == page.rows[1].id and page.table.currentRow() == 1

    page.contact.setText("不要的改动")
    given.append("discard")
    page.new()
    assert page.editing_id is None and page.contact.text() == "" and not page.has_unsaved_input()
    assert asked == ["record"] * 4 and given == []
    page.table.setCurrentCell(2, 0)  # nothing typed: no question
    assert asked == ["record"] * 4
