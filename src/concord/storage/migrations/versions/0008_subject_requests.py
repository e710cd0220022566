"""subject_requests and subject_findings: data subjects' requests to the files commission

Revision ID: 0008
Revises: 0001
Create Date: 2026-12-07 19:35:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "subject_requests",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.JSON(), nullable=False),
        sa.Column("applicant", sa.String(length=200), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("commission_agency_id", sa.Integer(), nullable=False),
        sa.Column("opened_by", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["commission_agency_id"],
            ["agencies.id"],
            name=op.f("fk_subject_requests_commission_agency_id_agencies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_requests")),
    )
    op.create_index(
        op.f("ix_subject_requests_commission_agency_id"),
        "subject_requests",
        ["commission_agency_id"],
    )
    op.create_index(op.f("ix_subject_requests_opened_at"), "subject_requests", ["opened_at"])
    op.create_index(op.f("ix_subject_requests_status"), "subject_requests", ["status"])
    op.create_table(
        "subject_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("owner_agency_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("owner_opinion", sa.Text(), nullable=True),
        sa.Column("opinion_by", sa.String(length=64), nullable=True),
        sa.Column("opinion_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("correct_by", sa.DateTime(timezone=True), nullable=True),
        sa.Column("enforced_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["owner_agency_id"],
            ["agencies.id"],
            name=op.f("fk_subject_findings_owner_agency_id_agencies"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_subject_findings_person_id_persons")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["subject_requests.id"],
            name=op.f("fk_subject_findings_request_id_subject_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_findings")),
        sa.UniqueConstraint("request_id", "person_id", name=op.f("uq_subject_findings_request_id")),
    )
    op.create_index(
        op.f("ix_subject_findings_owner_agency_id"), "subject_findings", ["owner_agency_id"]
    )
    op.create_index(op.f("ix_subject_findings_person_id"), "subject_findings", ["person_id"])
    op.create_index(op.f("ix_subject_findings_request_id"), "subject_findings", ["request_id"])


def downgrade() -> None:
    op.drop_table("subject_findings")
    op.drop_table("subject_requests")
