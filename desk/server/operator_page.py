"""The operator's page (GET /operator): a read-only view for the subdistrict's IT operator of
each station's sync health, the quarantine, conflicts and the all-stations headline figures.
Plain server-rendered HTML, Chinese first with English beside it, no script. A central
operator's token opens it (kept in an HttpOnly, SameSite=Strict cookie for /operator)."""

from __future__ import annotations

from datetime import datetime, timezone
from html import escape
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from desk.server import accounts, operator
from desk.i18n import zh_en
from desk.rules.ids import short_id

COOKIE = "desk_operator"
LATE_HOURS = 26  # a nightly sync missed once is late

STYLE = """
body{font-family:"DejaVu Sans","Noto Sans CJK SC","WenQuanYi Micro Hei","HanaMinA","BabelStone Han",sans-serif;margin:24px;
color:#1d2733;background:#f6f8fa}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:26px 0 8px}.en{color:#66707a;font-size:.85em;
font-weight:normal;margin-left:.4em}table{border-collapse:collapse;background:#fff;min-width:60%}
th,td{border:1px solid #d5dbe1;padding:5px 9px;text-align:left;font-size:14px}th{background:#eef2f6}
td.n{text-align:right}.ok{color:#17803d}.late{color:#b26a00}.bad{color:#c0262d;font-weight:bold}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #d5dbe1;padding:10px 16px;
min-width:120px}.card b{display:block;font-size:22px}small{color:#66707a}
"""


def both(zh: str, en: str) -> str:
    return f'{escape(zh)}<span class="en">{escape(en)}</span>'


def _when(value) -> str:
    if not value:
        return "—"
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return escape(str(value))


def _value(field: str, value) -> str:
    """A conflict's value: a status in both languages, anything else as stored."""
    from desk.i18n import LABELS

    if field == "status" and f"status.{value}" in LABELS:
        return both(*LABELS[f"status.{value}"])
    return escape(str(value))


def _health(st: dict) -> tuple[str, str, str]:
    """(css class, zh, en) of a station's state."""
    if not st["active"]:
        return "late", "已停用", "revoked"
    if st["quarantined"]:
        return "bad", "有拒收", "refused changes"
    if st["lag_hours"] is None:
        return "late", "从未同步", "never synced"
    if st["lag_hours"] > LATE_HOURS:
        return "late", "同步滞后", "late"
    return "ok", "正常", "ok"


