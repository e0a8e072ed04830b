"""Station, grids, areas, departments, categories and calendar overrides."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.i18n import by_language
from desk.models import CalendarOverride, Category, Department, Grid, ResidentialArea, Station
from desk.services import defaults, validation
from desk.services.audit import record
from desk.services.calendar import parse_limit
from desk.services.dto import Actor, AreaInfo, CategoryInfo, DepartmentInfo, StationInfo
from desk.errors import NotFound, ValidationError
from desk.rules.permissions import Permission, require
from desk.services.store import Store, mark_changed

_STATION_CODE_RE = re.compile(r"^[A-Z0-9]{2,8}$")


def check_station_code(code: str) -> str:
    code = (code or "").strip().upper()
    if not _STATION_CODE_RE.match(code):
        raise ValidationError("bad_station_code")
    return code


def install_defaults(session: Session, *, station_code: str, station_name: str, station_name_en: str = "",
                     phone: str = "", address: str = "", is_demo: bool = False) -> Station:
    """The local station and the default reference data, in the caller's transaction."""
    grids = {}
    for code, name, name_en in defaults.GRIDS:
        grids[code] = Grid(code=code, name=name, name_en=name_en, origin_station=station_code)
        session.add(grids[code])
    session.flush()
    for code, name, name_en, grid in defaults.AREAS:
        session.add(ResidentialArea(code=code, name=name, name_en=name_en, grid_id=grids[grid].id,
                                    origin_station=station_code))
    departments = {}
    for i, (code, name, name_en) in enumerate(defaults.DEPARTMENTS):
        departments[code] = Department(code=code, name=name, name_en=name_en, sort=i, origin_station=station_code)
        session.add(departments[code])
    session.flush()
    categories: dict[str, Category] = {}
    for i, (code, parent, name, name_en, dept, accept, resolve) in enumerate(defaults.CATEGORIES):
        categories[code] = Category(
            code=code, name=name, name_en=name_en, sort=i, accept_limit=accept, resolve_limit=resolve,
            parent_id=categories[parent].id if parent else None,
            default_department_id=departments[dept].id, origin_station=station_code,
        )
        session.add(categories[code])
        session.flush()
    station = Station(
        code=station_code, name=station_name, name_en=station_name_en, phone=phone, address=address,
        grid_id=grids["JL"].id, is_local=True, is_demo=is_demo, origin_station=station_code,
    )
    session.add(station)
    session.flush()
    from desk.models.knowledge_samples import insert_samples_sql

    insert_samples_sql(session.connection())  # the knowledge base's sample entries, to edit
    mark_changed(session, "station", "reference", "calendar")
    return station


# -- reading ---------------------------------------------------------------------------------

def station_info(store: Store) -> StationInfo:
    return store.station()


def list_departments(store: Store, *, include_inactive: bool = False) -> list[DepartmentInfo]:
    with store.read() as s:
        q = select(Department).order_by(Department.sort, Department.code)
        if not include_inactive:
            q = q.where(Department.active.is_(True))
        return [DepartmentInfo(d.id, d.code, d.name, d.name_en, d.contact, d.phone, d.active) for d in s.scalars(q)]


def list_categories(store: Store, *, include_inactive: bool = False) -> list[CategoryInfo]:
    """The category tree flattened parent-first, each with its depth."""
    with store.read() as s:
        rows = s.scalars(select(Category).order_by(Category.sort, Category.code)).all()
    children: dict[str | None, list[Category]] = {}
    for c in rows:
        if include_inactive or c.active:
            children.setdefault(c.parent_id, []).append(c)
    out: list[CategoryInfo] = []

    def walk(parent: str | None, depth: int) -> None:
        for c in children.get(parent, []):
            out.append(CategoryInfo(c.id, c.code, c.name, c.name_en, c.parent_id, c.default_department_id,
                                    c.accept_limit, c.resolve_limit, c.active, depth))
            walk(c.id, depth + 1)

    walk(None, 0)
    return out


