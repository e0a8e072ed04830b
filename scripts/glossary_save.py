"""Chinese for branch `save`'s window strings (issue 20: a save the database answers late).
Read by scripts/update_translations.py with every other scripts/glossary_*.py."""

ZH_SAVE = {
    "Not saved: {n} visit(s) come back into the form once it is saved or cleared":
        "有 {n} 次来访未保存：本表保存或清空后，它会回到表中",
}
