"""event reasons the desk wrote as sentences become codes

A callback that reopened an order stored "回访：群众不满意或问题未解决" (or the English
sentence, if the desk ran in English), and a callback never answered stored "回访 3 次均未接通";
read in the other language they stayed in the language of the day they were written. Such
events now carry `reason_code` (and `attempts`) in their data and an empty reason; the reader
renders them (desk/services/event_reasons.py). Only a reason that is exactly one of those
sentences, on an event of the kind that wrote it, changes: anything a person typed stays.

Revision ID: 0010_event_reason_codes
Revises: 0009_sync_held
"""
import json
import re

from alembic import op
import sqlalchemy as sa

revision = '0010_event_reason_codes'
down_revision = '0009_sync_held'
branch_labels = None
depends_on = None

# Frozen copies: a migration must not change when the app's wording does.
_UNSATISFIED = ("回访：群众不满意或问题未解决", "Callback: not satisfied or not solved")
_UNREACHED = re.compile(r"回访 (\d+) 次均未接通|Not reached after (\d+) callback attempts")
_NO_UPDATE = ("CREATE TRIGGER event_no_update BEFORE UPDATE ON event "
              "BEGIN SELECT RAISE(ABORT, 'event history is append-only'); END")


def _code(kind: str, reason: str) -> dict | None:
    if kind == "reopen" and reason in _UNSATISFIED:
        return {"reason_code": "callback_unsatisfied"}
    m = _UNREACHED.fullmatch(reason) if kind == "close_unreached" else None
    if m:
        return {"reason_code": "callback_unreached", "attempts": int(m.group(1) or m.group(2))}
    return None


def _rewrite(change) -> None:
    """The one sanctioned edit of the append-only history: its trigger is lifted for it alone."""
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, kind, reason, data FROM event "
                                "WHERE kind IN ('reopen', 'close_unreached') AND reason != '' OR data LIKE '%reason_code%'"
                                )).all()
    updates = [u for u in (change(*r) for r in rows) if u]
    if not updates:
        return
    op.execute("DROP TRIGGER IF EXISTS event_no_update")
    conn.execute(sa.text("UPDATE event SET reason = :reason, data = :data WHERE id = :id"), updates)
    op.execute(_NO_UPDATE)


def upgrade() -> None:
    def change(id_, kind, reason, data):
        code = _code(kind, reason or "")
        if code is None:
            return None
        return {"id": id_, "reason": "", "data": json.dumps({**json.loads(data or "{}"), **code}, ensure_ascii=False)}
    _rewrite(change)


def downgrade() -> None:
    # Back to the sentence in the working language (Chinese), as the older desk wrote it.
    def change(id_, kind, reason, data):
        d = json.loads(data or "{}")
        code = d.pop("reason_code", None)
        if code == "callback_unsatisfied":
            sentence = _UNSATISFIED[0]
        elif code == "callback_unreached":
            sentence = f"回访 {d.pop('attempts', '')} 次均未接通"
        else:
            return None
        return {"id": id_, "reason": " ".join(x for x in (sentence, reason) if x),
                "data": json.dumps(d, ensure_ascii=False)}
    _rewrite(change)
