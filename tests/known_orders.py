"""A known dataset built only through the services (register, dispatch, accept, …), used by the
figures, report and export tests. Deterministic: the same orders every run."""

from __future__ import annotations

import random

import pytest
from datetime import datetime, timedelta, timezone

from desk.services import intake, lifecycle
from desk.services.dto import MatterInput, VisitInput

SHANGHAI = timezone(timedelta(hours=8))
START = datetime(2026, 11, 30, 9, 0, tzinfo=SHANGHAI)  # Monday
END = datetime(2026, 12, 18, 15, 0, tzinfo=SHANGHAI)  # Friday: "now" after building

# (category code, kind) the random orders draw from
MATTERS = [("HOUSE-LEAK", "help"), ("NOISE-BAR", "complaint"), ("ENV-RUBBISH", "complaint"),
           ("STATION-CANTEEN", "consult"), ("ELDER-MEAL", "service"), (None, "consult"), ("HOUSE", "help")]
PLANS = ["answer", "register", "dispatch", "accept", "accept_late", "resolve", "resolve_late", "resolve_unsolved",
         "callback5", "callback4", "callback2", "return", "extend", "void", "pend", "close"]
STREETS = ["陕西南路", "复兴中路", "南昌路", "茂名南路", "长乐路", "襄阳北路", "淮海中路", "新乐路"]


def build(store, clock, clerk, supervisor, ref, *, n: int = 60, seed: int = 7) -> list[str]:
    """Register `n` visits between START and END with a spread of channels, kinds, hours, areas
    and lifecycles, plus two hot-topic clusters. Returns the order ids. Leaves the clock at END."""
    rng = random.Random(seed)
    ids: list[str] = []
    span = (END - START).total_seconds()
    moments = sorted(START + timedelta(seconds=rng.uniform(0, span)) for _ in range(n))
    # The 22:00 rule: evening noise complaints.
    moments += [datetime(2026, 12, 11, 22, 20, tzinfo=SHANGHAI), datetime(2026, 12, 12, 22, 45, tzinfo=SHANGHAI)]
    for i, when in enumerate(moments):
        cat_code, kind = MATTERS[i % len(MATTERS)] if i >= n else rng.choice(MATTERS)
        if i >= n:
            cat_code, kind = "NOISE-BAR", "complaint"
        lane, number = ("", "") if rng.random() < 0.2 else (rng.choice(STREETS), str(rng.randint(1, 60)))
        plan = rng.choice(PLANS)
        if cat_code is None and plan not in ("answer", "register"):
            plan = "answer"
        ids.append(_order(store, clock, clerk, supervisor, ref, when, cat_code, kind, lane, number, plan,
                          channel=rng.choice(["walk_in", "walk_in", "phone", "visit"]),
                          area=rng.random() < 0.8, phone=f"1381234{i:04d}", name="张三明" if i % 2 else "李梅"))
    # Hot topics: leaks at one address, bar noise along one lane.
    for day in (1, 3, 8):
        ids.append(_order(store, clock, clerk, supervisor, ref, datetime(2026, 12, day, 10, 0, tzinfo=SHANGHAI),
                          "HOUSE-LEAK", "help", "建国西路", "88", "dispatch", channel="phone", area=True,
                          phone="13900001111", name="王建国"))
    for day, number in ((2, "5"), (9, "7"), (15, "11"), (16, "13")):
        ids.append(_order(store, clock, clerk, supervisor, ref, datetime(2026, 12, day, 22, 30, tzinfo=SHANGHAI),
                          "NOISE-BAR", "complaint", "永嘉路", number, "accept", channel="phone", area=True,
                          phone="13900002222", name="赵敏"))
    clock.now = END.astimezone(timezone.utc)
    return ids


