"""users lock out after repeated failed logins; agencies sign their webhooks with a secret

Revision ID: 0006
Revises: 0001
Create Date: 2026-12-07 19:15:00
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        users.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("agencies") as agencies:
        agencies.add_column(sa.Column("webhook_secret", sa.String(length=64), nullable=True))
    # Every existing agency gets its own secret, so no webhook ever leaves unsigned.
    conn = op.get_bind()
    table = sa.table("agencies", sa.column("id", sa.Integer), sa.column("webhook_secret"))
    for (agency_id,) in conn.execute(sa.select(table.c.id)).all():
        conn.execute(
            table.update()
            .where(table.c.id == agency_id)
            .values(webhook_secret=secrets.token_hex(32))
        )
    with op.batch_alter_table("agencies") as agencies:
        agencies.alter_column("webhook_secret", existing_type=sa.String(64), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("agencies") as agencies:
        agencies.drop_column("webhook_secret")
    with op.batch_alter_table("users") as users:
        users.drop_column("locked_until")
        users.drop_column("failed_logins")
