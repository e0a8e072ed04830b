"""Refusals the window adds to the core catalogue (zh/en), registered once on import."""

from desk.i18n import register_messages

register_messages({
    "passwords_differ": ("两次输入的密码不一致。", "The two passwords differ."),
    "locked_other_user": (
        "屏幕已由{name}锁定，只有本人或管理员可以解锁。",
        "The screen was locked by {name}; only they or an administrator can unlock it.",
    ),
})
