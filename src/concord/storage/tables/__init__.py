"""All tables, imported here so that metadata (tests, Alembic autogenerate) sees every one."""

from concord.storage.tables.assets import AssetCase, AssetEntity, AssetRequest, AssetStep
from concord.storage.tables.audit import AuditHead, AuditLog
from concord.storage.tables.directory import Agency, ApiKey, Country, User
from concord.storage.tables.hits import Alert, Hit
from concord.storage.tables.indicators import Indicator, IndicatorSighting
from concord.storage.tables.jobs import Job
from concord.storage.tables.notices import Notice
from concord.storage.tables.operations import Operation, OperationReport
from concord.storage.tables.outbox import OutboxMessage
from concord.storage.tables.persons import Person, PersonIdentifier
from concord.storage.tables.records import TravelDocument, Vehicle
from concord.storage.tables.requests import (
    CooperationRequest,
    RequestAttachment,
    RequestEvent,
    RequestMessage,
)
from concord.storage.tables.subject_requests import SubjectFinding, SubjectRequest

__all__ = [
    "Agency",
    "Alert",
    "ApiKey",
    "AssetCase",
    "AssetEntity",
    "AssetRequest",
    "AssetStep",
    "AuditHead",
    "AuditLog",
    "CooperationRequest",
    "Country",
    "Hit",
    "Indicator",
    "IndicatorSighting",
    "Job",
    "Notice",
    "Operation",
    "OperationReport",
    "OutboxMessage",
    "Person",
    "PersonIdentifier",
    "RequestAttachment",
    "RequestEvent",
    "RequestMessage",
    "SubjectFinding",
    "SubjectRequest",
    "TravelDocument",
    "User",
    "Vehicle",
]
