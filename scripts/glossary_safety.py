"""Chinese for the window strings of issue 14 (restore numbering, set-aside sync rows, exports,
fonts); imported by update_translations.py."""

ZH_SAFETY = {
    "{n} received rows set aside": "{n} 条收到的数据已搁置",
    "sync before registering (restored)": "已从备份恢复，登记前请先同步",
    "Restored from a backup: registering waits until a sync has checked the ticket numbers.":
        "已从备份恢复：同步核对工单号之后才能登记。",
    "{n} rows received from the centre could not be applied here and are set aside:":
        "从中心收到的 {n} 条数据本机无法应用，已搁置：",
    "Retry set-aside rows": "重试搁置的数据",
    "Retry or discard: desk sync --retry-held all / --discard-held TICKET":
        "重试或放弃：desk sync --retry-held all / --discard-held 工单号",
}
