"""The About box shows the same version as `desk --version`."""

from desk import __version__
from desk.i18n import set_language


def test_about_box_shows_version_and_icon(qtbot, tmp_path):
    from desk.ui.about import about_box
    from desk.ui.fonts import install_cjk_font
    from PySide6.QtWidgets import QApplication

    install_cjk_font(QApplication.instance())
    box = about_box()
    qtbot.addWidget(box)
    box.show()
    assert f"<b>{__version__}</b>" in box.text() and "全岗接待台" in box.text()
    assert not box.iconPixmap().isNull()
    assert box.windowTitle() == "关于全岗接待台"
    box.grab().save(str(tmp_path / "about.png"))
    set_language("en")
    assert about_box().windowTitle() == "About Desk"
