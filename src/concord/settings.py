"""One typed settings object, read from CONCORD_* environment variables and passed in."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONCORD_", env_file=None)

    database_url: str = "sqlite:///var/concord.sqlite3"
    # Signs the web session cookie. The default only suits a local demo: production sets its own.
    secret_key: str = "concord-demo-secret-change-me"
    # Above the 5 MB attachment limit of requests, with room for the multipart envelope.
    max_body_bytes: int = 6_000_000
    # A hit must be answered within 12 hours in the Schengen practice the domain doc quotes.
    hit_answer_hours: int = 12
    webhook_timeout_s: float = 5.0
    review_years: int = 5
    # Uploaded files waiting for, or read by, background jobs (one folder per job).
    data_dir: Path = Path("var/data")
    # Call records are large: the CDR upload has its own body limit, streamed to disk.
    cdr_max_upload_bytes: int = 512 * 1024 * 1024
    # The analysis shares the machine with the web server when `serve` runs the worker: bound it.
    cdr_threads: int | None = None
    cdr_memory_limit: str | None = None

    def sqlite_path(self) -> Path | None:
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url[len(prefix) :])
        return None
