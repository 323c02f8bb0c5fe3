"""Alembic's entry point, run by `bot.schema.upgrade` on a connection it already holds
(under the schema lock); there is no alembic.ini."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=None,
    version_table=context.config.attributes["version_table"],
)
with context.begin_transaction():
    context.run_migrations()
