#!/usr/bin/env python3
"""Chinese for the problem screen's "All stations" page (desk/ui/problems_all_stations.py,
issue 17: every station's register as the central server groups it). Read by
scripts/update_translations.py with every other scripts/glossary_*.py."""

from __future__ import annotations

ZH_CENTRAL = {
    "All stations": "全部站点",
    "Fetch from the centre": "从街道中心获取",
    "Station": "站点",
    "Opened": "登记日期",
    "Every station's register, as the central server groups it: problems that span stations first.":
        "各站点的问题清单，由街道中心归并：跨站点的同一问题在前。",
    "Fetching every station's register from the central server…": "正在从街道中心获取各站点的问题清单…",
    "This station's own register is on its page.": "本站自己的问题清单仍在“问题清单”页。",
    "{place}: the same problem at {n} stations": "{place}：{n} 个站点的同一问题",
    "Why grouped: {why}": "归为一组的原因：{why}",
    "Registered at one station only ({n})": "只在一个站点登记的问题（{n}）",
    "Problems that span stations: {groups}; registered at one station only: {alone}.":
        "跨站点的同一问题：{groups} 个；只在一个站点登记的问题：{alone} 个。",
    "No station has registered a problem yet.": "还没有站点登记问题。",
    "Correct a measure": "修改措施",
}
