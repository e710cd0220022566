# cython: language_level=3, boundscheck=False, wraparound=False
# distutils: language = c++
"""The candidate index's vote count (`index._rank_votes`) as one pass in C++.

Why by hand: a query's keys hold about 7,000 ordinals at 10^6 records. numpy counts them
with two sorts and some twenty passes over the occurrences, 0.3 ms a query (a fifth of a
batch worker's time); one pass through a hash table sized to the query, which stays in
the processor's cache, gives the same count in a fraction of that. No library counts
weighted, grouped occurrences this way. The numpy count (`index._rank_votes_numpy`) stays:
it is the reference this kernel is tested against (tests/unit/matching/test_index.py),
and what runs where the kernel is not built (CONCORD_PURE_PYTHON=1).
"""

from cpython cimport array
from libc.stdint cimport int64_t
from libcpp.vector cimport vector

ctypedef const int* Ordinals

cdef extern from *:
    """
    #include <algorithm>
    #include <cstdint>
    #include <unordered_set>
    #include <vector>

    namespace concord_votes {

    // Above any sum of votes (index._FOUND_BY_NAME): lifts the candidates that share
    // more than a date.
    const int64_t FOUND_BY_NAME = int64_t(1) << 28;

    // A slot of the hash table, the candidate's count kept in it: one memory access an
    // occurrence (an index into a separate list of entries cost a second, dependent one).
    // Sixteen bytes, four to a cache line: at 32 bytes the table of a query (some 16,000
    // slots) outgrew the processor's second-level cache, and waiting for its slots was
    // most of the count's time.
    struct Entry {
        int32_t ordinal;   // -1: an empty slot (ordinals are positions in a list: never < 0)
        int32_t votes;     // a query's weights add up to far less than 2**31
        uint32_t seen;     // the groups it was counted in (the first 32)
        int32_t first;     // the first bucket the ordinal is in, << 1 | found by name
    };

    // How many ordinals ahead a slot is fetched into the cache before it is counted.
    const Py_ssize_t AHEAD = 16;

    struct Ranked {
        int64_t key;  // minus the votes, lifted when found by name
        int first;
        int ordinal;
        bool operator<(const Ranked& o) const {
            if (key != o.key) return key < o.key;
            if (first != o.first) return first < o.first;
            return ordinal < o.ordinal;
        }
    };

    // Buckets are visited in order, the ordinals of each in order. A bucket of a reading
    // group with several buckets (an ordinal counts the first of them only) has the
    // group's number in `shared`, else -1: the first 32 such groups are bits of each
    // candidate's `seen`, any more go to a set of (candidate, group). `top` < 0: all.
    //
    // From bucket `closing` on, candidates not met before may be left out once `top`
    // candidates met before are sure to rank above them: a candidate first met there has
    // at most the votes of the buckets left, and comes later in a tie. (Most ordinals are
    // under the largest keys, which come last, and most of them are in no small key.)
    static std::vector<int> rank(
        const std::vector<const int*>& data, const std::vector<Py_ssize_t>& size,
        const std::vector<int64_t>& weight, const std::vector<int>& named,
        const std::vector<int>& shared, Py_ssize_t total, Py_ssize_t top,
        Py_ssize_t closing)
    {
        std::unordered_set<uint64_t> counted;  // (candidate, group) past the 32nd group
        // Reused from one query to the next: allocating them anew each time costs more
        // than the count (page faults on fresh memory).
        static thread_local std::vector<Entry> table_buffer;
        static thread_local std::vector<uint32_t> used_buffer;
        static thread_local std::vector<Ranked> ranked_buffer;
        static thread_local std::vector<int> histogram_buffer;
        // (references taken once: each use of a thread_local in a shared library is a call)
        std::vector<Entry>& table = table_buffer;
        std::vector<uint32_t>& used = used_buffer;  // the slots taken, in order
        std::vector<Ranked>& ranked = ranked_buffer;
        int bits = 6;
        while ((Py_ssize_t(1) << bits) < 2 * total) ++bits;
        const uint32_t mask = (uint32_t(1) << bits) - 1;
        if (table.size() < (size_t(1) << bits))
            table.assign(size_t(1) << bits, Entry{-1, 0, 0, 0});
        used.clear();
        Entry* const slots = table.data();
        bool counted_up = true;  // no negative weights (see the histogram below)
        for (size_t b = 0; b < weight.size(); ++b) counted_up &= weight[b] >= 0;
        bool closed = false;  // candidates not met so far are left out
        for (size_t b = 0; b < data.size(); ++b) {
            if (Py_ssize_t(b) == closing && counted_up && top >= 0
                    && used.size() >= size_t(top)) {
                int64_t rest = 0;
                bool rest_named = false;
                for (size_t r = b; r < data.size(); ++r) {
                    rest += weight[r];
                    rest_named |= named[r] != 0;
                }
                const int64_t newcomer = rest + (rest_named ? FOUND_BY_NAME : 0);
                Py_ssize_t above = 0;
                for (uint32_t u : used)
                    above += slots[u].votes + ((slots[u].first & 1) ? FOUND_BY_NAME : 0) >= newcomer;
                closed = above >= top;
            }
            const int* d = data[b];
            const Py_ssize_t n = size[b];
            const int32_t w = int32_t(weight[b]);
            const int group = shared[b];
            const uint32_t mark = (group >= 0 && group < 32) ? uint32_t(1) << group : 0;
            const int32_t by_name = named[b] != 0;
            for (Py_ssize_t k = 0; k < n; ++k) {
                if (k + AHEAD < n)
                    __builtin_prefetch(slots + ((uint32_t(d[k + AHEAD]) * 2654435761u) >> (32 - bits)));
                const int o = d[k];
                uint32_t slot = (uint32_t(o) * 2654435761u) >> (32 - bits);
                Entry* e;
                for (;;) {
                    e = slots + slot;
                    if (e->ordinal == o) break;
                    if (e->ordinal < 0) {
                        if (closed) {
                            e = nullptr;
                            break;
                        }
                        *e = Entry{o, 0, 0, int32_t(b) << 1};
                        used.push_back(slot);
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
                if (e == nullptr) continue;
                e->first |= by_name;
                if (mark) {
                    if (e->seen & mark) continue;
                    e->seen |= mark;
                } else if (group >= 32) {
                    const uint64_t pair = (uint64_t(slot) << 32) | uint64_t(group);
                    if (!counted.insert(pair).second) continue;
                }
                e->votes += w;
            }
        }
        // Only candidates that can be among the `top` are sorted: a histogram of the
        // (found by name, votes) pairs gives the lowest pair the `top`-th candidate can
        // have, and those below it are left out (most of the thousands met).
        // (votes of negative weights would fall outside the histogram: all are sorted then)
        int64_t votes_max = 0;
        for (size_t b = 0; b < weight.size(); ++b) votes_max += weight[b];
        // (found by name) * (votes_max + 1) + votes, of the `top`-th candidate
        int64_t floor_key = INT64_MIN;
        std::vector<int>& histogram = histogram_buffer;
        const size_t levels = size_t(2 * (votes_max + 1));
        if (counted_up && top >= 0 && size_t(top) < used.size()) {
            histogram.assign(levels, 0);
            for (uint32_t u : used)
                ++histogram[size_t(((slots[u].first & 1) ? votes_max + 1 : 0) + slots[u].votes)];
            Py_ssize_t above = 0;
            floor_key = int64_t(levels);
            while (above < top) above += histogram[size_t(--floor_key)];
        }
        ranked.clear();
        for (uint32_t u : used) {
            Entry& e = slots[u];
            const bool found_by_name = e.first & 1;
            if ((found_by_name ? votes_max + 1 : 0) + e.votes >= floor_key)
                ranked.push_back(Ranked{-(e.votes + (found_by_name ? FOUND_BY_NAME : 0)), e.first >> 1, e.ordinal});
            e.ordinal = -1;
        }
        size_t keep = ranked.size();
        if (top >= 0 && size_t(top) < keep) {
            keep = size_t(top);
            std::nth_element(ranked.begin(), ranked.begin() + keep, ranked.end());
        }
        std::sort(ranked.begin(), ranked.begin() + keep);
        std::vector<int> out(keep);
        for (size_t k = 0; k < keep; ++k) out[k] = ranked[k].ordinal;
        return out;
    }

    }  // namespace concord_votes
    """
    vector[int] _rank "concord_votes::rank"(
        const vector[Ordinals]& data, const vector[Py_ssize_t]& size,
        const vector[int64_t]& weight, const vector[int]& named,
        const vector[int]& shared, Py_ssize_t total, Py_ssize_t top,
        Py_ssize_t closing) nogil


