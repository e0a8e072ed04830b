"""The sync bookkeeping tables (defined with the models in desk.models.sync)."""

from desk.models.sync import alias, clock, conflict, held, outbox, quarantine, state

__all__ = ["alias", "clock", "conflict", "held", "outbox", "quarantine", "state"]
