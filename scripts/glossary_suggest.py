"""Chinese for branch `suggest`'s later strings (issue 17's hint at intake, issue 18's date
editors), merged into update_translations.py's glossary."""

ZH_SUGGEST = {
    "A registered problem:": "已登记问题：",
    "Linked to a registered problem when saved (press again to undo):": "保存时关联已登记问题（再按一次取消）：",
}
ZH_SUGGEST.update({
    "Valid from (— : no date)": "生效日期（—：不限）",
    "Valid until (— : no date)": "失效日期（—：不限）",
    "Review on (— : no date)": "复核日期（—：不设）",
})
ZH_SUGGEST["A date is not complete: type it as 2027-01-31 or pick it in the calendar (— for none)."] = \
    "日期未填完整：请按 2027-01-31 的格式输入，或在日历中选择（— 表示不设）。"
