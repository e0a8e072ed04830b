"""`desk --help` speaks the desk's language: Chinese by default, English with --lang en or
DESK_LANG=en (the help texts come from the same catalogue as every other word)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _help(*args: str, lang: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DESK_LANG"}
    if lang:
        env["DESK_LANG"] = lang
    p = subprocess.run([sys.executable, "-m", "desk", *args], capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0 and "Traceback" not in p.stderr, p.stderr
    return p.stdout


def test_help_is_chinese_by_default():
    out = _help("--help")
    assert "不带命令时打开接待台窗口" in out and "工单：登记、列出、查看以及每一步办理操作" in out
    assert "reception desk for community service stations" not in out
    orders = _help("orders", "--help")
    assert "当场答复（办结咨询）" in orders and "改派到另一个部门" in orders
    users = _help("users", "--help")
    assert "停用账号（仅管理员）" in users and "启用账号（仅管理员）" in users


@pytest.mark.parametrize("how", ["--lang en", "--lang=en", "DESK_LANG"])
def test_help_in_english_when_asked(how):
    if how == "DESK_LANG":
        out = _help("orders", "--help", lang="en")
    else:
        out = _help(*how.split(), "orders", "--help")
    assert "answer at the desk (closes a consultation)" in out and "当场答复" not in out
