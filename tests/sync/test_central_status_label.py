"""An order whose status the subdistrict set centrally shows a real word in its timeline, in
Chinese and in English (the server used to write the kind "central_status", which was no Action,
so the desk's timeline showed the raw key "action.central_status")."""

from desk import i18n
from desk.rules.enums import Action
from desk.server import service
from desk.services import queries
from tests.sync.helpers import act, register


def _timeline_words(detail) -> dict[str, list[str]]:
    words = {}
    for lang in i18n.LANGUAGES:
        i18n.set_language(lang)
        # What the order screen shows for each event (ui/widgets.core_label("action", kind)).
        words[lang] = [i18n.label(f"action.{e.kind}") for e in detail.events]
    return words


def test_centrally_changed_order_has_a_real_word_in_its_timeline(stations, central):
    a = stations("SX")
    oid = register(a, 1)[0]
    act(a, oid, "accept")
    a.sync()
    service.central_status(central.engine, oid, "resolved", reason="街道已处理", actor_name="街道办")
    service.central_status(central.engine, oid, "closed", reason="归档", actor_name="街道办")
    service.central_status(central.engine, oid, "dispatched", reason="重办", actor_name="街道办", reopen=True)
    a.sync()
    before = i18n.language()
    try:
        detail = queries.get_order(a.store, a.admin, oid)
        kinds = [e.kind for e in detail.events]
        assert kinds.count(Action.SET_CENTRALLY.value) == 2 and Action.REOPEN.value in kinds
        # Every event's kind is an Action: the server builds its events from the same enum.
        assert all(Action(k) for k in kinds)
        words = _timeline_words(detail)
    finally:
        i18n.set_language(before)
    for lang, shown in words.items():
        assert not [w for w in shown if w.startswith("action.")], (lang, shown)
    central_at = kinds.index(Action.SET_CENTRALLY.value)
    assert words["zh_CN"][central_at] == "街道变更状态"
    assert words["en"][central_at] == "Status set by the subdistrict"


def test_every_action_has_a_word_in_both_languages():
    before = i18n.language()
    try:
        for lang in i18n.LANGUAGES:
            i18n.set_language(lang)
            for action in Action:
                assert not action.label.startswith("action."), (lang, action)
    finally:
        i18n.set_language(before)
