"""Two stations and the centre converge; concurrent edits resolve by the merge rules."""

from sqlalchemy import select

from tests.sync.helpers import act, assert_converged, central_rows, register


def test_two_stations_and_central_converge(stations, central):
    a, b = stations("SX"), stations("JL")
    ids_a = register(a, 3)
    ids_b = register(b, 2)
    a.sync()
    b.sync()
    act(a, ids_a[0], "accept")
    act(b, ids_b[1], "note", text="居民说明天再来")
    a.sync()
    b.sync()
    a.sync()
    assert_converged(central, a, b)
    rows = central_rows(central.engine)
    assert sum(1 for (t, _) in rows if t == "work_order") == 5
    # Reference data: one department WY centrally, both desks keep theirs by code.
    from desk.server import models as m

    with central.engine.connect() as conn:
        deps = conn.execute(select(m.record.c.natural_key).where(m.record.c.table_name == "department")).all()
    assert len(deps) == len(set(deps))
