"""The work order's rules, pure: no Qt, no database session, no network.

Everything above reads them (services, sync, the central server, the demo generator):

- enums: the vocabularies (statuses, actions, roles, kinds, channels, urgency).
- lifecycle: which action is allowed from which status, where it leads, and which of two
  concurrent statuses wins a merge (the lifecycle stage).
- permissions: which role may do what.
- tables: the synced tables, the order they are applied in, their natural keys.
- hlc and clocks: the hybrid logical clock and the one builder of a row's field clocks.
- merge: the merge of two versions of a row (commutative, associative, idempotent).
- wire: the sync protocol version and how values travel.
- ids: a row's id (UUIDv7, time first) and its short form.

See docs/architecture.md for the layers and docs/sync.md for the sync design."""
