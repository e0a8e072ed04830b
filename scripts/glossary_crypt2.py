#!/usr/bin/env python3
"""Chinese for the window's recovery-key unlock and the unattended-sync setting (branch
crypt2); read by scripts/update_translations.py with every other glossary_*.py:

    .venv/bin/python scripts/glossary_crypt2.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ZH_CRYPT2 = {
    "Lost every password? Open with the recovery key…": "密码全忘了？用恢复密钥打开…",
    "Open with the recovery key": "用恢复密钥打开",
    "When no administrator can log in any more: type the recovery key from the station's printed recovery kit "
    "(the station chief keeps it), and a new password for an administrator account. Colleagues keep their "
    "passwords.":
        "所有管理员都无法登录时使用：输入本站打印的恢复包上的恢复密钥（由站长保管），再为一个管理员账号设置新密码。"
        "其他同事的密码不变。",
    "Administrator": "管理员账号",
    "Repeat it": "再输一次",
    "Open and set the password": "打开并设置密码",
    "Type the recovery key and the administrator's user name.": "请输入恢复密钥和管理员的用户名。",
    "The two new passwords differ; type them again.": "两次输入的新密码不一致，请重新输入。",
    "Unattended nightly sync": "夜间无人值守同步",
    "When on, the nightly sync started by the computer opens the encrypted database with no one logged in, using a "
    "machine key kept in this computer's secret store (Windows Credential Manager, GNOME Keyring). It still "
    "protects the data against a copied database or backup, a removed disk and other accounts on this computer. "
    "It does not protect against someone using this computer's logged-in station account, or a program running "
    "as it: they can ask the secret store as the sync does. Off: the sync runs only while someone is logged in to "
    "the desk.":
        "开启后，电脑在夜间自动启动的同步无需有人登录即可打开加密数据库，所用的本机密钥保存在这台电脑的系统密钥库"
        "（Windows 凭据管理器、GNOME 密钥环）中。数据库或备份被复制、硬盘被拆走、这台电脑上的其他账号，仍然读不到数据。"
        "但它不保护：有人使用这台电脑上已登录的站点账号，或以该账号运行的程序——它们可以像同步任务一样向密钥库取得密钥。"
        "关闭时，只有在有人登录接待台期间才会同步。",
    "On: the machine key is in the secret store.": "已开启：本机密钥保存在系统密钥库中。",
    "Off.": "未开启。",
    "Turn unattended sync off": "关闭无人值守同步",
    "Turn unattended sync on": "开启无人值守同步",
}


def main() -> int:
    """update_translations.py reads every glossary_*.py itself; this runs it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import update_translations

    return update_translations.main()


if __name__ == "__main__":
    sys.exit(main())
