#!/usr/bin/env python3
"""Chinese for the front-desk strings of issue 13 (saving state, the unsaved-visit question,
callbacks, lists from the queue, order dialogs), added to scripts/update_translations.py's
glossary (its own entries win), then that script runs as usual. Kept apart so branches merge
without conflicts. Run after changing one of these strings:

    .venv/bin/python scripts/glossary_frontdesk.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ZH_FRONTDESK = {
    "Saving…": "保存中…",
    "Unsaved visit": "登记未保存", "The intake form has a visit that is not saved yet.": "接待登记中有尚未保存的内容。",
    "Save it now, discard it, or go back to it?": "现在保存、放弃，还是返回继续填写？",
    "Save": "保存", "Discard": "放弃", "Cancel": "取消",
    "The resident says": "群众反馈", "Record callback": "记录回访", "Not reached, call later": "未接通，稍后再拨",
    "Open order": "打开工单", "— ask the resident —": "— 请询问群众 —", "Solved": "已解决", "Not solved": "未解决",
    "solved": "已解决", "not solved": "未解决", "Department: {dep}": "承办部门：{dep}",
    "What the department did: {result}": "部门办理结果：{result}", "Call: {name} <b>{phone}</b>": "拨打：{name} <b>{phone}</b>",
    "(no number)": "（未留电话）", "Not reached so far: {n} of {limit} calls": "已拨未接通：{n} / {limit} 次",
    "Ask the resident whether it is solved and how satisfied they are.": "请先询问群众问题是否解决及满意程度。",
    "Closed as not reached after {n} calls.": "已拨打 {n} 次均未接通，工单按“未接通”办结。",
    "Recorded: not reached ({n} of {limit}).": "已记录未接通（{n} / {limit} 次）。",
    "Print list (Ctrl+P)": "打印列表（Ctrl+P）", "Export… (Ctrl+E)": "导出…（Ctrl+E）", "Export the list": "导出列表",
    "Excel workbook (*.xlsx);;CSV for Excel (*.csv)": "Excel 工作簿 (*.xlsx);;CSV 表格 (*.csv)",
    "{n} orders: {message}": "共 {n} 件工单：{message}",
    "{n} orders exported to {path} (personal data masked).": "已导出 {n} 件工单到 {path}（个人信息已脱敏）。",
    "Please fill in “{field}”.": "请填写“{field}”。",
    "No server address or token yet: an administrator sets them on this screen.":
        "尚未设置服务器地址或令牌：请管理员在本页设置。", "{action}: {ticket}?": "确定{action}：{ticket}？",
}


def main() -> int:
    """update_translations.py reads every glossary_*.py itself; this runs it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import update_translations

    return update_translations.main()


if __name__ == "__main__":
    sys.exit(main())
