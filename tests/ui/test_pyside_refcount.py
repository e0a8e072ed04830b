"""Guard against a PySide6 release that drops references to None (6.12.0 on Python 3.11 does,
on every setText(): the window then dies with 'Fatal Python error: none_dealloc' after a few
thousand label updates). pyproject pins below it; this fails if that pin is lifted too early."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton


def test_setters_keep_none_alive(qapp):
    label, line, button, combo = QLabel(), QLineEdit(), QPushButton(), QComboBox()
    before = sys.getrefcount(None)
    for i in range(2000):
        label.setText("接待登记")
        line.setPlaceholderText("电话")
        button.setText("保存")
        combo.addItem("x", None)
        combo.clear()
    # A few references come and go with Qt's own caches; thousands lost is the bug.
    assert sys.getrefcount(None) - before > -100
