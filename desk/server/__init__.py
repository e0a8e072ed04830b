"""The subdistrict's central sync server: a small HTTP service in front of PostgreSQL
(or a SQLite file for one-machine trials). Console command: desk-server."""
