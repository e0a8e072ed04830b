"""Alembic environment of the central database; the engine comes from desk.server.db."""

from alembic import context

from desk.server.models import metadata

target_metadata = metadata


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
