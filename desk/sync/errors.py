"""Sync refusals with zh/en messages (no traceback reaches a clerk)."""

from desk.i18n import register_messages
from desk.services.errors import DeskError

register_messages({
    "sync_not_configured": ("尚未设置同步服务器地址或令牌。", "No sync server address or token is set."),
    "sync_busy": ("本站另一次同步正在进行，请稍后再试。", "Another sync of this station is running; try again later."),
    "sync_network": ("无法连接街道中心：{detail}。数据仍保存在本机，下次同步时会发送。",
                     "Cannot reach the central server: {detail}. Everything stays on this desk and goes at the next sync."),
    "sync_refused": ("街道中心拒绝了同步：{detail}", "The central server refused the sync: {detail}"),
    "sync_version": ("{detail}", "{detail}"),
})


class SyncError(DeskError):
    pass
