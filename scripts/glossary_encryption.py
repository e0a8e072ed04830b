#!/usr/bin/env python3
"""Chinese for the encryption screens' strings (recovery key, encrypt button); read by
scripts/update_translations.py with every other glossary_*.py. Kept apart so branches merge
without conflicts:

    .venv/bin/python scripts/glossary_encryption.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ZH_ENCRYPTION = {
    "Recovery key": "恢复密钥",
    "The station's database and its backups are now encrypted. Staff unlock them by logging in as usual. "
    "This is the station's recovery key, shown this once:":
        "本站的数据库和备份现已加密，员工照常登录即可解锁。以下是本站的恢复密钥，只显示这一次：",
    "Print the recovery kit and give it to the station chief to lock away. When every password is forgotten, "
    "only this key can open the data; without it and the passwords, nobody can, not even us.":
        "请打印恢复包交给站长锁好。所有密码都忘记时，只有这把密钥能打开数据；密码和密钥都丢了，任何人（包括软件开发方）都无法打开。",
    "Save the recovery kit to print (PDF)…": "保存恢复包以便打印（PDF）…",
    "I have printed or written it down": "我已打印或抄写好",
    "Save the recovery kit": "保存恢复包",
    "Not encrypted: encrypt now…": "数据库未加密：立即加密…",
    "Encrypt the database": "加密数据库",
    "Anyone who copies this station's database or its backups can read every resident's name, phone and ID "
    "number. Encrypting makes a checked backup first and takes a few minutes for years of records. Your "
    "password, to confirm:":
        "任何人复制本站的数据库或备份，都能看到每位居民的姓名、电话和身份证号。加密前会先做一份经过检查的备份，"
        "多年的记录需要几分钟。请输入您的密码确认：",
}


def main() -> int:
    """update_translations.py reads every glossary_*.py itself; this runs it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import update_translations

    return update_translations.main()


if __name__ == "__main__":
    sys.exit(main())