def list_areas(store: Store, *, include_inactive: bool = False) -> list[AreaInfo]:
    with store.read() as s:
        grids = {g.id: g for g in s.scalars(select(Grid))}
        q = select(ResidentialArea).order_by(ResidentialArea.code)
        if not include_inactive:
            q = q.where(ResidentialArea.active.is_(True))
        out = []
        for a in s.scalars(q):
            g = grids.get(a.grid_id)
            out.append(AreaInfo(a.id, a.code, a.name, a.name_en, a.grid_id,
                                by_language(g.name, g.name_en or g.name) if g else "", a.active))
        return out


def find_department(store: Store, ref: str) -> DepartmentInfo:
    for d in list_departments(store, include_inactive=True):
        if ref in (d.id, d.code, d.name):
            return d
    raise NotFound("department_not_found", ref=ref)


def find_category(store: Store, ref: str) -> CategoryInfo:
    for c in list_categories(store, include_inactive=True):
        if ref in (c.id, c.code, c.name):
            return c
    raise NotFound("category_not_found", ref=ref)


def find_area(store: Store, ref: str) -> AreaInfo:
    for a in list_areas(store, include_inactive=True):
        if ref in (a.id, a.code, a.name):
            return a
    raise NotFound("area_not_found", ref=ref)


def category_descendants(store: Store, category_id: str) -> set[str]:
    parents = store.names().category_parent
    out = {category_id}
    changed = True
    while changed:
        changed = False
        for cid, parent in parents.items():
            if parent in out and cid not in out:
                out.add(cid)
                changed = True
    return out


# -- editing ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class DepartmentEdit:
    code: str
    name: str
    name_en: str = ""
    contact: str = ""
    phone: str = ""
    active: bool = True


def save_department(store: Store, actor: Actor, edit: DepartmentEdit, department_id: str | None = None) -> DepartmentInfo:
    require(actor.role, Permission.MANAGE_REFERENCE)
    code = validation.text(edit.code, "code", required=True, multiline=False).strip().upper()
    name = validation.text(edit.name, "name", required=True, multiline=False).strip()
    name_en = validation.text(edit.name_en, "name_en", multiline=False).strip()
    contact = validation.text(edit.contact, "contact", multiline=False)
    phone = validation.phone(edit.phone) if edit.phone.strip() else ""
    with store.write() as s:
        clash = s.scalars(select(Department).where(Department.code == code)).first()
        if clash and clash.id != department_id:
            raise ValidationError("duplicate_code", code=code)
        if department_id:
            d = s.get(Department, department_id)
            if d is None:
                raise NotFound("department_not_found", ref=department_id)
        else:
            d = Department(origin_station=store.station().code, sort=100)
            s.add(d)
        d.code, d.name, d.name_en, d.contact, d.phone, d.active = code, name, name_en, contact, phone, edit.active
        record(s, store, actor, "reference.department", code, name)
        mark_changed(s, "reference")
        s.flush()
        return DepartmentInfo(d.id, d.code, d.name, d.name_en, d.contact, d.phone, d.active)


@dataclass(frozen=True)
class CategoryEdit:
    code: str
    name: str
    name_en: str = ""
    parent_id: str | None = None
    default_department_id: str | None = None
    accept_limit: str = "1d"
    resolve_limit: str = "5d"
    active: bool = True


