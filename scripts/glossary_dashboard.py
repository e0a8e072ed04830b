#!/usr/bin/env python3
"""Chinese for the dashboard's strings, added to scripts/update_translations.py's glossary
(its own entries win), then that script runs as usual. Kept apart so the two can be merged
without conflicts. Run after changing a dashboard string:

    .venv/bin/python scripts/glossary_dashboard.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ZH_DASHBOARD = {
    # issue 16: the 先行联系 action's dialog
    "Contacted by": "联系方", "Contacted at": "联系时间", "The department": "承办单位", "This station": "本站",
    "Dashboard": "数据看板", "Dashboard (F6)": "数据看板（F6）", "Period": "统计期间", "Scope": "范围",
    "Yesterday": "昨日", "This week": "本周", "This month": "本月", "Custom range…": "自定义期间…",
    "All departments": "全部部门", "All categories": "全部分类", "All areas": "全部居民区",
    "All stations": "全部站点", "Refresh": "刷新", "Print this": "打印本报表",
    "Compute the figures again (Ctrl+R)": "重新计算各项数据（Ctrl+R）",
    "Save the matching summary report as a PDF and open it (Ctrl+P)": "将对应的汇总报表保存为 PDF 并打开（Ctrl+P）",
    "Figures of every station, from the central server": "所有站点的数据，由中心服务器提供",
    "All stations' figures come from the central server: available once a server is set up for sync":
        "全部站点的数据来自中心服务器：设置好同步服务器后可用",
    "Click to see these orders in the work queue": "点击可在工单列表中查看这些工单",
    "… {n} more: double-click to see all in the queue": "…… 另有 {n} 件：双击在工单列表中查看全部",
    "Intake volume": "受理量", "Orders registered in the period (not voided)": "本期登记的工单（不含作废）",
    "Answered-at-desk rate": "当场办结率", "Answered on the spot ÷ intake": "当场办结 ÷ 受理量",
    "Open now": "在办工单", "Orders of the period and before that are still open": "本期及以前登记、目前仍未办结的工单",
    "Overdue now": "超期工单", "Open orders past their deadline": "已过期限仍未办结的工单",
    "Response rate": "响应率",
    "Accepted within the limit ÷ dispatched orders whose acceptance is decided": "按时签收 ÷ 已派单且签收结果已定的工单",
    "On-time resolution rate": "按时办结率",
    "Resolved by the deadline ÷ dispatched orders whose outcome is decided": "按期办结 ÷ 已派单且办结结果已定的工单",
    "Solved rate": "解决率", "Resolved as solved ÷ resolved by a department": "办结且已解决 ÷ 部门办结的工单",
    "Satisfaction rate": "满意率", "Satisfied or very satisfied ÷ callbacks with a rating": "满意及非常满意 ÷ 有评价的回访",
    "Return rate": "退单率",
    "Returned by a department at least once ÷ sent to a department": "被部门退回过的工单 ÷ 派往部门的工单",
    "Reopen rate": "重办率", "Reopened at least once ÷ orders that got a result": "重办过的工单 ÷ 已有办理结果的工单",
    "Extensions waiting": "待审批延期", "Extension requests waiting for approval": "等待审批的延期申请",
    "Intake by hour of day": "各时段受理量", "Intake by weekday": "星期分布", "Intake by category": "分类分布",
    "Intake by residential area": "居民区分布", "Intake per day, last 30 days": "近 30 天每日受理量",
    "Intake per day, last {n} days": "近 {n} 天每日受理量",
    " (up to the same time: {until})": "（截至同一时刻：{until}）",
    "Open orders by age": "在办工单账龄（登记后天数）", "06:00–22:00": "06:00–22:00 日间",
    "Quiet hours 22:00–06:00 (noise rule)": "22:00–06:00 夜间（噪声管控时段）", "Orders": "工单数",
    "Topic": "热点", "Where": "范围", "Dates": "日期", "Matter": "事项", "Action": "操作",
    "Volume": "受理量", "On time": "按时办结率", "Returns": "退单数",
    "Show all in the queue": "在工单列表中查看全部",
    "Hot topics: the same matter in the same place ({period})": "热点问题：同一地点的同类事项（{period}）",
    "Department league": "部门排名", "Overdue now: {n}": "超期工单：{n} 件",
    "Extension requests waiting: {n}": "待审批延期：{n} 件", "Computing {period}…": "正在计算 {period}…",
    "all stations": "全部站点",
    "{period}{scope}: figures computed at {time}; compared with {previous}": "{period}{scope}：数据计算于 {time}，对比上期 {previous}",
    "{n} of {d}": "{n} / {d}", "as of {time}": "截至 {time}",
    "comparing with the previous period…": "正在与上期对比…", "previous period: {previous}": "上期：{previous}",
    "{change} points vs. previous ({previous})": "较上期 {change} 个百分点（上期 {previous}）",
    "{change} vs. previous ({previous})": "较上期 {change}（上期 {previous}）",
    "same address": "同一地址", "same lane": "同一弄/路",
    "All-stations figures cannot be opened in this station's work queue.": "全部站点的数据无法在本站工单列表中打开。",
    "{figure}: all counted": "{figure}：统计范围内全部工单", "Supervise": "督办", "Approve": "批准", "Refuse": "驳回",
    "Supervised {ticket}.": "已督办 {ticket}。", "Extension of {ticket} approved.": "已批准 {ticket} 的延期。",
    "Extension of {ticket} refused.": "已驳回 {ticket} 的延期。", "Save the summary report": "保存汇总报表",
    "Nothing to print yet.": "尚无可打印的数据。", "All-stations figures are printed by the central server.":
        "全部站点的报表由中心服务器打印。", "Writing the report…": "正在生成报表…",
    "Saved the report ({pages} pages) to {path} and opened it.": "报表（共 {pages} 页）已保存到 {path} 并已打开。",
    "Saved the report ({pages} pages) to {path}. Open it from there to print.":
        "报表（共 {pages} 页）已保存到 {path}，请从该位置打开后打印。",
    # The all-stations view (figures from the central server).
    "Dashboard · all stations": "数据看板 · 全部站点",
    "All-stations figures: other stations' orders are not in this desk, so a click does not open the work queue":
        "全部站点的统计：其他站点的工单不在本机，点击不会打开工单列表",
    "Fetching every station's figures for {period} from the central server…": "正在从街道中心获取 {period} 全部站点的数据…",
    "The all-stations figures could not be fetched: {reason} Showing this station's figures.":
        "未能获取全部站点的数据：{reason} 现显示本站数据。",
}


def main() -> int:
    """update_translations.py reads every glossary_*.py itself; this runs it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import update_translations

    return update_translations.main()


if __name__ == "__main__":
    sys.exit(main())
