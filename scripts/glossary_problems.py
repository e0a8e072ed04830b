#!/usr/bin/env python3
"""Chinese for the 问题清单 screen's strings (desk/ui/problems*.py), added to the glossary of
scripts/update_translations.py together with the dashboard's (scripts/glossary_dashboard.py);
then that script runs as usual. Kept apart so branches merge without conflicts:

    .venv/bin/python scripts/glossary_problems.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ZH_PROBLEMS = {
    # the tab, the Go menu and the dashboard's strip
    "Problems": "问题清单", "Problems (recurring)": "问题清单（顽瘴痼疾）",
    "Problem register: {n} problems ({parts})": "问题清单：在册 {n} 个（{parts}）",
    "Problem register: empty. Recurring problems are found on the Problems screen.":
        "问题清单：暂无登记。反复出现的问题可在“问题清单”页查找并登记。",
    "Open the problem register (F10)": "打开问题清单（F10）",
    # the screen
    "Recurring problems": "顽瘴痼疾", "Last month": "上月", "This month": "本月", "Last 90 days": "近 90 天", "Last 12 months": "近 12 个月",
    "Whole history (scan)": "全部历史（后台扫描）", "Refresh": "刷新", "Print the register…": "打印问题清单…",
    "Found": "发现的问题", "Register": "问题清单", "Score": "得分", "Place": "地点", "Category": "类别",
    "Orders": "工单", "Residents": "居民", "Came back": "回潮", "Pattern": "时间特征", "In the register": "已登记",
    "Problem no.": "编号", "Problem": "问题", "Status": "状态", "Lead department": "牵头部门", "Open": "未办结",
    "Latest": "最近一件", "Date": "日期", "Measure": "措施", "Effect": "效果（前后各 13 周）",
    "Show its orders": "查看工单", "Take into the register…": "登记为问题…", "Set status": "设置状态",
    "Add a measure…": "添加措施…", "Edit…": "修改…", "Linked orders": "关联工单",
    "Suggested orders": "建议关联", "Suggested orders ({n})": "建议关联（{n}）",
    "Looking for recurring problems…": "正在查找反复出现的问题…",
    "Scanning the history: year {done} of {total}…": "正在扫描全部历史：第 {done}/{total} 年…",
    "{n} recurring problems found.": "找到 {n} 个反复出现的问题。",
    "No recurring problem stands out in this period.": "这段时间没有明显反复出现的问题。",
    "Problem #{n} is in the register.": "问题 #{n} 已登记。",
    "#{n}: orders per week": "#{n}：每周工单数", "Edit the problem": "修改问题",
    "Orders at {place} about the same thing that are not linked yet. Linking an order that came after the problem "
    "was solved reopens it.": "{place}同类但尚未关联的工单。关联问题解决之后新来的工单，会把问题重新打开。",
    "Suggested for #{n}": "建议关联到 #{n}", "Link to the problem": "关联到此问题",
    "Linked {n} orders to #{p}; it came back after being solved, so it is open again.":
        "已将 {n} 件工单关联到 #{p}；问题在解决后又出现，已重新打开。",
    "Linked {n} orders to #{p}.": "已将 {n} 件工单关联到 #{p}。",
    "Save the problem register": "保存问题清单", "Writing the register…": "正在生成问题清单…",
    "Saved the register ({pages} pages) to {path} and opened it.": "问题清单（共 {pages} 页）已保存到 {path} 并已打开。",
    "Saved the register ({pages} pages) to {path}. Open it from there to print.":
        "问题清单（共 {pages} 页）已保存到 {path}，请从该位置打开后打印。",
    # dialogs
    "Take into the problem register": "登记到问题清单", "(not set)": "（未指定）", "Title:": "标题：",
    "Lead department:": "牵头部门：", "Add a measure": "添加措施",
    "e.g. lane rule: outdoor seating moves indoors after 22:00": "例如：弄规民约，22:00 后外摆一律收回",
    "Date it took effect:": "实施日期：", "Measure:": "措施：", "Ticket": "工单号", "Summary": "诉求",
    "Address": "地址",
}


def main() -> int:
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    import update_translations

    try:
        from glossary_dashboard import ZH_DASHBOARD
    except ImportError:
        ZH_DASHBOARD = {}
    for source, text in {**ZH_DASHBOARD, **ZH_PROBLEMS}.items():
        update_translations.ZH.setdefault(source, text)
    return update_translations.main()


if __name__ == "__main__":
    sys.exit(main())
