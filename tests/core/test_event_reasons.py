"""Reasons the desk writes into the history are codes, read in the reader's language; the
migration turns the sentences older desks stored into codes and leaves typed text alone."""

import json
import sqlite3

from desk import db
from desk.i18n import using
from desk.services import callbacks, lifecycle, queries, settings
from desk.services.store import Store
from tests.core.core_helpers import events, order_in

UNSATISFIED = {"zh_CN": "回访：群众不满意或问题未解决", "en": "Callback: not satisfied or not solved"}


def _reopen_reason(store, actor, ticket) -> str:
    return next(e.reason for e in queries.get_order(store, actor, ticket).events if e.kind == "reopen")


def test_a_callback_that_reopens_stores_a_code_and_reads_in_either_language(store, supervisor, clerk, ref):
    ticket = order_in(store, supervisor, ref, "resolved")
    lifecycle.perform(store, clerk, ticket, "callback", solved=False, rating=2)
    stored = next(e for e in events(store, ticket) if e["kind"] == "reopen")
    assert stored["reason"] == "" and json.loads(stored["data"])["reason_code"] == "callback_unsatisfied"
    for lang, sentence in UNSATISFIED.items():
        with using(lang):
            assert _reopen_reason(store, clerk, ticket) == sentence


def test_the_last_unanswered_call_stores_a_code_with_its_count(store, supervisor, clerk, ref):
    ticket = order_in(store, supervisor, ref, "resolved")
    limit = settings.get(store, "callback_max_attempts")
    for _ in range(limit):
        callbacks.not_reached(store, clerk, ticket)
    closing = [e for e in events(store, ticket) if e["kind"] == "close_unreached"]
    assert closing[0]["reason"] == ""
    assert json.loads(closing[0]["data"]) == {"reason_code": "callback_unreached", "attempts": limit}
    shown = {}
    for lang in ("zh_CN", "en"):
        with using(lang):
            shown[lang] = queries.get_order(store, clerk, ticket).events[-1].reason
    assert shown == {"zh_CN": f"回访 {limit} 次均未接通", "en": f"Not reached after {limit} callback attempts"}


def _raw_event(con, order_id, kind, reason, n):
    con.execute("INSERT INTO event (id, order_id, seq, at, actor_name, kind, from_status, to_status, reason, data, "
                "origin_station) VALUES (?, ?, ?, '2026-01-05 09:00:00.000000', '', ?, 'resolved', 'closed', ?, "
                "'{\"solved\": false}', 'SX')", (f"old{n:029d}", order_id, 9000 + n, kind, reason))


def test_the_migration_turns_old_sentences_into_codes_and_leaves_typed_text(store, supervisor, clerk, ref, tmp_path):
    ticket = order_in(store, supervisor, ref, "resolved")
    lifecycle.perform(store, clerk, ticket, "callback", solved=False, rating=1)
    path = store.path
    order_id = events(store, ticket)[0]["order_id"]
    store.close()
    # The file as the desk before 0010 left it: the downgrade writes the Chinese sentence back,
    # and rows in English or typed by a person are added as that desk could have written them.
    engine = db.make_engine(path)
    from alembic import command

    command.downgrade(db.alembic_config(engine), "0009_sync_held")
    engine.dispose()
    con = sqlite3.connect(path)
    assert con.execute("SELECT reason FROM event WHERE kind = 'reopen'").fetchone()[0] == UNSATISFIED["zh_CN"]
    typed = ("回访：群众不满意或问题未解决，已再次联系物业",   # longer than the sentence: a person's words
             "Not reached after 3 callback attempts")       # a typed English note on an ordinary close
    _raw_event(con, order_id, "close_unreached", "Not reached after 3 callback attempts", 1)
    _raw_event(con, order_id, "close_unreached", "回访 4 次均未接通", 2)
    _raw_event(con, order_id, "reopen", typed[0], 3)
    _raw_event(con, order_id, "close", typed[1], 4)
    _raw_event(con, order_id, "reopen", UNSATISFIED["en"], 5)
    con.commit()
    con.close()

    again = Store.open(path)  # upgrades to head (after its backup copy)
    try:
        rows = {e["id"]: e for e in events(again, ticket)}
        coded = [e for e in rows.values() if e["reason"] == "" and "reason_code" in e["data"]]
        assert len(coded) == 4  # the desk's own reopen, two not-reached closes, the English reopen
        assert json.loads(rows[f"old{1:029d}"]["data"]) == {"solved": False, "reason_code": "callback_unreached",
                                                             "attempts": 3}
        assert json.loads(rows[f"old{2:029d}"]["data"])["attempts"] == 4
        assert rows[f"old{3:029d}"]["reason"] == typed[0] and "reason_code" not in rows[f"old{3:029d}"]["data"]
        assert rows[f"old{4:029d}"]["reason"] == typed[1] and "reason_code" not in rows[f"old{4:029d}"]["data"]
        for lang in ("zh_CN", "en"):
            with using(lang):
                shown = [e.reason for e in queries.get_order(again, clerk, ticket).events]
            assert shown.count(UNSATISFIED[lang]) == 2 and typed[0] in shown and typed[1] in shown
        # The history is append-only again once the migration is done.
        con = sqlite3.connect(path)
        try:
            con.execute("UPDATE event SET reason = 'x'")
            raise AssertionError("the event_no_update trigger is gone")
        except sqlite3.IntegrityError:
            pass
        finally:
            con.close()
    finally:
        again.close()


def test_a_row_not_yet_migrated_reads_in_either_language_and_typed_words_stay():
    """Rows of a station not yet upgraded still arrive through the centre as sentences."""
    from desk.services.event_reasons import reason_text

    for lang, expected in (("zh_CN", "回访 3 次均未接通"), ("en", "Not reached after 3 callback attempts")):
        with using(lang):
            assert reason_text("close_unreached", "Not reached after 3 callback attempts", {}) == expected
            assert reason_text("close_unreached", "回访 3 次均未接通", {}) == expected
            assert reason_text("reopen", "回访：群众不满意或问题未解决", {}) == UNSATISFIED[lang]
            assert reason_text("close", "回访 3 次均未接通", {}) == "回访 3 次均未接通"  # typed on a close
            assert reason_text("reopen", "楼上又漏了", {}) == "楼上又漏了"
