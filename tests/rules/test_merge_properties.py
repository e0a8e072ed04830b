"""The merge is a join: commutative, associative, idempotent (hypothesis), and its rules hold."""

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.rules.merge import change_state, merge_states

STATIONS = ["CENTRAL", "JL", "SX", "WK"]
STATUSES = ["registered", "dispatched", "accepted", "in_progress", "pending", "resolved", "called_back",
            "closed", "voided", "merged", "answered"]
hlcs = st.builds(lambda w, c: f"{w:013d}.{c:05d}", st.integers(1, 6), st.integers(0, 2))


@st.composite
def change(draw):
    fields = {}
    if draw(st.booleans()):
        fields["summary"] = draw(st.sampled_from(["漏水", "噪音", "停车", ""]))
    if draw(st.booleans()):
        fields["rating"] = draw(st.sampled_from([None, 1, 3, 5]))
    if draw(st.booleans()) or not fields:
        fields["status"] = draw(st.sampled_from(STATUSES))
        fields["status_epoch"] = draw(st.integers(0, 2))
    return change_state("work_order", fields, draw(hlcs), draw(st.sampled_from(STATIONS)), draw(st.integers(0, 2)))


@st.composite
def state(draw):
    s = None
    for c in draw(st.lists(change(), min_size=1, max_size=4)):
        s = merge_states("work_order", s, c)
    return s


M = lambda a, b: merge_states("work_order", a, b)  # noqa: E731


@settings(max_examples=200, deadline=None)
@given(state(), state())
def test_commutative(a, b):
    assert M(a, b) == M(b, a)


@settings(max_examples=200, deadline=None)
@given(state(), state(), state())
def test_associative(a, b, c):
    assert M(M(a, b), c) == M(a, M(b, c))


@settings(max_examples=200, deadline=None)
@given(state(), state())
def test_idempotent(a, b):
    assert M(a, a) == a
    ab = M(a, b)
    assert M(ab, b) == ab and M(ab, a) == ab


@settings(max_examples=200, deadline=None)
@given(st.lists(change(), min_size=1, max_size=6), st.randoms())
def test_any_order_same_result_and_every_field_is_its_maximum(changes, rnd):
    forward = None
    for c in changes:
        forward = M(forward, c)
    shuffled = list(changes) + list(changes[: len(changes) // 2])  # duplicates too
    rnd.shuffle(shuffled)
    other = None
    for c in shuffled:
        other = M(other, c)
    assert forward == other
    for field in ("summary", "rating"):
        written = [(c["clocks"][field][0], c["clocks"][field][1], c) for c in changes if field in c["data"]]
        if written:
            best = max(written, key=lambda w: (w[0], w[1], repr(w[2]["data"][field])))
            assert forward["data"][field] == best[2]["data"][field]
            # Every other station's overwritten value is on record.
            for hlc, stn, c in written:
                if stn != forward["clocks"][field][1] and (hlc, stn) < tuple(forward["clocks"][field][:2]):
                    assert f"{field}|{stn}" in forward["conflicts"]


def test_resolved_beats_in_progress_whatever_the_clocks():
    late_progress = change_state("work_order", {"status": "in_progress", "status_epoch": 0}, "0000000000009.00000", "SX")
    early_resolve = change_state("work_order", {"status": "resolved", "status_epoch": 0}, "0000000000001.00000", "CENTRAL")
    merged = M(late_progress, early_resolve)
    assert merged["data"]["status"] == "resolved"
    assert merged["conflicts"]["status|SX"]["value"][0] == "in_progress"


def test_reopen_beats_a_concurrent_close_and_void_is_never_undone():
    close = change_state("work_order", {"status": "closed", "status_epoch": 0}, "0000000000005.00000", "SX")
    reopen = change_state("work_order", {"status": "dispatched", "status_epoch": 1}, "0000000000004.00000", "CENTRAL")
    assert M(close, reopen)["data"]["status"] == "dispatched"
    void = change_state("work_order", {"status": "voided", "status_epoch": 0}, "0000000000001.00000", "SX")
    assert M(M(close, reopen), void)["data"]["status"] == "voided"


def test_a_deliberate_step_back_beats_a_concurrent_step_forward():
    accepted = change_state("work_order", {"status": "accepted", "status_epoch": 0}, "0000000000005.00000", "SX")
    returned = change_state("work_order", {"status": "registered", "status_epoch": 0}, "0000000000006.00000", "SX", 1)
    assert M(accepted, returned)["data"]["status"] == "registered"
    # Same station, later in time: no conflict is recorded for its own history.
    assert M(accepted, returned)["conflicts"] == {}


def test_last_writer_wins_per_field_by_clock_then_station():
    a = change_state("visitor", {"name": "张三", "lane": "陕西南路"}, "0000000000002.00000", "SX")
    b = change_state("visitor", {"name": "张三明"}, "0000000000002.00000", "WK")
    merged = merge_states("visitor", a, b)
    assert merged["data"] == {"name": "张三明", "lane": "陕西南路"}  # WK > SX on equal clocks
    assert merged["conflicts"]["name|SX"]["value"] == "张三"