def rank_votes(
    list buckets, list weights, list named, object top, object groups, Py_ssize_t closing=-1
):
    """What `index._rank_votes_numpy` returns for the same arguments. `closing`: the first
    of the buckets (the largest, last) whose candidates need not be counted unless they
    could still rank among the `top` (-1: none); the result is the same."""
    cdef Py_ssize_t nb = len(buckets)
    cdef Py_ssize_t b, total = 0
    cdef vector[Ordinals] data = vector[Ordinals](nb)
    cdef vector[Py_ssize_t] size = vector[Py_ssize_t](nb)
    cdef vector[int64_t] weight = vector[int64_t](nb)
    cdef vector[int] by_name = vector[int](nb)
    cdef vector[int] shared = vector[int](nb, -1)
    cdef array.array bucket
    cdef bint flag
    for b in range(nb):
        bucket = <array.array?>buckets[b]
        if bucket.ob_descr.typecode != c'i':
            raise TypeError("posting lists must be array('i')")
        data[b] = bucket.data.as_ints
        size[b] = len(bucket)
        total += size[b]
        weight[b] = weights[b]
        # (a flag first: Cython mistypes a conditional expression stored in a vector)
        flag = named[b]
        by_name[b] = flag
    if groups is not None:
        count: dict = {}
        for g in groups:
            count[g] = count.get(g, 0) + 1
        numbers: dict = {}
        for b in range(nb):
            g = groups[b]
            if count[g] > 1:
                shared[b] = numbers.setdefault(g, len(numbers))
    cdef Py_ssize_t limit = -1 if top is None else top
    return _rank(data, size, weight, by_name, shared, total, limit, closing)
