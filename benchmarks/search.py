"""Search by ticket number, phone, name, two-character and longer Chinese: the first page of
results through queries.list_orders, beside the raw SQLite query (index or FTS5) that answers
the same question (same rows, same order)."""

from __future__ import annotations

import random
import sqlite3

from benchmarks.harness import Figure, interleaved, percentile

_COLUMNS = "w.*, v.name, v.phone"
_BY_TICKET = (f"SELECT {_COLUMNS} FROM work_order w LEFT JOIN visitor v ON v.id = w.visitor_id "
              "WHERE w.ticket_no = ?")
_BY_MATCH = (f"SELECT {_COLUMNS} FROM order_search s JOIN work_order w ON w.rowid = s.rowid "
             "LEFT JOIN visitor v ON v.id = w.visitor_id WHERE order_search MATCH ? "
             "ORDER BY w.created_at DESC, w.id DESC LIMIT ?")
PAGE = 100


def terms(conn: sqlite3.Connection, n: int, seed: int = 11) -> dict[str, list[str]]:
    """n search terms of each kind, drawn from the data itself (seeded, so runs compare)."""
    from desk import demo_templates as T

    rng = random.Random(seed)
    top = conn.execute("SELECT max(rowid) FROM work_order").fetchone()[0] or 1
    tickets, phones, names = [], [], []
    while len(tickets) < n or len(phones) < n or len(names) < n:
        row = conn.execute("SELECT w.ticket_no, v.phone, v.name FROM work_order w LEFT JOIN visitor v "
                           "ON v.id = w.visitor_id WHERE w.rowid >= ? LIMIT 1", (rng.randint(1, top),)).fetchone()
        if row is None:
            continue
        if len(tickets) < n:
            tickets.append(row[0])
        if row[1] and len(phones) < n:
            phones.append(row[1])
        if row[2] and len(names) < n:
            names.append(row[2])
    # Words a clerk types: the first two characters of a summary's clause (漏水, 楼道, 酒吧 …)
    # and its first four to six characters (楼道灯不亮, 公用厨房水管).
    clauses = [c for t in T.TEMPLATES.values() for s in t[2] for c in s.split("，") if len(c) >= 4]
    two = [rng.choice(clauses)[:2] for _ in range(n)]
    longer = [c[:rng.randint(4, min(6, len(c)))] for c in (rng.choice(clauses) for _ in range(n))]
    return {"ticket": tickets, "phone": phones, "name": names, "chinese_2": two, "chinese_long": longer}


LABELS = {
    "ticket": "search: ticket number",
    "phone": "search: phone number",
    "name": "search: visitor name",
    "chinese_2": "search: 2-character Chinese",
    "chinese_long": "search: longer Chinese (4-6 chars)",
}


def measure(store, path, actor, reps: int) -> list[Figure]:
    from desk.services import queries, search
    from desk.services.dto import OrderFilter

    raw = sqlite3.connect(path)
    figures = []
    try:
        all_terms = terms(raw, reps)
        for kind, words in all_terms.items():
            def subject(i: int) -> None:
                queries.list_orders(store, actor, OrderFilter(text=words[i % len(words)]), limit=PAGE)

            def floor(i: int) -> None:
                word = words[i % len(words)]
                if kind == "ticket":
                    raw.execute(_BY_TICKET, (word,)).fetchall()
                else:
                    raw.execute(_BY_MATCH, (search.match_expression(word), PAGE)).fetchall()

            desk_ms, floor_ms = interleaved(subject, floor, reps)
            hits = queries.count_orders(store, actor, OrderFilter(text=words[0]))
            p95, f95 = percentile(desk_ms, 95), percentile(floor_ms, 95)
            figures.append(Figure(
                f"search_{kind}", LABELS[kind] + ", p95", "ms", p95, f95, "p95 ≤ 50 ms", p95 <= 50,
                note=f"{reps} queries, e.g. {words[0]!r} ({hits} hits); first page of {PAGE}",
                detail={"p50": percentile(desk_ms, 50), "floor_p50": percentile(floor_ms, 50), "reps": reps,
                        "example": words[0], "example_hits": hits}))
    finally:
        raw.close()
    return figures
