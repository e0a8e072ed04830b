"""Edits and comparisons shared by the sync tests."""

from __future__ import annotations

import json
import random

from sqlalchemy import select

from desk.services import intake, lifecycle
from desk.services.dto import MatterInput, VisitInput
from desk.rules.merge import STATION_TABLES
from desk.sync.wire import row_to_wire, table as table_of

OWNED = STATION_TABLES + ("event",)


def register(st, n: int = 1, *, dispatch: bool = True, rnd: random.Random | None = None) -> list[str]:
    """n visits with one order each; returns the order ids."""
    rnd = rnd or random.Random(0)
    ids = []
    for i in range(n):
        res = intake.register_visit(st.store, st.admin, VisitInput(
            name="张三明", phone=f"138{rnd.randrange(10**8):08d}", lane="陕西南路550弄", number=str(i % 90 + 1),
            matters=(MatterInput(summary=f"公用厨房漏水 {i}", kind="complaint",
                                 category_id=st.ref.cat["HOUSE-LEAK"].id, dispatch=dispatch),)))
        ids.append(res.orders[0].id)
    return ids


def act(st, order_id: str, action: str, **params):
    return lifecycle.perform(st.store, st.admin, order_id, action, **params)


def desk_rows(store, tables=OWNED) -> dict[tuple[str, str], dict]:
    """The desk's rows as the centre names them (reference ids through the desk's aliases)."""
    from desk.sync import schema

    out = {}
    with store.read() as s:
        to_central = {(a.table_name, a.local_id): a.remote_id for a in s.execute(select(schema.alias))}
        for tname in tables:
            t = table_of(tname)
            for row in s.execute(select(t)):
                data = row_to_wire(tname, dict(row._mapping))
                for col in t.columns:
                    for fk in col.foreign_keys:
                        key = (fk.column.table.name, data.get(col.name))
                        if key in to_central:
                            data[col.name] = to_central[key]
                out[(tname, row.id)] = data
    return out


def central_rows(engine, station: str | None = None, tables=OWNED) -> dict[tuple[str, str], dict]:
    from desk.server import models as m

    q = select(m.record.c.table_name, m.record.c.row_id, m.record.c.data).where(m.record.c.table_name.in_(tables))
    if station:
        q = q.where(m.record.c.origin_station == station)
    with engine.connect() as conn:
        return {(r.table_name, r.row_id): dict(r.data) for r in conn.execute(q)}


def normalise(rows: dict) -> dict:
    # Compare values as JSON would carry them.
    return {k: json.loads(json.dumps(v, sort_keys=True, default=str)) for k, v in rows.items()}


def outbox_count(store) -> int:
    from desk.sync.client import pending_count

    return pending_count(store)


def assert_converged(central, *stations) -> None:
    """Central equals the union of every station's own rows; each station equals central's copy
    of its rows; no outbox left."""
    union = {}
    for st in stations:
        mine = {k: v for k, v in desk_rows(st.store).items() if v.get("origin_station") == st.code}
        assert not set(mine) & set(union), "two stations claim one id"
        union.update(mine)
        assert outbox_count(st.store) == 0, f"{st.code} outbox not drained"
        theirs = normalise(central_rows(central.engine, st.code))
        assert normalise(mine) == theirs, f"{st.code} differs from central: {diff(normalise(mine), theirs)}"
    assert normalise(union) == normalise(central_rows(central.engine)), "central is not the union"


def diff(a: dict, b: dict, limit: int = 5) -> list:
    out = []
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            x, y = a.get(k) or {}, b.get(k) or {}
            out.append((k, {f: (x.get(f), y.get(f)) for f in set(x) | set(y) if x.get(f) != y.get(f)}))
            if len(out) >= limit:
                break
    return out
