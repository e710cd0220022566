"""indicators: cyber-fraud indicator registry and sightings

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23 13:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "indicators",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=1024), nullable=False),
        sa.Column("raw", sa.String(length=1100), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=True),
        sa.Column("description", sa.String(length=2000), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("owner_agency_id", sa.Integer(), nullable=False),
        sa.Column("visibility", sa.String(length=20), nullable=False),
        sa.Column("visible_countries", sa.JSON(), nullable=False),
        sa.Column("handling_code", sa.String(length=2), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_agency_id"],
            ["agencies.id"],
            name=op.f("fk_indicators_owner_agency_id_agencies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint(
            "owner_agency_id", "kind", "value", name="uq_indicators_owner_kind_value"
        ),
    )
    op.create_index("ix_indicators_kind_value", "indicators", ["kind", "value"], unique=False)
    op.create_index(
        op.f("ix_indicators_owner_agency_id"), "indicators", ["owner_agency_id"], unique=False
    )
    op.create_index(op.f("ix_indicators_review_date"), "indicators", ["review_date"], unique=False)
    op.create_index(op.f("ix_indicators_status"), "indicators", ["status"], unique=False)
    op.create_table(
        "indicator_sightings",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("indicator_id", sa.String(length=32), nullable=False),
        sa.Column("reporter_agency_id", sa.Integer(), nullable=False),
        sa.Column("reporter_user_id", sa.Integer(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(length=2000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicators.id"],
            name=op.f("fk_indicator_sightings_indicator_id_indicators"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reporter_agency_id"],
            ["agencies.id"],
            name=op.f("fk_indicator_sightings_reporter_agency_id_agencies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_sightings")),
    )
    op.create_index(
        op.f("ix_indicator_sightings_indicator_id"),
        "indicator_sightings",
        ["indicator_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_indicator_sightings_reporter_agency_id"),
        "indicator_sightings",
        ["reporter_agency_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_indicator_sightings_reporter_agency_id"), table_name="indicator_sightings"
    )
    op.drop_index(op.f("ix_indicator_sightings_indicator_id"), table_name="indicator_sightings")
    op.drop_table("indicator_sightings")
    op.drop_index(op.f("ix_indicators_status"), table_name="indicators")
    op.drop_index(op.f("ix_indicators_review_date"), table_name="indicators")
    op.drop_index(op.f("ix_indicators_owner_agency_id"), table_name="indicators")
    op.drop_index("ix_indicators_kind_value", table_name="indicators")
    op.drop_table("indicators")
