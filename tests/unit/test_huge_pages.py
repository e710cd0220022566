"""The batch runner's move of its memory to huge pages (concord.batch.huge_pages)."""

from __future__ import annotations

import os
import platform
import re
import sys
from pathlib import Path

import pytest

from concord.batch.huge_pages import _anonymous_ranges, _huge_page_size, collapse_to_huge_pages

MB = 1 << 20
HUGE = 2 * MB

MAPS = """\
55d0a0000000-55d0a0021000 r--p 00000000 08:01 1234 /usr/bin/python3.11
55d0a1000000-55d0a1a00000 rw-p 00000000 00:00 0 [heap]
7f0000100000-7f0000900000 rw-p 00000000 00:00 0
7f0001000000-7f0001100000 rw-p 00000000 00:00 0
7f0002000000-7f0002600000 r--p 00000000 00:00 0
7f0003000000-7f0003800000 rw-p 00000000 08:01 99 /tmp/data.bin
7ffc00000000-7ffc00800000 rw-p 00000000 00:00 0 [stack]
"""


def test_only_writable_anonymous_memory_and_the_heap_in_whole_huge_pages() -> None:
    assert _anonymous_ranges(MAPS, HUGE) == [
        # the heap: 10 MB from a huge page boundary
        (0x55D0A1000000, 0xA00000),
        # 8 MB starting 1 MB past a boundary: the three whole huge pages inside
        (0x7F0000200000, 6 * MB),
        # (1 MB: no whole huge page; read-only; a file; the stack: left out)
    ]


def _anonymous_huge_kb() -> int:
    text = Path("/proc/self/smaps_rollup").read_text()
    found = re.search(r"^AnonHugePages:\s+(\d+) kB", text, re.MULTILINE)
    assert found, text
    return int(found.group(1))


def _kernel_has_collapse() -> bool:
    numbers = re.match(r"(\d+)\.(\d+)", platform.release())
    return numbers is not None and (int(numbers[1]), int(numbers[2])) >= (6, 1)


@pytest.mark.skipif(sys.platform != "linux", reason="huge pages are asked for on Linux only")
def test_memory_moves_to_huge_pages_where_the_kernel_offers_them() -> None:
    block = bytearray(64 * MB)  # written (zeroed), so it is backed by pages
    moved = collapse_to_huge_pages()
    if _huge_page_size() is None:
        assert moved == 0  # transparent huge pages are off: nothing is asked
        return
    if not _kernel_has_collapse():
        pytest.skip(f"kernel {platform.release()} has no MADV_COLLAPSE (Linux 6.1)")
    assert moved >= 32 * MB
    assert _anonymous_huge_kb() * 1024 >= 32 * MB
    # the memory is the same memory
    block[12345] = 7
    assert block[12345] == 7 and sum(block[:4096]) == 0


@pytest.mark.skipif(sys.platform != "linux", reason="huge pages are asked for on Linux only")
def test_a_forked_child_moves_memory_it_shares_with_its_parent() -> None:
    # What the batch workers rely on: the parent's small pages, shared after the fork, are
    # copied into huge pages of the child's own when the child asks.
    if _huge_page_size() is None or not _kernel_has_collapse():
        pytest.skip("no transparent huge pages or no MADV_COLLAPSE here")
    block = bytearray(b"\x01" * (64 * MB))
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report how much more of its memory is on huge pages
        try:
            before = _anonymous_huge_kb()
            collapse_to_huge_pages()
            os.write(write, str(_anonymous_huge_kb() - before).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as fh:
        moved_kb = int(fh.read() or "0")
    os.waitpid(pid, 0)
    assert moved_kb * 1024 >= 32 * MB
    assert sum(block[: 1 << 16]) == 1 << 16  # the parent's memory is as it was


def test_a_scoring_worker_asks_after_its_first_chunk_and_every_10000_queries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from concord.batch import screening

    asked_at: list[int] = []
    monkeypatch.setattr(screening, "_screened_here", 0)

    def collapse() -> int:
        asked_at.append(screening._screened_here)
        return 0

    monkeypatch.setattr(screening, "collapse_to_huge_pages", collapse)
    for _ in range(50):  # 25,000 queries in chunks of 500
        screening._count_screened(500)
    assert asked_at == [500, 10_000, 20_000]
    screening._count_screened(7_000)  # a chunk that crosses the next mark late
    assert asked_at[-1] == 32_000
