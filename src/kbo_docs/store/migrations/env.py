"""Alembic environment: runs on the connection :func:`kbo_docs.store.migrate` passes in."""

from alembic import context

from kbo_docs.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
