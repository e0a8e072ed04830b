"""One demo order's life, played forward from its registration with the desk's own state
machine (desk.rules.lifecycle): the events and columns `desk demo` (desk/demo.py) writes in bulk."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from desk import demo_templates as T
from desk.rules import lifecycle as rules
from desk.rules.enums import Action as A
from desk.rules.enums import Status as S
from desk.services import auth, reference
from desk.services.calendar import DAY, parse_limit
from desk.services.event_reasons import CALLBACK_UNSATISFIED
from desk.services.store import Store


def _ts(moment: datetime) -> str:
    # Same text as strftime(_FMT) (the moments here are UTC), at a fraction of the cost:
    # a ten-year history formats some ten million of them.
    return moment.isoformat(" ", "microseconds")[:26]


class _Ids:
    """UUID-shaped ids from the seeded generator, so a seed always gives the same database."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def __call__(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"


class _Simulator:
    """Plays one order's life forward from registration until `now`, collecting rows."""

    def __init__(self, store: Store, rng: random.Random, new_id: _Ids, now: datetime, station: str):
        self.store, self.rng, self.new_id, self.now, self.station = store, rng, new_id, now, station
        self.cal = store.calendar()
        self._due_cache: dict[tuple[date, str], timedelta | datetime] = {}
        self._limits: dict[str, object] = {}
        cats = {c.code: c for c in reference.list_categories(store)}
        self.categories = cats
        self.departments = [d.id for d in reference.list_departments(store)]
        users = {u.username: u for u in auth.list_users(store)}
        self.clerks = [users[u] for u, _, r in T.DEMO_STAFF if r == "clerk" and u in users] or list(users.values())
        self.supervisor = next((u for u in users.values() if u.role == "supervisor"), self.clerks[0])
        self.events: list[tuple] = []
        # 先行联系 draws from its own generator, so the rest of the demo stays what it was.
        self.contact_rng = random.Random(f"contact-{station}")

    def due(self, start: datetime, limit_text: str) -> datetime:
        limit = self._limits.get(limit_text)
        if limit is None:
            limit = self._limits[limit_text] = parse_limit(limit_text)
        if limit.unit == "h":
            return start + timedelta(hours=limit.amount)
        local_day = start.astimezone(self.cal.tz).date()
        key = (local_day, limit_text)
        cached = self._due_cache.get(key)
        if cached is None:
            if self.cal.is_workday(local_day):
                # Whole working days keep the time of day: cache the calendar-day offset
                # (probed at noon: any time strictly inside the day lands the same way).
                probe = datetime.combine(local_day, datetime.min.time(), self.cal.tz) + timedelta(hours=12)
                cached = self.cal.add_working_seconds(probe, limit.amount * DAY) - probe
            else:
                cached = self.cal.add_working_seconds(start, limit.amount * DAY)
            self._due_cache[key] = cached
        return start + cached if isinstance(cached, timedelta) else cached

    def event(self, order_id: str, at: datetime, actor, kind: str, from_status: str, to_status: str = "",
              reason: str = "", data: str = "{}") -> None:
        self.events.append((self.new_id(), order_id, _ts(at), actor.id if actor else None,
                            actor.display_name if actor else "", kind, from_status, to_status, reason, data,
                            self.station))

    def life(self, o: dict, cat_code: str, answer_share: float, answers: tuple[str, ...], clerk) -> None:
        """Fill `o` (an order's columns) and its events from registration on."""
        rng, now = self.rng, self.now
        t = o["_created"]
        status = S.REGISTERED
        self.event(o["id"], t, clerk, A.REGISTER.value, "", status.value, data=f'{{"ticket": "{o["ticket_no"]}"}}')

        def step(minutes_low: float, minutes_high: float) -> datetime | None:
            nonlocal t
            nxt = t + timedelta(minutes=rng.uniform(minutes_low, minutes_high))
            if nxt > now:
                return None
            t = nxt
            return t

        def set_status(new: S, kind: A, actor, reason: str = "", data: str = "{}") -> None:
            nonlocal status
            _follow_rules(status, new, kind)
            self.event(o["id"], t, actor, kind.value, status.value, new.value, reason, data)
            status = new

        if answers and rng.random() < answer_share:
            if step(2, 15):
                o["result"], o["solved"], o["resolved_at"] = rng.choice(answers), 1, _ts(t)
                set_status(S.ANSWERED, A.ANSWER_AT_DESK, clerk, o["result"])
            o["status"] = status.value
            return
        if rng.random() < 0.01:  # nuisance calls get voided by the supervisor
            if step(10, 120):
                o["closed_at"] = _ts(t)
                set_status(S.VOIDED, A.VOID, self.supervisor, rng.choice(T.VOID_REASONS))
            o["status"] = status.value
            return

        cat = self.categories[cat_code]
        department = cat.default_department_id
        rounds = 0
        while True:
            rounds += 1
            # dispatch (or re-dispatch after a return / reopen)
            if not step(1, 30):
                break
            o["lead_department_id"], o["dispatched_at"] = department, _ts(t)
            accept_due = self.due(t, cat.accept_limit if o["urgency"] == "normal" else "2h")
            resolve_due = max(accept_due, self.due(t, cat.resolve_limit if o["urgency"] == "normal" else "1d"))
            o["accept_due_at"], o["resolve_due_at"] = _ts(accept_due), _ts(resolve_due)
            kind = A.DISPATCH if rounds == 1 and status == S.REGISTERED and not o["return_count"] else A.REDISPATCH
            set_status(S.DISPATCHED, kind, clerk,
                       data=f'{{"department_id": "{department}", "accept_due_at": "{o["accept_due_at"]}"}}')
            if o["return_count"] == 0 and rng.random() < 0.05:  # 退单: not ours
                if not step(60, 1800):
                    break
                o["return_count"] += 1
                o["lead_department_id"] = o["accept_due_at"] = o["resolve_due_at"] = o["dispatched_at"] = None
                set_status(S.REGISTERED, A.RETURN, clerk, rng.choice(T.RETURN_REASONS))
                department = rng.choice([d for d in self.departments if d != department])
                continue
            late_accept = rng.random() < 0.08
            accept_span = (accept_due - t).total_seconds() / 60
            if not step(accept_span * (1.1 if late_accept else 0.05), accept_span * (2.0 if late_accept else 0.9)):
                break
            o["accepted_at"] = _ts(t)
            set_status(S.ACCEPTED, A.ACCEPT, clerk)
            if rounds == 1 and self.contact_rng.random() < 0.9:  # the department phones the resident
                self.event(o["id"], t, clerk, A.CONTACT.value, status, "", "",
                           f'{{"by": "department", "contacted_at": "{_ts(t)}"}}')
            if not step(5, 600):
                break
            set_status(S.IN_PROGRESS, A.START, clerk)
            if rng.random() < 0.03:  # waiting for the resident or materials
                if not step(30, 600):
                    break
                paused_from = t
                set_status(S.PENDING, A.PEND, clerk, rng.choice(T.PEND_REASONS))
                if not step(600, 6000):
                    break
                resolve_due = self.cal.shift_for_pause(resolve_due, paused_from, t)
                o["resolve_due_at"] = _ts(resolve_due)
                set_status(S.IN_PROGRESS, A.RESUME, clerk)
            if rng.random() < 0.04:  # extension
                if not step(30, 1440):
                    break
                days = rng.randint(3, 10)
                o["extension_state"], o["extension_days"] = "requested", days
                self.event(o["id"], t, clerk, "request_extension", status, "", rng.choice(T.EXTEND_REASONS),
                           f'{{"days": {days}}}')
                if not step(60, 1440):
                    break
                if rng.random() < 0.8:
                    resolve_due = self.cal.add_working_seconds(resolve_due, days * DAY)
                    o["resolve_due_at"], o["extension_state"] = _ts(resolve_due), "approved"
                    o["extension_count"] += 1
                    self.event(o["id"], t, self.supervisor, "approve_extension", status, "", "", f'{{"days": {days}}}')
                else:
                    o["extension_state"] = "refused"
                    self.event(o["id"], t, self.supervisor, "refuse_extension", status, "", "请按期办结")
            late = rng.random() < 0.12
            remaining = max(30.0, (resolve_due - t).total_seconds() / 60)
            planned = t + timedelta(minutes=rng.uniform(remaining * 1.05, remaining * 1.8) if late
                                    else rng.uniform(remaining * 0.1, remaining * 0.95))
            if planned > resolve_due and resolve_due + timedelta(hours=1) <= min(planned, now) and not o["supervised"]:
                o["supervised"] = 1  # 督办: the system flags it once overdue
                self.event(o["id"], resolve_due + timedelta(hours=1), None, "supervise", status, "", "",
                           '{"automatic": true}')
            if planned > now:
                break
            t = planned
            solved = rng.random() < 0.9
            o["result"] = rng.choice(T.RESULTS_SOLVED if solved else T.RESULTS_UNSOLVED)
            o["solved"], o["resolved_at"] = int(solved), _ts(t)
            set_status(S.RESOLVED, A.RESOLVE, clerk, o["result"], f'{{"solved": {str(solved).lower()}}}')
            if rng.random() < 0.05:  # resident never reached
                if step(2880, 7200):
                    o["closed_at"] = _ts(t)
                    set_status(S.CLOSED, A.CLOSE_UNREACHED, self.supervisor, "多次回访未接通")
                break
            if not step(600, 4320):
                break
            r = rng.random()
            rating = 5 if r < 0.55 else 4 if r < 0.8 else 3 if r < 0.9 else 2 if r < 0.96 else 1
            if rounds > 1:
                rating = max(rating, 3)
            resident_solved = solved and rng.random() < 0.95
            o["rating"], o["called_back_at"] = rating, _ts(t)
            set_status(S.CALLED_BACK, A.CALLBACK, clerk,
                       data=f'{{"solved": {str(resident_solved).lower()}, "rating": {rating}}}')
            if (not resident_solved or rating <= 2) and rounds < 3:
                o["reopen_count"] += 1
                o["status_epoch"] += 1
                o["solved"] = o["resolved_at"] = None
                o["accepted_at"] = None
                # the reopen re-dispatches to the same department at once
                o["dispatched_at"] = _ts(t)
                accept_due = self.due(t, cat.accept_limit)
                resolve_due = max(accept_due, self.due(t, cat.resolve_limit))
                o["accept_due_at"], o["resolve_due_at"] = _ts(accept_due), _ts(resolve_due)
                # The desk stores this reason as a code, so does the demo (event_reasons).
                set_status(S.DISPATCHED, A.REOPEN, clerk, "",
                           f'{{"epoch": {o["status_epoch"]}, "accept_due_at": "{o["accept_due_at"]}", '
                           f'"reason_code": "{CALLBACK_UNSATISFIED}"}}')
                status_ref, t_ref = [status], [t]
                self._work_round(o, cat, clerk, status_ref, t_ref)
                status, t = status_ref[0], t_ref[0]
                break
            if step(60, 2880):
                o["closed_at"] = _ts(t)
                set_status(S.CLOSED, A.CLOSE, clerk)
            break
        o["status"] = status.value

    def _work_round(self, o: dict, cat, clerk, status_ref: list, t_ref: list) -> bool:
        """After a reopen: accept, work, resolve, call back and close again (as far as `now`)."""
        rng, now = self.rng, self.now

        def step(lo: float, hi: float) -> bool:
            nxt = t_ref[0] + timedelta(minutes=rng.uniform(lo, hi))
            if nxt > now:
                return False
            t_ref[0] = nxt
            return True

        def set_status(new: S, kind: A, actor, reason: str = "", data: str = "{}") -> None:
            _follow_rules(status_ref[0], new, kind)
            self.event(o["id"], t_ref[0], actor, kind.value, S(status_ref[0]).value, new.value, reason, data)
            status_ref[0] = new

        if not step(30, 600):
            return False
        o["accepted_at"] = _ts(t_ref[0])
        set_status(S.ACCEPTED, A.ACCEPT, clerk)
        if not step(30, 600):
            return False
        set_status(S.IN_PROGRESS, A.START, clerk)
        if not step(600, 4000):
            return False
        o["result"], o["solved"], o["resolved_at"] = rng.choice(T.RESULTS_SOLVED), 1, _ts(t_ref[0])
        set_status(S.RESOLVED, A.RESOLVE, clerk, o["result"], '{"solved": true}')
        if not step(600, 2880):
            return False
        rating = rng.choice((3, 4, 4, 5, 5, 5))
        o["rating"], o["called_back_at"] = rating, _ts(t_ref[0])
        set_status(S.CALLED_BACK, A.CALLBACK, clerk, data=f'{{"solved": true, "rating": {rating}}}')
        if not step(60, 2880):
            return False
        o["closed_at"] = _ts(t_ref[0])
        set_status(S.CLOSED, A.CLOSE, clerk)
        return True


def _follow_rules(old: str, new: str, action: A) -> None:
    """The generated history replays the desk's own state machine (desk.rules.lifecycle):
    an impossible step is a bug in the generator, not data."""
    if action == A.REDISPATCH and old == S.REGISTERED:
        action = A.DISPATCH  # as services/lifecycle records a dispatch after a return
    if not rules.allowed(old, action) or (rules.target(action) not in (None, new)):
        raise AssertionError(f"demo generator: {action} from {old} to {new} breaks the lifecycle rules")