def save_category(store: Store, actor: Actor, edit: CategoryEdit, category_id: str | None = None) -> CategoryInfo:
    require(actor.role, Permission.MANAGE_REFERENCE)
    code = validation.text(edit.code, "code", required=True, multiline=False).strip().upper()
    name = validation.text(edit.name, "name", required=True, multiline=False).strip()
    name_en = validation.text(edit.name_en, "name_en", multiline=False).strip()
    accept, resolve = str(parse_limit(edit.accept_limit)), str(parse_limit(edit.resolve_limit))
    with store.write() as s:
        clash = s.scalars(select(Category).where(Category.code == code)).first()
        if clash and clash.id != category_id:
            raise ValidationError("duplicate_code", code=code)
        if edit.default_department_id and s.get(Department, edit.default_department_id) is None:
            raise NotFound("department_not_found", ref=edit.default_department_id)
        parent = edit.parent_id
        while parent:  # refuse a loop in the tree
            if parent == category_id:
                raise ValidationError("category_cycle")
            p = s.get(Category, parent)
            if p is None:
                raise NotFound("category_not_found", ref=parent)
            parent = p.parent_id
        if category_id:
            c = s.get(Category, category_id)
            if c is None:
                raise NotFound("category_not_found", ref=category_id)
        else:
            c = Category(origin_station=store.station().code, sort=100)
            s.add(c)
        c.code, c.name, c.name_en = code, name, name_en
        c.parent_id, c.default_department_id = edit.parent_id, edit.default_department_id
        c.accept_limit, c.resolve_limit, c.active = accept, resolve, edit.active
        record(s, store, actor, "reference.category", code, f"{name} {accept}/{resolve}")
        mark_changed(s, "reference")
        s.flush()
        return CategoryInfo(c.id, c.code, c.name, c.name_en, c.parent_id, c.default_department_id,
                            c.accept_limit, c.resolve_limit, c.active, 0)


def save_area(store: Store, actor: Actor, code: str, name: str, name_en: str = "", grid_code: str | None = None,
              area_id: str | None = None, active: bool = True) -> AreaInfo:
    require(actor.role, Permission.MANAGE_REFERENCE)
    code = validation.text(code, "code", required=True, multiline=False).strip().upper()
    name = validation.text(name, "name", required=True, multiline=False).strip()
    name_en = validation.text(name_en, "name_en", multiline=False).strip()
    with store.write() as s:
        clash = s.scalars(select(ResidentialArea).where(ResidentialArea.code == code)).first()
        if clash and clash.id != area_id:
            raise ValidationError("duplicate_code", code=code)
        grid = s.scalars(select(Grid).where(Grid.code == grid_code)).first() if grid_code else None
        a = s.get(ResidentialArea, area_id) if area_id else None
        if a is None:
            a = ResidentialArea(origin_station=store.station().code)
            s.add(a)
        a.code, a.name, a.name_en, a.active = code, name, name_en, active
        if grid:
            a.grid_id = grid.id
        record(s, store, actor, "reference.area", code, name)
        mark_changed(s, "reference")
    return find_area(store, code)


@dataclass(frozen=True)
class CalendarDay:
    day: str
    is_workday: bool
    note: str


def list_calendar_overrides(store: Store) -> list[CalendarDay]:
    with store.read() as s:
        return [CalendarDay(o.day, o.is_workday, o.note) for o in s.scalars(select(CalendarOverride).order_by(CalendarOverride.day))]


def set_calendar_override(store: Store, actor: Actor, day: str, is_workday: bool | None, note: str = "") -> None:
    """Mark a day as working or not; None removes the override."""
    require(actor.role, Permission.MANAGE_REFERENCE)
    key = validation.iso_date(day).isoformat()
    note = validation.text(note, "note", multiline=False)
    with store.write() as s:
        row = s.get(CalendarOverride, key)
        if is_workday is None:
            if row:
                s.delete(row)
        elif row:
            row.is_workday, row.note = is_workday, note
        else:
            s.add(CalendarOverride(day=key, is_workday=is_workday, note=note))
        record(s, store, actor, "reference.calendar", key, f"{is_workday} {note}")
        mark_changed(s, "calendar")


def update_station(store: Store, actor: Actor, *, name: str, phone: str, address: str, name_en: str = "") -> StationInfo:
    require(actor.role, Permission.MANAGE_STATION)
    name = validation.text(name, "station_name", required=True, multiline=False).strip()
    name_en = validation.text(name_en, "name_en", multiline=False).strip()
    address = validation.text(address, "address", multiline=False).strip()
    phone = validation.phone(phone) if (phone or "").strip() else ""
    with store.write() as s:
        st = s.scalars(select(Station).where(Station.is_local.is_(True))).one()
        st.name, st.phone, st.address, st.name_en = name, phone, address, name_en
        record(s, store, actor, "station.update", st.code, name)
        mark_changed(s, "station")
    return store.station()
