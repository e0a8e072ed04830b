#!/usr/bin/env python3
"""Refresh the window's translations: pyside6-lupdate collects every tr() string from
desk/ui into resources/i18n/desk_{zh_CN,en}.ts (keeping translations already there), new
Chinese strings are filled from the glossary below, English ones with their source, and
pyside6-lrelease compiles the .qm files the app loads.

Run after adding or changing a visible string:  .venv/bin/python scripts/update_translations.py
A string missing from the glossary stays 'unfinished' and tests/ui/test_i18n.py fails.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
BIN = Path(sys.executable).parent

# English source -> Chinese, without the keyboard mnemonic (added as "（&X）" automatically).
ZH = {
    "Reason": "原因", "Result": "办理结果", "Note": "备注", "Department": "部门", "Solved": "是否解决",
    "Satisfaction": "满意度", "Working days": "工作日数", "Merge into ticket": "合并到工单号",
    "The problem is solved": "问题已解决", "Language": "语言", "Theme": "主题", "Text size": "字号",
    "Light": "浅色", "Dark": "深色", "Large text for easier reading": "大字模式（便于阅读）", "Day": "日期",
    "Working day": "工作日", "Is": "该日为", "a working day": "工作日（调休上班）", "a day off": "休息日",
    "as the public calendar says (remove)": "按国家日历（删除设置）", "yes": "是", "no": "否",
    "Callbacks": "回访", "Call the resident back": "回访群众", "The resident says it is solved": "群众表示问题已解决",
    "Record callback": "记录回访", "Open order": "打开工单", "{n} waiting": "待回访 {n} 件",
    "Nothing selected.": "未选择工单。", "Code": "代码", "Name": "名称", "Accept": "签收时限", "Resolve": "办结时限",
    "Name in English": "英文名称", "Parent": "上级分类", "Default department": "默认承办部门",
    "Accept within": "签收时限", "Resolve within": "办结时限",
    "Working days (5d) or hours (4h)": "工作日（如 5d）或小时（如 4h）", "Active": "启用", "Contact": "联系人",
    "Phone": "电话", "Visitor name": "姓名", "Set up this desk": "初始化接待台",
    "This database is new. Enter the station's details and the first administrator account.":
        "这是一个新数据库。请填写站点信息和第一个管理员账号。",
    "Station code": "站点代码", "Station name": "站点名称", "Address": "地址",
    "Administrator user name": "管理员用户名", "Display name": "显示名", "Password": "密码",
    "Repeat password": "再次输入密码", "Intake": "接待登记", "Visitor (leave blank for anonymous)": "来访人（匿名可不填）",
    "Channel": "渠道", "Residential area": "居民区", "Road / lane": "路/弄", "No.": "号", "Room": "室",
    "Mobile or landline; finds returning visitors": "手机或固话；可查出老来访人",
    "+ Matter (Ctrl+N)": "+ 事项（Ctrl+N）", "Remove matter": "删除事项", "Save (Ctrl+S)": "保存（Ctrl+S）",
    "Save and print slip (Ctrl+Enter)": "保存并打印回执（Ctrl+Enter）", "Clear": "清空",
    "Returning visitor": "老来访人", "Open orders": "未办结工单", "History": "历史记录", "Matter {n}": "事项 {n}",
    "Type a phone number to see a returning visitor's orders.": "输入电话号码可查看老来访人的工单。",
    "{name} {phone}, {address}: {n} orders so far": "{name} {phone}，{address}：累计 {n} 件工单",
    "(no name)": "（未留姓名）", "Saved: {orders}": "已保存：{orders}", "Screen locked": "屏幕已锁定",
    "Log in to the desk": "登录接待台", "User name": "用户名", "Unlock": "解锁", "Log in": "登录",
    "Desk — {station}": "全岗接待台 — {station}", "Desk": "全岗接待台", "Work orders": "工单",
    "Settings": "设置", "Slip": "受理回执", "Go": "转到", "View": "显示", "Lock screen": "锁定屏幕", "Log out": "退出登录",
    "Quit": "退出程序", "Dark theme": "深色主题", "Large text": "大字模式", "User: {name} ({role})": "用户：{name}（{role}）",
    "Not logged in": "未登录", "Station: {name}": "站点：{name}", "Database: {path}": "数据库：{path}",
    "Last sync: {when}": "上次同步：{when}", "never": "尚未同步", "Working…": "处理中…",
    "Dispatch to department": "派单到部门", "Register only": "仅登记", "Answered at desk": "当场办结",
    "Kind": "类型", "Category": "分类", "Summary": "事项摘要", "Details": "详细情况",
    "Address (if not the visitor's)": "事发地址（与来访人不同时）", "Urgency": "紧急程度", "Next step": "处理方式",
    "Answer given": "答复内容", "Urgent": "紧急", "What is it about, in one line": "一句话说明事项",
    "If dispatched now: accepted by {accept}, resolved by {resolve}": "如现在派单：{accept} 前签收，{resolve} 前办结",
    "Possible duplicates at this address:": "该地址可能有重复工单：", "Registered": "登记时间", "Accept by": "签收期限",
    "Resolve by": "办结期限", "Returned / reopened / extended": "退单 / 重办 / 延期次数", "Visitor": "来访人",
    "Show in full (recorded)": "查看完整信息（将被记录）", "Actions": "操作", "Close": "关闭", "When": "时间",
    "Who": "操作人", "What": "操作", "Reason / result": "原因 / 结果", "Work order": "工单",
    "Work order {ticket}": "工单 {ticket}", "overdue": "已超期", "due soon": "即将到期", "supervised": "督办",
    "solved": "已解决", "not solved": "未解决", "Result: {result}": "办理结果：{result}",
    "Satisfaction: {rating}": "满意度：{rating}", "Merged into {ticket}": "已合并到 {ticket}", "Anonymous": "匿名",
    "Overdue": "已超期", "Due soon": "即将到期", "(supervised)": "（督办）", "Ticket": "工单号", "Status": "状态",
    "Search: ticket, phone, name, address or any words": "搜索：工单号、电话、姓名、地址或任意词语",
    "All orders": "全部工单", "Today": "今日", "Registered by me": "我登记的", "Open": "未办结",
    "Awaiting callback": "待回访", "Supervised": "督办中", "Extension requested": "延期待审批", "(any)": "（全部）",
    "Area": "居民区", "From": "起始日期", "To": "截止日期", "Reset filters": "重置筛选", "{n} orders": "共 {n} 件",
    "Station": "站点", "Departments": "部门", "Categories": "分类", "Staff": "工作人员", "Calendar": "日历",
    "Appearance": "外观", "Role": "角色", "Last log-in": "上次登录", "New password": "新密码",
    "Leave blank to keep the password": "不修改密码请留空", "Save": "保存", "New": "新建",
    "Something went wrong that the desk did not expect. Nothing already saved was lost. "
    "The details were written to:\n{path}": "接待台遇到了意外错误。已保存的内容不会丢失。详细信息已写入：\n{path}",
    "Not done": "未能完成", "Unexpected error": "意外错误",
    # The sync screen and status bar (desk/ui/sync_panel.py, sync_control.py).
    "Token": "令牌",
    ", {n} refused by the centre": "，中心拒收 {n} 条",
    "Changes waiting": "待发送的变更",
    "Conflicts: values overwritten by a later edit ({n})": "冲突：被较新修改覆盖的值（{n}）",
    "Data": "数据",
    "Field": "字段",
    "History entry": "历史记录",
    "Kept at": "保留值时间",
    "Kept from": "保留值来自",
    "Kept value": "保留的值",
    "Last attempt failed: {reason}": "上次同步失败：{reason}",
    "Last attempt": "上次尝试",
    "Last successful sync": "上次成功同步",
    "Nightly time": "每晚同步时间",
    "Nightly sync at": "每晚同步时间",
    "No server address or token yet: an administrator sets them here or with desk sync --save.": "尚未设置服务器地址或令牌：请管理员在此设置，或用 desk sync --save 设置。",
    "Overwritten at": "被覆盖值时间",
    "Overwritten from": "被覆盖值来自",
    "Mark all as seen": "全部标为已阅",
    "{record} (seen)": "{record}（已阅）",
    "Overwritten value": "被覆盖的值",
    "Record": "记录",
    "Refresh": "刷新",
    "Refused by the centre ({n})": "被中心拒收的变更（{n}）",
    "Sync now": "立即同步",
    "Sync": "同步",
    "Save server settings": "保存服务器设置",
    "Saved.": "已保存。",
    "Server address": "服务器地址",
    "Server settings (administrator)": "服务器设置（管理员）",
    "Server": "服务器",
    "Sync failed: {reason}": "同步失败：{reason}",
    "Sync finished: {sent} sent, {received} received": "同步完成：发送 {sent} 条，收到 {received} 条",
    "Sync with the central server": "与街道中心同步",
    "Syncing: receiving {n}…": "正在同步：已收到 {n} 条…",
    "Syncing: sending {n}…": "正在同步：已发送 {n} 条…",
    "Syncing: sending {n} of {total}…": "正在同步：已发送 {n}/{total} 条…",
    "Syncing…": "正在同步…",
    "Values sent": "发送的内容",
    "Visit": "来访",
    "last attempt failed": "上次失败",
    "not set": "未设置",
    "saved; type a new one to replace it": "已保存；输入新令牌可替换",
    "the token the centre gave this station": "中心发给本站的令牌",
    "{n} to send": "待发送 {n} 条",
}

sys.path.insert(0, str(Path(__file__).resolve().parent))
from glossary_kb import ZH_KB  # noqa: E402 (issue 18's strings)

for _k, _v in ZH_KB.items():
    ZH.setdefault(_k, _v)

_MNEMONIC = re.compile(r"&(\w)")


def chinese(source: str) -> str | None:
    plain = source.replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = ZH.get(plain)
    if text is None:
        return None
    m = _MNEMONIC.search(source.replace("&&", ""))
    return f"{text}(&{m.group(1).upper()})" if m else text


def fill(ts: Path, lang: str) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        tr = message.find("translation")
        if tr.get("type") not in ("unfinished", None) or (tr.text and tr.get("type") is None):
            continue
        if tr.get("type") == "vanished" or tr.get("type") == "obsolete":
            continue
        text = source if lang == "en" else chinese(source)
        if text is None:
            missing.append(source)
            continue
        tr.text = text
        tr.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def _glossaries() -> None:
    """Every scripts/glossary_*.py holds the Chinese of one area's strings (a dict named ZH_…),
    kept apart so branches merge without conflicts; the entries above win."""
    import importlib

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    for path in sorted(Path(__file__).resolve().parent.glob("glossary_*.py")):
        module = importlib.import_module(path.stem)
        for name, table in vars(module).items():
            if name.startswith("ZH_") and isinstance(table, dict):
                for source, text in table.items():
                    ZH.setdefault(source, text)


def main() -> int:
    _glossaries()
    I18N.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desk" / "ui").glob("*.py"))
    missing = []
    for lang in ("zh_CN", "en"):
        ts = I18N / f"desk_{lang}.ts"
        subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-target-language", lang,
                        "-ts", str(ts)], cwd=ROOT, check=True)
        missing += [f"{lang}: {s}" for s in fill(ts, lang)]
        subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)
    for line in missing:
        print("untranslated:", line)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
