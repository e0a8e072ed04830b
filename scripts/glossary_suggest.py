"""Chinese for branch `suggest`'s later strings (issue 17's hint at intake, issue 18's date
editors), merged into update_translations.py's glossary."""

ZH_SUGGEST = {
    "A registered problem:": "已登记问题：",
    "Linked to a registered problem when saved (press again to undo):": "保存时关联已登记问题（再按一次取消）：",
}
