"""先行联系 (contacted the resident): a lifecycle action from the command line as from the window,
with its clear refusals; it lands in the history the figures read (test_figure_definitions)."""

from __future__ import annotations

from tests.core.test_core_cli import act, create, desk, ready  # noqa: F401 (fixtures)

LEAK = {"summary": "漏水", "kind": "complaint", "category": "HOUSE-LEAK"}


def test_contact_from_the_command_line(ready):  # noqa: F811
    desk = ready  # noqa: F811
    ticket = create(desk, {"visitor": {"phone": "13812345678"}, "matters": [LEAK]})[0]["ticket_no"]
    assert "不能执行" in act(desk, ticket, "contact", "--by", "station", user="wangli", ok=False)  # not sent yet
    act(desk, ticket, "dispatch", "-d", "WY", user="wangli")
    d = act(desk, ticket, "contact", "--by", "department", user="wangli")  # a clerk records it
    contact = [e for e in d["events"] if e["kind"] == "contact"]
    assert len(contact) == 1 and d["row"]["status"] == "dispatched"  # an event, not a status change
    assert "YYYY-MM-DD HH:MM" in act(desk, ticket, "contact", "--by", "station", "--at", "昨天", ok=False)
    assert "晚于现在" in act(desk, ticket, "contact", "--by", "station", "--at", "2999-01-01 09:00", ok=False)
    assert "早于工单登记" in act(desk, ticket, "contact", "--by", "station", "--at", "2000-01-01 09:00", ok=False)
    code, out, _ = desk("orders", "show", ticket)
    assert code == 0 and "先行联系" in out


def test_the_figure_rules_from_the_command_line(ready):  # noqa: F811
    import json

    desk = ready  # noqa: F811
    code, out, _ = desk("figure-rules", "--json", user="chenjing")
    assert code == 0 and json.loads(out) == {"satisfied_rating_at_least": 3, "first_contact_hours": 24}
    code, _, err = desk("figure-rules", "--satisfied-from", "4", user="chenjing")  # a supervisor may not
    assert code == 2 and "无权" in err
    code, out, _ = desk("figure-rules", "--satisfied-from", "4", "--first-contact-hours", "12")  # the admin
    assert code == 0 and "满意及以上（4–5 分）" in out and "12 小时" in out
    code, _, err = desk("figure-rules", "--satisfied-from", "7")
    assert code == 2 and "1 到 5" in err
    code, out, _ = desk("audit", "--json")
    assert "satisfied_rating_at_least" in out
