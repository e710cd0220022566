"""A server spools large uploads under its data directory unless the operator set TMPDIR."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.datastructures import UploadFile

from concord.services.runtime import spool_uploads_on_the_data_disk
from concord.settings import Settings


@pytest.fixture
def restore_tempdir() -> Iterator[None]:
    before = tempfile.tempdir
    yield
    tempfile.tempdir = before


@pytest.mark.usefixtures("restore_tempdir")
def test_spooled_uploads_land_under_the_data_dir(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    used = spool_uploads_on_the_data_disk(settings, {})
    assert used == tmp_path / "data" / "tmp" and used.is_dir()
    # What Starlette does with an upload over its in-memory limit: the file rolls over to disk.
    with tempfile.SpooledTemporaryFile(max_size=16) as spooled:
        UploadFile(spooled, filename="calls.csv").file.write(b"x" * 64)
        assert spooled._rolled  # type: ignore[attr-defined]
        # The rolled-over file has no name (O_TMPFILE); its descriptor tells where it lives.
        where = os.readlink(f"/proc/self/fd/{spooled.fileno()}")
    assert where.startswith(str(used) + os.sep), where


@pytest.mark.usefixtures("restore_tempdir")
def test_an_operators_tmpdir_wins(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    chosen = tmp_path / "fast-disk"
    chosen.mkdir()
    tempfile.tempdir = str(chosen)  # what TMPDIR gives at the first gettempdir()
    used = spool_uploads_on_the_data_disk(settings, {"TMPDIR": str(chosen)})
    assert used == chosen and not (tmp_path / "data" / "tmp").exists()
