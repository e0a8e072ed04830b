"""What the subdistrict's operator sees and mends: each station's sync health, the quarantine
(list, retry, discard) and the figures mirror. Used by `desk-server status|quarantine|mirror`
and the operator web page (desk.server.operator_page)."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Text, and_, cast, delete, func, or_, select
from sqlalchemy.engine import Engine

from desk.server import models as m
from desk.rules.tables import REFERENCE_TABLES


def station_health(engine: Engine, now: datetime | None = None) -> list[dict]:
    """Per station account: last push, last pull, lag (hours since its last pull), changes
    waiting for its next pull, quarantined changes, orders with conflicts, last refusal."""
    now = now or datetime.now(timezone.utc)
    r, q, a, act = m.record.c, m.quarantine.c, m.account.c, m.station_activity.c
    with engine.connect() as conn:
        accounts = conn.execute(select(a.code, a.active).where(a.role == "station").order_by(a.code)).all()
        activity = {x.station: x for x in conn.execute(select(m.station_activity))}
        held = dict(conn.execute(select(q.station, func.count()).group_by(q.station)).all())
        conflicts = dict(conn.execute(select(r.origin_station, func.count()).where(
            r.table_name.in_(("work_order", "visit", "visitor", "staff")),
            cast(r.conflicts, Text) != "{}").group_by(r.origin_station)).all())
        head = conn.execute(select(m.counter.c.value)).scalar() or 0
        out = []
        for acc in accounts:
            seen = activity.get(acc.code)
            pulled = seen.pulled_seq if seen and seen.pulled_seq is not None else 0
            # What its next pull brings: past its cursor, visible to it, not rows it sent itself
            # (a pull leaves those out, so its cursor may rest below them).
            waiting = conn.execute(select(func.count()).select_from(m.record).where(
                r.seq > pulled, or_(and_(r.table_name.in_(REFERENCE_TABLES), r.shared.is_(True)),
                                    r.origin_station == acc.code),
                or_(r.echo_of.is_(None), r.echo_of != acc.code))).scalar_one()
            last_pull = seen.last_pull_at if seen else None
            out.append({
                "station": acc.code, "active": bool(acc.active),
                "last_push_at": seen.last_push_at if seen else None, "last_pull_at": last_pull,
                "lag_hours": round((now - last_pull).total_seconds() / 3600, 1) if last_pull else None,
                "commits_behind": max(0, head - pulled), "changes_waiting": waiting,
                "quarantined": held.get(acc.code, 0), "conflicts": conflicts.get(acc.code, 0),
                "last_refusal": seen.last_refusal if seen and seen.last_refusal else "",
                "last_refusal_at": seen.last_refusal_at if seen else None,
            })
    return out


def conflict_list(engine: Engine, limit: int = 50) -> list[dict]:
    """Rows whose field values two writers disagreed on, newest first: order, fields, values."""
    r = m.record.c
    with engine.connect() as conn:
        rows = conn.execute(select(r.table_name, r.row_id, r.origin_station, r.data, r.conflicts, r.updated_at).where(
            r.table_name.in_(("work_order", "visit", "visitor", "staff")), cast(r.conflicts, Text) != "{}")
            .order_by(r.seq.desc()).limit(limit)).all()
    out = []
    for x in rows:
        for key, entry in sorted((x.conflicts or {}).items()):
            field = key.split("|", 1)[0]
            kept = (x.data or {}).get(field)
            lost = entry.get("value")
            out.append({"station": x.origin_station, "table": x.table_name, "row_id": x.row_id,
                        "ticket_no": (x.data or {}).get("ticket_no", ""), "field": field,
                        "kept": kept, "lost": lost[0] if field == "status" and isinstance(lost, list) else lost,
                        "lost_station": entry.get("station", ""), "updated_at": x.updated_at})
    return out


def quarantine_list(engine: Engine, station: str | None = None, limit: int = 200) -> list[dict]:
    q = m.quarantine.c
    stmt = select(q.change_id, q.station, q.table_name, q.row_id, q.reason, q.detail, q.at).order_by(q.at.desc())
    if station:
        stmt = stmt.where(q.station == station.upper())
    with engine.connect() as conn:
        return [dict(x._mapping) for x in conn.execute(stmt.limit(limit))]


def quarantine_retry(engine: Engine, change_ids: list[str]) -> list[dict]:
    """Apply quarantined changes again (after the operator mended what refused them, e.g.
    approved a station's reference row): each as a batch of its own for its station. One that
    is applied now leaves the quarantine; one refused again stays, with the new reason."""
    from desk.server.push import apply_batch

    q = m.quarantine.c
    with engine.connect() as conn:
        held = conn.execute(select(q.change_id, q.station, q.change).where(q.change_id.in_(change_ids))).all()
    out = []
    for row in held:
        stamp = datetime.now(timezone.utc).strftime("%H%M%S%f")
        answer = apply_batch(engine, row.station, f"retry-{stamp}"[:32], [dict(row.change)])
        result = answer["results"][0]
        if result["status"] != "quarantined":
            quarantine_discard(engine, [row.change_id])
        else:
            with engine.begin() as conn:
                conn.execute(m.quarantine.update().where(q.change_id == row.change_id)
                             .values(reason=result["reason"], detail=result.get("detail", "")))
        out.append({"change_id": row.change_id, "station": row.station, **{k: v for k, v in result.items()
                                                                            if k != "change_id"}})
    return out


def quarantine_discard(engine: Engine, change_ids: list[str]) -> int:
    with engine.begin() as conn:
        return conn.execute(delete(m.quarantine).where(m.quarantine.c.change_id.in_(change_ids))).rowcount


def headline(engine: Engine, mirror, today=None) -> dict:
    """This month's all-stations headline figures (the desk's own definitions, on the mirror)."""
    from datetime import date

    from desk.server.figures import READER
    from desk.services import figures
    from desk.services.figures import Period, Scope

    with mirror.locked():
        mirror.refresh(engine)
        fig = figures.compute(mirror.store, READER, Period.month(today or date.today()), Scope())
    return {"period": f"{fig.period.date_from} – {fig.period.date_to}", "intake": fig.intake,
            "open_now": fig.open_now, "overdue": fig.overdue_count, "on_time": fig.on_time.percent(),
            "solved": fig.solved.percent(), "satisfaction": fig.satisfaction.percent()}


def ticket_twins(engine: Engine) -> list[dict]:
    """Ticket numbers the centre holds for more than one work order. The centre refuses such a
    push (`duplicate_ticket`), but a server before that check was fixed (2026-12-05) let them in
    (a second order under a held number was applied): this finds what it wrote."""
    from desk.server.push import ticket_of_record

    with engine.connect() as conn:
        ticket = ticket_of_record(conn.dialect.name).label("ticket_no")
        twins = (select(ticket).where(m.record.c.table_name == "work_order").group_by(ticket)
                 .having(func.count() > 1).subquery())
        rows = conn.execute(
            select(twins.c.ticket_no, m.record.c.row_id, m.record.c.origin_station, m.record.c.updated_at)
            .select_from(m.record).join(twins, ticket_of_record(conn.dialect.name) == twins.c.ticket_no)
            .where(m.record.c.table_name == "work_order")
            .order_by(twins.c.ticket_no, m.record.c.updated_at, m.record.c.row_id)).all()
    return [{"ticket_no": t, "order_id": row_id, "station": station, "updated_at": at}
            for t, row_id, station, at in rows]
