"""Editors' corrections: an append-only log (issue 19).

Each row is one correction or the undoing of one; a row is never changed or deleted (a
trigger refuses both), so the log says who changed what and when, for good. `undoes` is
unique: a correction is undone once, however many editors press Undo at the same moment.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLE = "briefbot_corrections"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("story", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),  # a correction kind, or "undo"
        sa.Column("targets", sa.Text, nullable=False),  # JSON: the items' stable identities
        sa.Column("value", sa.Text, nullable=False),  # the new speaker, stance, role or label
        sa.Column("undoes", sa.Integer, unique=True),  # for "undo": the correction's id
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("user_name", sa.String(200), nullable=False),  # as shown: "@alice"
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("briefbot_corrections_story", TABLE, ["story", "id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION briefbot_corrections_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'the corrections log is append-only'; END; "
            "$$ LANGUAGE plpgsql"
        )
        op.execute(
            f"CREATE TRIGGER briefbot_corrections_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION briefbot_corrections_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER briefbot_corrections_no_{event.lower()} BEFORE {event} ON {TABLE} "
                "BEGIN SELECT RAISE(ABORT, 'the corrections log is append-only'); END"
            )


def downgrade() -> None:
    raise NotImplementedError("the corrections log is kept")
