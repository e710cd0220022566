"""hits: a search repeated by the same agency while the hit is open counts on that hit

Revision ID: 0007
Revises: 0002
Create Date: 2026-12-07 19:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("hits") as hits:
        hits.add_column(sa.Column("repeats", sa.Integer(), nullable=False, server_default="0"))
        hits.add_column(sa.Column("last_searched_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hits") as hits:
        hits.drop_column("last_searched_at")
        hits.drop_column("repeats")
