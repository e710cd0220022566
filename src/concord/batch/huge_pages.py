"""Back a process's memory with huge pages once a large index is built (Linux).

A batch worker spends much of its time waiting for memory: each query looks up its keys
(some fifty found) in a dictionary of tens of millions and reads the records they name,
at random over gigabytes. With 4 KiB pages nearly every such read also misses the
processor's address translation cache (3 GB is 750,000 pages; the cache holds a few
thousand entries), and the page-table walk that follows misses the data caches too. With
2 MiB pages the whole index fits the translation cache. Where transparent huge pages are
on "madvise" (Debian's default), memory already allocated stays on small pages unless
asked: `MADV_COLLAPSE` (Linux 6.1) moves it now, synchronously, in this process.

Measured (decision 0009): the 1M-record index, 3.0 GB moved in 5.6 s; screening then took
0.98 instead of 1.11 ms a query, the same matches.

Nothing here changes what the program computes; where the kernel or the platform lacks
the call, nothing happens. Each scoring worker calls it for itself (a forked worker's
first write to a huge page it shares with its parent splits that page into small ones
for the worker: concord.batch.screening).
Written by hand because no library wraps `madvise` for memory the process did not map
itself (Python's `mmap.madvise` only covers an mmap object).
"""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

# <sys/mman.h> on Linux
_MADV_HUGEPAGE = 14
_MADV_COLLAPSE = 25
_THP = Path("/sys/kernel/mm/transparent_hugepage")


def _huge_page_size() -> int | None:
    """The size of a transparent huge page, or None where they are off or unknown."""
    try:
        mode = (_THP / "enabled").read_text()
        size = int((_THP / "hpage_pmd_size").read_text())
    except (OSError, ValueError):
        return None
    return None if "[never]" in mode else size


def _anonymous_ranges(maps: str, page: int) -> list[tuple[int, int]]:
    """The writable anonymous mappings (and the heap) of a /proc/PID/maps text, cut to
    whole huge pages: (start, length) of each that holds at least one."""
    out = []
    for line in maps.splitlines():
        fields = line.split()
        if len(fields) < 5 or fields[1][:2] != "rw":
            continue
        if len(fields) >= 6 and fields[5] != "[heap]":
            continue  # a file, a stack, the vdso
        lo, hi = (int(x, 16) for x in fields[0].split("-"))
        start = (lo + page - 1) & ~(page - 1)
        end = hi & ~(page - 1)
        if end - start >= page:
            out.append((start, end - start))
    return out


def collapse_to_huge_pages() -> int:
    """Ask the kernel to back this process's anonymous memory with huge pages now;
    return the bytes so backed (0 where it cannot: not Linux, huge pages off, an older
    kernel)."""
    if sys.platform != "linux":
        return 0
    page = _huge_page_size()
    if page is None:
        return 0
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return 0
    madvise = libc.madvise
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    madvise.restype = ctypes.c_int
    backed = 0  # (ranges already on huge pages count too: the call then copies nothing)
    for start, length in _anonymous_ranges(maps, page):
        # (the advice too: the pages it faults in later come huge. The kernel's background
        # collapsing does not mend a huge page split in a forked child: it skips ranges
        # mostly shared with another process, max_ptes_shared; hence the repeated calls.)
        madvise(start, length, _MADV_HUGEPAGE)
        if madvise(start, length, _MADV_COLLAPSE) == 0:
            backed += length
    return backed