def _order(store, clock, clerk, supervisor, ref, when, cat_code, kind, lane, number, plan, *, channel, area,
           phone, name) -> str:
    clock.now = when.astimezone(timezone.utc)
    cat = ref.cat[cat_code].id if cat_code else None
    matter = MatterInput(summary=f"{kind} {cat_code or '咨询'} {lane}", kind=kind, category_id=cat,
                         lane=lane, number=number, area_id=ref.area["SX"].id if area else None,
                         answer="已当场答复" if plan == "answer" else None,
                         dispatch=plan not in ("answer", "register", "void"))
    result = intake.register_visit(store, clerk, VisitInput(matters=(matter,), channel=channel, name=name, phone=phone))
    oid = result.orders[0].id

    def act(after: timedelta, action: str, **params) -> bool:
        moment = when + after
        if moment >= END:
            return False  # the future has not happened yet
        clock.now = moment.astimezone(timezone.utc)
        lifecycle.perform(store, supervisor, oid, action, **params)
        return True

    h = timedelta(hours=1)
    d = timedelta(days=1)
    if plan == "void":
        act(h, "void", reason="无效来电")
    elif plan == "accept":
        act(h, "accept")
    elif plan == "accept_late":
        act(3 * d, "accept")
    elif plan in ("resolve", "resolve_late", "resolve_unsolved", "callback5", "callback4", "callback2", "close",
                  "extend", "pend"):
        if act(h, "accept") and act(2 * h, "start"):
            if plan == "pend":
                act(3 * h, "pend", reason="等待材料")
                return oid
            if plan == "extend":
                act(3 * h, "request_extension", reason="需要协调", days=5)
                act(4 * h, "approve_extension")
            late = plan == "resolve_late"
            if act(12 * d if late else 5 * h, "resolve", result="已处理", solved=plan != "resolve_unsolved"):
                rating = {"callback5": 5, "callback4": 4, "callback2": 2, "close": 5}.get(plan)
                if rating and act(d + 5 * h, "callback", solved=True, rating=rating) and plan == "close":
                    act(d + 6 * h, "close")
    elif plan == "return":
        if act(h, "return", reason="不属于本单位"):
            act(2 * h, "dispatch", department_id=ref.dep["JWH"].id)
    return oid


_TEMPLATE: dict = {}


def dataset(directory):
    """The known dataset in its own file. Built once per test process (it takes seconds), then
    copied with SQLite's backup API for every module that asks."""
    import sqlite3
    from types import SimpleNamespace

    from desk.services.store import Store
    from tests.conftest import Clock

    path = directory / "known.sqlite3"
    if not _TEMPLATE:
        _TEMPLATE.update(_build_template(directory.parent / f"known-template-{id(_TEMPLATE)}.sqlite3"))
    src, dst = sqlite3.connect(_TEMPLATE["path"]), sqlite3.connect(path)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    clock = Clock(END.astimezone(timezone.utc))
    store = Store.open(path, clock=clock)
    return SimpleNamespace(store=store, clock=clock, path=path, **{k: v for k, v in _TEMPLATE.items() if k != "path"})


def _build_template(path) -> dict:
    from types import SimpleNamespace

    from desk.services import auth, reference
    from desk.services.store import Store
    from tests.conftest import PASSWORD, Clock

    clock = Clock(START.astimezone(timezone.utc))
    store = Store.open(path, clock=clock)
    try:
        admin = auth.initialise(store, station_code="SX", station_name="陕西居民区党群服务站", admin_username="admin",
                                admin_password=PASSWORD, admin_display_name="管理员", phone="021-64331234",
                                address="陕西南路550弄17号")
        auth.add_user(store, admin, "chenjing", "陈静", "supervisor", PASSWORD)
        auth.add_user(store, admin, "wangli", "王丽", "clerk", PASSWORD)
        supervisor = auth.login(store, "chenjing", PASSWORD)
        clerk = auth.login(store, "wangli", PASSWORD)
        ref = SimpleNamespace(cat={c.code: c for c in reference.list_categories(store)},
                              dep={d.code: d for d in reference.list_departments(store)},
                              area={a.code: a for a in reference.list_areas(store)})
        ids = build(store, clock, clerk, supervisor, ref)
    finally:
        store.close()
    return dict(path=path, admin=admin, supervisor=supervisor, clerk=clerk, ref=ref, ids=ids)


# The dataset as fixtures, defined once: a test module that wants it imports both names
# (`from tests.known_orders import known, store`); built once per module, "now" reset per test.
@pytest.fixture(scope="module")
def known(tmp_path_factory):
    ds = dataset(tmp_path_factory.mktemp("known"))
    yield ds
    ds.store.close()


@pytest.fixture
def store(known):
    known.clock.now = END.astimezone(timezone.utc)
    return known.store
