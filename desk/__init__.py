"""Desk (全岗接待台): reception-desk software for community service stations."""

__version__ = "0.1.0"
