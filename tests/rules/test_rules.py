"""desk.rules on its own: pure, no database, no Qt."""

import subprocess
import sys

import pytest

from desk.rules import clocks, lifecycle
from desk.rules.enums import Action, Status
from desk.rules.merge import change_state, merge_states
from desk.rules.tables import APPLY_ORDER, NATURAL_KEY, SYNCED_TABLES


def test_rules_import_nothing_above_them():
    code = ("import sys, desk.rules.merge, desk.rules.lifecycle, desk.rules.permissions, desk.rules.clocks, "
            "desk.rules.tables, desk.rules.wire;"
            "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'sqlalchemy', 'httpx', 'desk.services',"
            " 'desk.sync', 'desk.models', 'desk.ui', 'desk.server')));"
            "print(bad); sys.exit(1 if bad else 0)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_status_has_a_merge_rank_and_every_fixed_target_is_a_status():
    assert set(lifecycle.STAGE) | set(lifecycle.TERMINAL) == set(Status)
    for action, rule in lifecycle.RULES.items():
        assert rule.to is None or rule.to in Status, action
        # An action that leads somewhere is only offered where it is not already there.
        if rule.to is not None and rule.sources is not None and action is not Action.REDISPATCH:
            assert rule.to not in rule.sources, action


@pytest.mark.parametrize("status", list(Status))
def test_allowed_actions_follow_rules_and_roles(status):
    clerk = set(lifecycle.allowed_actions(status, "clerk"))
    supervisor = set(lifecycle.allowed_actions(status, "supervisor"))
    assert clerk <= supervisor
    for action in supervisor:
        rule = lifecycle.RULES[Action(action)]
        assert rule.sources is None or status in rule.sources
    if status in lifecycle.FINAL:
        assert supervisor == {Action.NOTE.value, Action.PRINT.value}


def test_extension_refusals_name_the_reason():
    assert lifecycle.refusal("dispatched", Action.APPROVE_EXTENSION) == "extension_not_requested"
    assert lifecycle.refusal("dispatched", Action.REQUEST_EXTENSION, extension_state="requested") == \
        "extension_already_requested"
    assert lifecycle.refusal("registered", Action.APPROVE_EXTENSION, extension_state="requested") == \
        "not_allowed_status"
    assert lifecycle.refusal("in_progress", Action.SUPERVISE, supervised=True) == "not_allowed_status"


def test_one_clock_builder_for_capture_snapshot_merge_and_server():
    fields = {"status": "resolved", "status_epoch": 1, "result": "ok"}
    built = clocks.field_clocks("work_order", fields, "0000000000001.00000", "SX", 2)
    assert built == {"status": ["0000000000001.00000", "SX", 2], "result": ["0000000000001.00000", "SX"]}
    assert clocks.status_gen(built) == 2
    assert change_state("work_order", fields, "0000000000001.00000", "SX", 2)["clocks"] == built
    # A step back within an epoch raises the generation; a reopen (epoch raised) does not.
    assert clocks.next_status_gen(built, "in_progress", "accepted") == 3
    assert clocks.next_status_gen(built, "resolved", "dispatched", epoch_raised=True) == 2


def test_a_deliberate_step_back_beats_a_concurrent_step_forward():
    base = change_state("work_order", {"status": "in_progress", "status_epoch": 0}, "0000000000001.00000", "SX")
    back = merge_states("work_order", base, change_state(
        "work_order", {"status": "accepted", "status_epoch": 0}, "0000000000002.00000", "SX",
        clocks.next_status_gen(base["clocks"], "in_progress", "accepted")))
    forward = merge_states("work_order", base, change_state(
        "work_order", {"status": "resolved", "status_epoch": 0}, "0000000000003.00000", "CENTRAL"))
    assert merge_states("work_order", back, forward)["data"]["status"] == "accepted"
    assert merge_states("work_order", forward, back)["data"]["status"] == "accepted"


def test_table_catalogue_is_complete():
    assert set(APPLY_ORDER) == set(SYNCED_TABLES)
    assert set(NATURAL_KEY) <= set(SYNCED_TABLES)
