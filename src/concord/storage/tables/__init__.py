"""All tables, imported here so that metadata (tests, Alembic autogenerate) sees every one."""

from concord.storage.tables.audit import AuditHead, AuditLog
from concord.storage.tables.directory import Agency, ApiKey, Country, User
from concord.storage.tables.notices import Notice
from concord.storage.tables.persons import Person, PersonIdentifier
from concord.storage.tables.records import TravelDocument, Vehicle

__all__ = [
    "Agency",
    "ApiKey",
    "AuditHead",
    "AuditLog",
    "Country",
    "Notice",
    "Person",
    "PersonIdentifier",
    "TravelDocument",
    "User",
    "Vehicle",
]
