"""The same refusal twice (an empty form saved again and again) shows one box, not a stack."""

from desk.errors import ValidationError


def test_the_same_error_twice_shows_one_box(ui):
    from desk.ui import errors

    _ctx, window = ui
    for _ in range(3):
        errors.show_error(window, ValidationError("required", field="x"))
    assert len(errors.open_boxes()) == 1
    errors.show_error(window, ValidationError("bad_range", start="2026-12-02", end="2026-12-01"))
    assert len(errors.open_boxes()) == 2
