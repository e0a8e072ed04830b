"""Sync refusals with zh/en messages (no traceback reaches a clerk)."""

from desk.i18n import register_labels, register_messages
from desk.errors import DeskError
from desk.i18n import label

register_messages({
    "sync_not_configured": ("尚未设置同步服务器地址或令牌。", "No sync server address or token is set."),
    "sync_busy": ("本站另一次同步正在进行，请稍后再试。", "Another sync of this station is running; try again later."),
    "sync_network": ("无法连接街道中心：{detail}。数据仍保存在本机，下次同步时会发送。",
                     "Cannot reach the central server: {detail}. Everything stays on this desk and goes at the next sync."),
    "sync_server_error": ("街道中心服务器出错（{detail}），本次未同步。数据仍保存在本机，下次同步时会发送。",
                          "The central server had an error ({detail}); nothing was synced. Everything stays on this "
                          "desk and goes at the next sync."),
    "sync_refused": ("街道中心拒绝了同步：{detail}", "The central server refused the sync: {detail}"),
    "bad_time": ("时间格式不对：{value}（应为 时:分，如 02:00）", "Bad time: {value} (use HH:MM, e.g. 02:00)"),
    "sync_unexpected": ("同步中断（意外错误 {detail}），详情已写入错误日志；下次同步会重试。",
                        "The sync stopped (unexpected error {detail}); details are in the error log and the next sync tries again."),
    "sync_version": ("中心拒绝同步（版本不一致）：{detail}", "The centre refused the sync (version mismatch): {detail}"),
})

# Why the centre refused a change (shown next to each quarantined change in the window).
REASONS = ("not_your_row", "clock_in_future", "bad_clock", "unknown_table", "bad_row_id", "bad_change", "invalid")
register_labels({
    "sync_reason.not_your_row": ("这一行属于别的服务站，本站不能修改", "This row belongs to another station"),
    "sync_reason.clock_in_future": ("本机时钟比中心快太多，请校准时间", "This computer"s clock is too far ahead of the centre"s"),
    "sync_reason.bad_clock": ("时间戳格式不对", "Malformed clock"),
    "sync_reason.unknown_table": ("中心不认识这种数据", "The centre does not know this kind of data"),
    "sync_reason.bad_row_id": ("编号格式不对", "Malformed row id"),
    "sync_reason.bad_change": ("变更格式不对", "Malformed change"),
    "sync_reason.invalid": ("中心无法保存这条变更", "The centre could not store this change"),
})


def reason_label(reason: str) -> str:
    return label(f"sync_reason.{reason}") if reason in REASONS else reason


class SyncError(DeskError):
    pass