def render(stations: list[dict], quarantine: list[dict], conflicts: list[dict], figures: dict | None,
           set_aside: list[dict], now: datetime) -> str:
    rows = []
    for st in stations:
        css, zh, en = _health(st)
        lag = "—" if st["lag_hours"] is None else f"{st['lag_hours']:.1f} h"
        rows.append(
            f"<tr><td>{escape(st['station'])}</td><td class='{css}'>{both(zh, en)}</td>"
            f"<td>{_when(st['last_push_at'])}</td><td>{_when(st['last_pull_at'])}</td><td class='n'>{lag}</td>"
            f"<td class='n'>{st['changes_waiting']}</td><td class='n'>{st['quarantined']}</td>"
            f"<td class='n'>{st['conflicts']}</td><td>{escape(st['last_refusal'] or '—')}</td></tr>")
    q_rows = "".join(
        f"<tr><td>{_when(q['at'])}</td><td>{escape(q['station'])}</td><td>{escape(q['table_name'])}</td>"
        f"<td>{escape(q['reason'])}</td><td>{escape(q['detail'][:160])}</td>"
        f"<td><small>{escape(q['change_id'])}</small></td></tr>" for q in quarantine)
    c_rows = "".join(
        f"<tr><td>{escape(c['station'])}</td><td>{escape(str(c['ticket_no'] or short_id(c['row_id'])))}</td>"
        f"<td>{escape(c['field'])}</td><td>{_value(c['field'], c['kept'])}</td>"
        f"<td>{_value(c['field'], c['lost'])} <small>({escape(c['lost_station'])})</small></td></tr>"
        for c in conflicts)
    if figures:
        cards = "".join(f"<div class='card'>{both(zh, en)}<b>{escape(str(figures[k]))}</b></div>" for k, zh, en in (
            ("intake", "受理", "Intake"), ("open_now", "在办", "Open now"), ("overdue", "超期", "Overdue"),
            ("on_time", "按时办结率", "On time"), ("solved", "解决率", "Solved"),
            ("satisfaction", "满意率", "Satisfied")))
        headline = f"<p><small>{escape(figures['period'])}</small></p><div class='cards'>{cards}</div>"
    else:
        headline = f"<p class='bad'>{both('全部站点统计暂时无法计算（已记录）。', 'Figures unavailable just now (logged).')}</p>"
    aside = ""
    if set_aside:
        aside = (f"<p class='bad'>{both(f'统计镜像搁置了 {len(set_aside)} 行（见日志）。', f'The figures mirror set aside {len(set_aside)} rows (see the log).')}</p>")
    empty = lambda zh, en, n: f"<tr><td colspan='{n}'>{both(zh, en)}</td></tr>"  # noqa: E731
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>全岗接待台 中心运行状况 · Desk centre status</title>
<style>{STYLE}</style></head><body>
<h1>{both('全岗接待台 · 中心同步运行状况', 'Desk central server: sync health')}</h1>
<small>{both('只读页面', 'read-only')} · {_when(now)}</small>
<h2>{both('本月全部站点', 'All stations this month')}</h2>{headline}{aside}
<h2>{both('各站点同步', 'Stations')}</h2>
<table id="stations"><tr><th>{both('站点', 'Station')}</th><th>{both('状态', 'State')}</th>
<th>{both('上次发送', 'Last push')}</th><th>{both('上次接收', 'Last pull')}</th><th>{both('滞后', 'Lag')}</th>
<th>{both('待接收', 'Waiting')}</th><th>{both('拒收', 'Quarantined')}</th><th>{both('冲突', 'Conflicts')}</th>
<th>{both('最近被拒请求', 'Last refused request')}</th></tr>
{''.join(rows) or empty('还没有站点账号。', 'No station accounts yet.', 9)}</table>
<h2>{both('拒收的更改', 'Quarantined changes')}</h2>
<table id="quarantine"><tr><th>{both('时间', 'When')}</th><th>{both('站点', 'Station')}</th><th>{both('表', 'Table')}</th>
<th>{both('原因', 'Reason')}</th><th>{both('详情', 'Detail')}</th><th>{both('编号', 'Change id')}</th></tr>
{q_rows or empty('没有拒收的更改。', 'Nothing quarantined.', 6)}</table>
<p><small>{both('处理：desk-server quarantine retry|discard 编号', 'Mend with: desk-server quarantine retry|discard ID')}</small></p>
<h2>{both('冲突', 'Conflicts')}</h2>
<table id="conflicts"><tr><th>{both('站点', 'Station')}</th><th>{both('工单', 'Order')}</th><th>{both('字段', 'Field')}</th>
<th>{both('保留的值', 'Value kept')}</th><th>{both('被覆盖的值', 'Value overwritten')}</th></tr>
{c_rows or empty('没有冲突。', 'No conflicts.', 5)}</table>
</body></html>"""


def login_page(message: tuple[str, str] | None = None) -> str:
    note = f"<p class='bad'>{both(*message)}</p>" if message else ""
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>中心运行状况 · Desk centre status</title>
<style>{STYLE}</style></head><body><h1>{both('全岗接待台 · 中心运行状况', 'Desk centre status')}</h1>{note}
<form method="post" action="/operator/login"><p>{both('街道中心账号令牌', 'Central operator token')}</p>
<input type="password" name="token" size="60" autocomplete="off" autofocus>
<button type="submit">{both('打开', 'Open')}</button></form></body></html>"""


def routes(engine, the_mirror):
    from starlette.routing import Route

    def central(token: str) -> bool:
        who = accounts.authenticate(engine, token) if token else None
        return bool(who and who[1] == "central")

    async def page(request: Request):
        token = request.cookies.get(COOKIE, "")
        if not await run_in_threadpool(central, token):
            return HTMLResponse(login_page(), status_code=401 if token else 200)

        def gather():
            import logging

            try:
                figures = operator.headline(engine, the_mirror())
            except Exception:  # noqa: BLE001 - the page still shows the stations
                logging.getLogger("desk.server").exception("operator page: headline figures failed")
                figures = None
            return render(operator.station_health(engine), operator.quarantine_list(engine, limit=50),
                          operator.conflict_list(engine), figures, list(the_mirror().set_aside),
                          datetime.now(timezone.utc))

        request.state.station = "operator"
        return HTMLResponse(await run_in_threadpool(gather), headers={"Cache-Control": "no-store"})

    async def login(request: Request):
        body = (await request.body())[:4096].decode("utf-8", "replace")
        token = (parse_qs(body).get("token") or [""])[0].strip()
        if not await run_in_threadpool(central, token):
            return HTMLResponse(login_page(zh_en("Unknown token, or not a central operator.")),
                                status_code=401)
        resp = RedirectResponse("/operator", status_code=303)
        resp.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/operator",
                        secure=request.url.scheme == "https", max_age=8 * 3600)
        return resp

    return [Route("/operator", page), Route("/operator/login", login, methods=["POST"])]
