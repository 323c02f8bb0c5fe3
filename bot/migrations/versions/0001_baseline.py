"""The schema as it was before migrations: every table Briefbot made with create_all.

Creating only what is missing, it brings a fresh database and one made before migrations
to the same place. Later changes (new columns, issue 10's corrections) follow as
migrations of their own.

Revision ID: 0001
Revises:
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    from bot import library, replays, tables  # noqa: F401 - library's tables join these

    bind = op.get_bind()
    tables.metadata.create_all(bind)
    replays.metadata.create_all(bind)


def downgrade() -> None:
    raise NotImplementedError("the baseline is never undone")
