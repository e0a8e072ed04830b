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
