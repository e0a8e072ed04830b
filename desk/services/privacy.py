"""Masking personal data for slips, screens and exports (个人信息保护法)."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """张三明 -> 张*明, 张三 -> 张*, 欧阳小明 -> 欧**明; Latin names keep their first letter."""
    name = (name or "").strip()
    if not name:
        return ""
    if len(name) == 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_phone(phone: str) -> str:
    """13812345678 -> 138****5678; 02164331234 -> 021****1234."""
    phone = (phone or "").strip()
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "****" + phone[-4:]


def mask_id_number(value: str) -> str:
    value = (value or "").strip()
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_room(room: str) -> str:
    """Lane and number stay (the department must find the building); the room does not."""
    return "***" if room else ""
