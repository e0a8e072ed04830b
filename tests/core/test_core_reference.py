"""Reference data editing: who may, what is refused (codes, cycles, limits), and that every
text fits its column (the central PostgreSQL server enforces the lengths when syncing)."""

from __future__ import annotations

import pytest

from core_helpers import snapshot
from desk.models import Base
from desk.services import auth, reference
from desk.errors import NotFound, PermissionDenied, ValidationError
from desk.services.validation import LIMITS


def test_limits_fit_their_columns():
    """Each validated field is no longer than the String column it is stored in."""
    columns = {
        "summary": ("work_order", "summary"), "name": ("visitor", "name"), "lane": ("visitor", "lane"),
        "number": ("visitor", "number"), "room": ("visitor", "room"), "display_name": ("staff", "display_name"),
        "station_name": ("station", "name"), "code": ("category", "code"), "contact": ("department", "contact"),
        "address": ("station", "address"), "name_en": ("department", "name_en"), "note": ("calendar_override", "note"),
    }
    for field, (table, column) in columns.items():
        length = Base.metadata.tables[table].c[column].type.length
        assert LIMITS[field] <= length, (field, LIMITS[field], length)


def test_editing_needs_the_right_role_and_refuses_bad_input(store, admin, supervisor, clerk, ref):
    with pytest.raises(PermissionDenied):
        reference.save_department(store, clerk, reference.DepartmentEdit(code="NEW", name="新部门"))
    before = snapshot(store)
    bad = [
        lambda: reference.save_department(store, supervisor, reference.DepartmentEdit(code="WY", name="重复代码")),
        lambda: reference.save_department(store, supervisor, reference.DepartmentEdit(code="N", name=" ")),
        lambda: reference.save_department(store, supervisor, reference.DepartmentEdit(code="N", name="n", phone="1")),
        lambda: reference.save_department(store, supervisor, reference.DepartmentEdit(code="N", name="n", name_en="x" * 101)),
        lambda: reference.save_category(store, supervisor, reference.CategoryEdit(code="HOUSE", name="重复")),
        lambda: reference.save_category(store, supervisor, reference.CategoryEdit(code="C", name="c", accept_limit="1w")),
        lambda: reference.save_category(store, supervisor, reference.CategoryEdit(code="C", name="c", name_en="x" * 101)),
        lambda: reference.save_category(store, supervisor, reference.CategoryEdit(
            code="HOUSE", name="房屋修缮", parent_id=ref.cat["HOUSE-LEAK"].id), ref.cat["HOUSE"].id),  # a loop
        lambda: reference.save_area(store, supervisor, "SX2", "新小区", name_en="x" * 101),
        lambda: reference.set_calendar_override(store, supervisor, "2027-01-01", False, "说" * 101),
        lambda: reference.update_station(store, admin, name="站", phone="", address="路" * 201),
        lambda: reference.update_station(store, admin, name="站", phone="", address="", name_en="x" * 101),
    ]
    for attempt in bad:
        with pytest.raises(ValidationError) as err:
            attempt()
        assert str(err.value)
    with pytest.raises(ValidationError) as err:  # a message with a {code} of its own
        reference.save_department(store, supervisor, reference.DepartmentEdit(code="wy", name="物业"))
    assert str(err.value) == "代码“WY”已被使用。" and err.value.code == "duplicate_code"
    with pytest.raises(NotFound):
        reference.save_category(store, supervisor, reference.CategoryEdit(code="C", name="c", default_department_id="nope"))
    with pytest.raises(PermissionDenied):
        reference.update_station(store, supervisor, name="站", phone="", address="")
    assert snapshot(store) == before
    # And what is fine goes through.
    dep = reference.save_department(store, supervisor, reference.DepartmentEdit(
        code="gas", name="燃气公司", name_en="Gas company", phone="021-64331234"))
    assert dep.code == "GAS" and dep.phone == "02164331234"
    cat = reference.save_category(store, supervisor, reference.CategoryEdit(
        code="HOUSE-GAS", name="燃气", parent_id=ref.cat["HOUSE"].id, default_department_id=dep.id, accept_limit="2h"))
    assert cat.accept_limit == "2h"
    st = reference.update_station(store, admin, name="陕西居民区党群服务站", phone="021 6433 1234", address="陕西南路550弄17号")
    assert st.phone == "02164331234" and st.address == "陕西南路550弄17号"


def test_initialise_refuses_overlong_station_texts(empty_store):
    for extra in (dict(address="路" * 201), dict(station_name_en="x" * 101), dict(admin_display_name="名" * 61)):
        with pytest.raises(ValidationError):
            auth.initialise(empty_store, station_code="SX", station_name="站", admin_username="admin",
                            admin_password="correct-horse-1", **extra)
    assert not empty_store.is_initialised()
