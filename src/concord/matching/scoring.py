"""Pairwise scoring: names first, then birth date, nationality, gender and identifiers
move the score up or down. Every step leaves a readable FeatureScore."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import OSA, Levenshtein

from concord.matching.abjad import full_readings, is_reading, spells
from concord.matching.cjk import is_hangul_syllable
from concord.matching.phonetic import skeleton
from concord.matching.prepare import PreparedRecord
from concord.matching.records import FeatureScore, Match
from concord.matching.symbols import name_symbols
from concord.matching.transliterate import Part, RomanName

# Relative frequency of a part's skeleton among indexed records (0..1), or None if unknown.
FrequencyFn = Callable[[str], float | None]

DEFAULT_THRESHOLD = 0.75

# Unpaired parts (a middle name only one side knows) cost this share of their weight.
_UNPAIRED_COST = 0.2
_INITIAL_WEIGHT = 0.4
_DISAGREE_COST = 1.5
# Paired parts below this similarity count as disagreeing (chih / zhou: 0.6).
_AGREE = 0.5
# Parts this short are syllables or short names, where one letter is a whole difference.
_SHORT_PART = 4
# The most a short syllable that matches none of a Han character's readings keeps.
_HAN_NEAR_MISS = 0.6
# Two spellings of one name in other languages (Joseph / Yosef, Kohen / Cohen; see
# symbols.py) agree this well, as a close spelling would. Only for forms of at least two
# syllables, and not beside Chinese, Korean or Japanese script: the lists tie single
# syllables that are other names there (Hong / Feng / Wang, Jing / Liang).
_COGNATE = 0.9
# A Latin spelling of a name in Arabic or Persian script that writes every letter of the
# script and only adds the vowels it leaves out (Nuaimi / نعيمي; abjad.py) agrees as well as
# one changed letter in a long name.
_SPELT_READING = 0.95
# Three or more agreeing parts in a scrambled order (not just the family name moved to the
# other end) keep this share of their score: 梁华俊 is not Liang Junhua.
_SCRAMBLED_FACTOR = 0.6

# Adjustments added to the name score. Conflicting dates must outweigh a perfect name.
_DOB_EXACT = 0.10
_DOB_CONFLICT = -0.35
# One side has a birth date and the other none: the date cannot rule out a namesake, so the
# name must carry the match alone. The cost grows as the name agreement falls.
_DOB_ONE_SIDED_BASE = 0.10
_DOB_ONE_SIDED_SLOPE = 0.6
_NATIONALITY_MATCH = 0.02
_NATIONALITY_CONFLICT = -0.06
_GENDER_CONFLICT = -0.3
_IDENTIFIER_BONUS = 0.15


# How far apart the scripts of two names are: same script, two alphabets, or one of them an
# abjad or a syllabic script (where romanisations disagree most).
SAME_SCRIPT, CROSS_ALPHABET, ABJAD_OR_SYLLABIC = 0, 1, 2
# Han characters against Latin letters: the Han parts carry every Chinese reading in use
# (pinyin, Wade-Giles, Cantonese surnames), so a syllable that matches none is another one.
# (Against Hangul or kana they do not: a Korean name in hanja reads otherwise in Korean.)
HAN_READINGS = 3
_ABJAD_OR_SYLLABIC = frozenset(
    {"arabic", "persian", "hebrew", "han", "hangul", "kana", "devanagari"}
)


def script_distance(a: str, b: str) -> int:
    if a == b:
        return SAME_SCRIPT
    if {a, b} == {"han", "latin"}:
        return HAN_READINGS
    if a in _ABJAD_OR_SYLLABIC or b in _ABJAD_OR_SYLLABIC:
        return ABJAD_OR_SYLLABIC
    return CROSS_ALPHABET


# (bound once, not looked up on the module at each of the many calls)
_osa_similarity = OSA.normalized_similarity


def part_similarity(
    a: Part,
    b: Part,
    cross_script: int,
    syllabic: bool = False,
    skeletons: tuple[list[str], list[str]] | None = None,
) -> float:
    """Similarity of two name parts in 0..1, best over their romanised forms.

    Equal consonant skeletons earn credit even when spellings differ (Jong / Chen), more
    when the names come from different scripts, where such differences are expected.
    `skeletons`: those of the forms of `a` and of `b`, when the caller has them.
    """
    a0, b0 = a[0], b[0]
    if len(a0) == 1 or len(b0) == 1:  # an initial
        return 0.8 if any(x[0] == y[0] for x in a for y in b) else 0.0
    best = 0.0
    for x in a:
        for y in b:
            # (OSA: two neighbouring letters typed in the wrong order are one slip, Lauar)
            s = _osa_similarity(x, y)
            if s > best:
                best = s
    if best >= 1.0:
        return 1.0
    # Below 0.75 an edit similarity is mostly chance overlap (kim / park: 0.29): let it fall
    # off twice as fast so unrelated parts score near zero.
    if best < 0.75:
        best = max(0.0, 2 * best - 0.75)
    if skeletons is None:
        skeletons = ([skeleton(x) for x in a], [skeleton(y) for y in b])
    ska, skb = skeletons
    shared = [sx for sx in ska if sx and sx in skb]
    if shared and syllabic and cross_script and _syllables(a0) != _syllables(b0):
        # Readings of Chinese, Korean or Japanese names are syllables: lanyan is two of
        # them and lan one, whatever consonants they share (刘兰艳 is not Liu Lan)
        shared = []
    if shared:
        shortest = min(len(sk) for sk in shared)
        if shortest <= 1:
            # One consonant in common (chih / zhou, yu / wu) is weak evidence on its own.
            credit = 0.5 + 0.4 * best
        elif cross_script:
            credit = 0.7 + 0.25 * best if shortest <= 2 else 0.8 + 0.2 * best
        else:
            credit = 0.55 + 0.35 * best if shortest <= 2 else 0.62 + 0.33 * best
        best = max(best, credit)
    elif cross_script == ABJAD_OR_SYLLABIC:
        # From scripts that write few vowels or whole syllables one consonant more or less
        # is common (a silent final he or alef, a doubled letter written once): near
        # skeletons earn a smaller credit. Between alphabets (Bondarenko / Ponomarenko) no,
        # nor between Han and Latin, where every reading of a character is listed.
        near = max(
            (
                Levenshtein.normalized_similarity(sx, sy)
                for sx in ska
                for sy in skb
                if max(len(sx), len(sy)) >= 3
            ),
            default=0.0,
        )
        if near >= 0.75:
            best = max(best, 0.55 + 0.2 * near + 0.2 * best)
    if (
        # (the search only where the consonants or the spellings are alike: Kaled / khald
        # share no skeleton, kh being h in it)
        (shared or best >= 0.4)
        and best < _SPELT_READING
        and cross_script == ABJAD_OR_SYLLABIC
        and not syllabic
        and _spelt_reading(a, b)
    ):
        best = _SPELT_READING
    if cross_script == HAN_READINGS and max(len(a0), len(b0)) <= _SHORT_PART:
        # Peng is not 冯 (feng), Ping not 平 spelt otherwise: every reading was there to match.
        best = min(best, _HAN_NEAR_MISS)
    # Short parts that begin differently and share no consonants are other syllables
    # (Yoon / Poon, Kim / Lim), whatever one edit would suggest.
    if (
        not shared
        and best >= _AGREE
        and max(len(a0), len(b0)) <= _SHORT_PART
        and not any(x[0] == y[0] for x in a for y in b)
    ):
        best = _AGREE - 0.05
    if best < _COGNATE and not syllabic:
        # (the first part's names first: most parts have none, and the second's need
        # not be looked up)
        names = part_symbols(a)
        if (
            names
            and not names.isdisjoint(part_symbols(b))
            and _syllables(a0) > 1
            and _syllables(b0) > 1
            # a name and its cognate keep a consonant (Isaac / Yitzhak); the lists also
            # tie other readings of one kanji, which keep none (林 Hayashi / Mori)
            and not set("".join(ska)).isdisjoint("".join(skb))
        ):
            best = _COGNATE
    return best


# Whether a Latin part spells a reading, for the process: the same common names (Mohammed,
# Hussein) meet the same readings in query after query, and each answer is a search.
_SPELT: dict[tuple[Part, Part], bool] = {}
_SPELT_MAX = 1 << 20


def _spelt_reading(a: Part, b: Part) -> bool:
    """Whether one part is a reading of Arabic or Persian script that the other spells."""
    if is_reading(a):
        a, b = b, a
    elif not is_reading(b):
        return False
    key = (a, b)
    found = _SPELT.get(key)
    if found is None:
        if len(_SPELT) >= _SPELT_MAX:
            _SPELT.clear()
        found = _SPELT[key] = any(spells(x, y) for x in a for y in full_readings(b))
    return found


# The names of every part met, for the process: one look-up a part where a query meets
# it, rather than one call a form (a tenth of a batch worker's time). The parts met are a
# bounded vocabulary.
_PART_SYMBOLS: dict[Part, frozenset[str]] = {}


def part_symbols(part: Part) -> frozenset[str]:
    """The names (symbols.py) that the forms of a part spell."""
    found = _PART_SYMBOLS.get(part)
    if found is None:
        found = _PART_SYMBOLS[part] = frozenset().union(*(name_symbols(f) for f in part))
    return found


def _syllables(form: str) -> int:
    """Syllables of a romanised Chinese, Korean or Japanese name part, near enough: its
    runs of vowels. (Counted in a loop: compiled, about three times faster than a regular
    expression's list of matches, and part_similarity asks for most pairs.)"""
    runs = 0
    in_run = False
    for ch in form:
        vowel = ch in "aeiou"
        if vowel and not in_run:
            runs += 1
        in_run = vowel
    return runs


# Russian, Ukrainian, Kazakh, Azerbaijani patronymics (Sergeevna, Ivanovych, Nurlanuly,
# Aliyevna, Mammad oglu): left out of most documents in Latin script (passports carry none).
_PATRONYMIC = re.compile(
    r"(?:ovich|evich|ovych|evych|ovna|evna|ivna|ichna|uly|kyzy|qyzy|ogly|oglu)$"
)
_PATRONYMIC_COST = _UNPAIRED_COST / 2


def _is_patronymic(part: Part) -> bool:
    return len(part[0]) >= 6 and _PATRONYMIC.search(part[0]) is not None


def _weight(part: Part, freq: FrequencyFn | None) -> float:
    if len(part[0]) == 1:
        return _INITIAL_WEIGHT
    if freq is None:
        return 1.0
    f = freq(skeleton(part[0]))
    if not f or f <= 0.001:
        return 1.0
    # A part carried by 3% of records (kim, mohammed) weighs 0.4; rare parts weigh 1.
    return max(0.4, 1.0 - 0.12 * math.log2(f / 0.001))


class PartMemo:
    """The weights and similarities of the name parts met while one query is scored.

    The query's parts meet the same candidate parts again and again (a third of the
    comparisons across its candidates repeat one made before). Remembered for one query
    only: a process-wide cache of a million comparisons took longer to look them up in
    (hashing and comparing nested tuples, memory far from the processor) than computing
    them did."""

    __slots__ = ("_similar", "_skeletons", "_weights", "freq")

    def __init__(self, freq: FrequencyFn | None = None) -> None:
        self.freq = freq
        self._weights: dict[str, float] = {}
        self._similar: dict[tuple[Part, Part, int, bool], float] = {}
        self._skeletons: dict[Part, list[str]] = {}

    def unweighted(self) -> PartMemo:
        """A memo that weighs every part the same (no frequencies) and shares this one's
        similarities, which do not depend on the weights (the ranking step compares the
        names of a query's scored candidates again, without frequencies)."""
        other = PartMemo()
        other._similar = self._similar
        other._skeletons = self._skeletons
        return other

    def _skeletons_of(self, part: Part) -> list[str]:
        sk = self._skeletons.get(part)
        if sk is None:
            sk = self._skeletons[part] = [skeleton(form) for form in part]
        return sk

    def weight(self, part: Part) -> float:
        w = self._weights.get(part[0])
        if w is None:
            w = self._weights[part[0]] = _weight(part, self.freq)
        return w

    def similarity(self, a: Part, b: Part, cross: int, syllabic: bool) -> float:
        key = (a, b, cross, syllabic)
        s = self._similar.get(key)
        if s is None:
            skeletons = (self._skeletons_of(a), self._skeletons_of(b))
            s = self._similar[key] = part_similarity(a, b, cross, syllabic, skeletons)
        return s


def _align(
    q: RomanName,
    c: RomanName,
    cross: int,
    memo: PartMemo,
    spanish: bool = False,
    family_first: bool = False,
    syllabic: bool = False,
) -> float:
    """Order-free greedy alignment of parts; weighted mean of paired similarities with a
    small cost for parts left unpaired (`syllabic`: the cost of a disagreeing part)."""
    sims = sorted(
        (
            (memo.similarity(qp, cp, cross, syllabic), i, j)
            for i, qp in enumerate(q)
            for j, cp in enumerate(c)
        ),
        reverse=True,
    )
    wq = [memo.weight(p) for p in q]
    wc = [memo.weight(p) for p in c]
    score, agreeing = _pairing_score(_pair_up(sims), q, c, wq, wc, spanish, syllabic)
    if family_first and agreeing and (0, 0) not in agreeing:
        # Both names written in scripts that put the family name first (Han, Hangul,
        # kana): a family name paired with a given name is no spelling variant.
        score *= _SCRAMBLED_FACTOR
    elif len(agreeing) >= 3 and not _rotated_order(agreeing):
        score *= _SCRAMBLED_FACTOR
        # The greedy pairing may scramble a name whose parts also all pair up in order,
        # nearly as well (Omar Ameri / عمر العامري: omar ~ amr and ameri ~ aamry, but
        # ameri ~ amr scores a little higher): such a pairing, in order up to moving the
        # family name from one end to the other, is a reading too. (One that leaves
        # parts out is not: John Paul Smith is not Paul John Smith with two names lost.)
        for shift in range(len(c)):
            kept, in_order = _pairing_score(
                _pair_in_order(sims, len(q), len(c), shift), q, c, wq, wc, spanish, syllabic
            )
            if len(in_order) == len(agreeing):
                score = max(score, kept)
    return score


def _pair_up(sims: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """Greedy pairing, best similarity first, each part at most once."""
    used_q: set[int] = set()
    used_c: set[int] = set()
    chosen: list[tuple[float, int, int]] = []
    for s, i, j in sims:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        chosen.append((s, i, j))
    return chosen


def _pair_in_order(
    sims: list[tuple[float, int, int]], n_q: int, n_c: int, shift: int
) -> list[tuple[float, int, int]]:
    """The pairing of agreeing parts with the highest total similarity in which no two
    pairs cross once the other name is rotated by `shift` parts (dynamic programming over
    both names, as for a longest common subsequence)."""
    sim = [[0.0] * n_c for _ in range(n_q)]
    for s, i, j in sims:
        sim[i][j] = s
    best = [[0.0] * (n_c + 1) for _ in range(n_q + 1)]
    for i in range(1, n_q + 1):
        for j in range(1, n_c + 1):
            s = sim[i - 1][(j - 1 + shift) % n_c]
            paired = best[i - 1][j - 1] + s if s >= _AGREE else 0.0
            best[i][j] = max(best[i - 1][j], best[i][j - 1], paired)
    chosen: list[tuple[float, int, int]] = []
    i, j = n_q, n_c
    while i > 0 and j > 0:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            c = (j - 1 + shift) % n_c
            chosen.append((sim[i - 1][c], i - 1, c))
            i -= 1
            j -= 1
    return chosen


def _pairing_score(
    chosen: list[tuple[float, int, int]],
    q: RomanName,
    c: RomanName,
    wq: list[float],
    wc: list[float],
    spanish: bool,
    syllabic: bool,
) -> tuple[float, list[tuple[int, int]]]:
    """Weighted mean of paired similarities, with costs for disagreeing and unpaired parts;
    and the pairs that agree."""
    used_q: set[int] = set()
    used_c: set[int] = set()
    agreeing: list[tuple[int, int]] = []
    num = den = 0.0
    for s, i, j in chosen:
        used_q.add(i)
        used_c.add(j)
        w = (wq[i] + wc[j]) / 2
        num += s * w
        # Two parts that clearly disagree (Kim / Park) say more than a missing part.
        if s >= _AGREE:
            den += w
            agreeing.append((i, j))
        else:
            den += _DISAGREE_COST * w
    # A Chinese, Korean or Japanese name has no middle names to leave out: a syllable
    # more or less is another given name (刘兰艳 is not Liu Lan).
    unpaired = _DISAGREE_COST if syllabic else _UNPAIRED_COST
    for i in range(len(q)):
        if i not in used_q:
            den += (_PATRONYMIC_COST if _is_patronymic(q[i]) else unpaired) * wq[i]
    for j in range(len(c)):
        if j not in used_c:
            den += (_PATRONYMIC_COST if _is_patronymic(c[j]) else unpaired) * wc[j]
    if (
        spanish
        and len(c) >= 3
        and len(c) - 2 not in used_c
        and len(c) - 1 in used_c
        and not _is_patronymic(c[len(c) - 2])
    ):
        # Given names, father's surname, mother's surname: the mother's is the one left
        # out (Jairo Valencia for Jairo Valencia Cárdenas); leaving out the father's and
        # keeping the mother's (Jairo Cárdenas) names someone else. (A patronymic is no
        # surname: Grigorii Nikolaevich Akimov of Argentina is Grigorii Akimov.)
        den += (_DISAGREE_COST - _UNPAIRED_COST) * wc[len(c) - 2]
    return (num / den if den else 0.0), agreeing


def _rotated_order(pairs: list[tuple[int, int]]) -> bool:
    """Whether the paired parts keep their order up to moving a block from one end to the
    other (family name first or last: Liang Hua Jun / Hua Jun Liang). Anything else swaps
    parts inside a name: Liang Jun Hua is another man than Liang Hua Jun."""
    seq = [j for _, j in sorted(pairs)]
    descents = sum(1 for a, b in itertools.pairwise(seq) if b < a)
    return descents == 0 or (descents == 1 and seq[-1] < seq[0])


# How a romanised Chinese, Korean or Japanese syllable can end (jung|sang, not jungs|ang).
_SYLLABLE_END = re.compile(r"(?:[aeiouy]|ng|[nmlkptrh])$")


def _split_variants(
    short: RomanName, long: RomanName, syllabic: bool = False
) -> list[tuple[RomanName, int]]:
    """`short` with one part cut in two where the other name has a part boundary
    ("jongyang" -> "jong" + "yang" against "chen" + "yan"), so glued given names are
    compared syllable by syllable rather than as one long string; `syllabic` names only
    where a syllable can end. With each, the position of the first of its two new parts."""
    cuts = {len(f) for p in long for f in p}
    out: list[tuple[RomanName, int]] = []
    for i, part in enumerate(short):
        for form in part[:1]:
            for k in cuts:
                if 2 <= k <= len(form) - 2 and (
                    not syllabic or _SYLLABLE_END.search(form, 0, k) is not None
                ):
                    out.append(((*short[:i], (form[:k],), (form[k:],), *short[i + 1 :]), i))
    return out


def name_similarity(
    q: RomanName,
    c: RomanName,
    cross: int,
    memo: PartMemo | None = None,
    spanish: bool = False,
    family_first: bool = False,
    syllabic: bool = False,
    needed: float = 0.0,
) -> float:
    """`memo`: part weights (by their frequencies) and similarities (all parts weigh the
    same without it); `spanish`: `c` is written in the Spanish order of two surnames,
    given names first; `family_first`: both names come from scripts that write the family
    name first; `syllabic`: one of them does (Chinese, Korean or Japanese characters).

    `needed`: the caller only needs the similarity when it is at least this much; below
    it, a lower value may come back (split variants that cannot reach it are skipped)."""
    if memo is None:
        memo = PartMemo()
    best = _align(q, c, cross, memo, spanish, family_first, syllabic)
    if len(q) == len(c) or best >= 0.95:
        return best
    query_split = len(q) < len(c)
    short, long = (q, c) if query_split else (c, q)
    variants = _split_variants(short, long, syllabic)
    if not variants:
        return best
    bound = _SplitBound(short, long, max(best, needed), cross, memo, syllabic, not query_split)
    for variant, cut_at in variants:
        if bound.rules_out(variant, cut_at):
            continue
        if query_split:
            s = _align(variant, c, cross, memo, spanish, family_first, syllabic)
        else:
            s = _align(q, variant, cross, memo, False, family_first, syllabic)
        if s > best:
            best = s
            bound.raise_target(max(best, needed))
    return best


class _SplitBound:
    """Which split variants of `short` cannot score `target` against `long`: a variant is
    aligned only where it could raise the name score. (Three in four variants raise
    nothing, and aligning them all took a quarter of a batch worker's time.)

    A pairing scores num / den (`_pairing_score`), below `target` when num - target * den
    < 0. Each part of a variant adds at most the larger of what its best pair would add to
    that difference and what it costs unpaired; unpaired parts of `long` only subtract.
    The parts a variant keeps are those of `short`, whose shares are reckoned once; its
    two new parts are first taken to pair perfectly, so that their similarities are
    computed only where the kept parts leave the variant a chance. `_align` itself never
    scores above its best pairing (a scrambled order only lowers it)."""

    __slots__ = (
        "cross",
        "gains",
        "known",
        "long",
        "memo",
        "perfect",
        "short",
        "short_is_candidate",
        "syllabic",
        "target",
        "w_long",
    )

    def __init__(
        self,
        short: RomanName,
        long: RomanName,
        target: float,
        cross: int,
        memo: PartMemo,
        syllabic: bool,
        short_is_candidate: bool,
    ) -> None:
        self.short = short
        self.long = long
        self.cross = cross
        self.memo = memo
        self.syllabic = syllabic
        self.short_is_candidate = short_is_candidate
        self.w_long = [memo.weight(p) for p in long]
        self.target = -1.0
        self.gains: list[float] = []
        self.known = 0.0
        self.perfect = 0.0
        self.raise_target(target)

    def raise_target(self, target: float) -> None:
        self.target = target
        self.gains = [self.gain(p) for p in self.short] if target > 0.0 else []
        self.known = sum(self.gains)
        # a new part pairs at best perfectly, and weighs at most 1
        self.perfect = max(0.0, (1.0 - target) * (1.0 + max(self.w_long)) / 2)

    def gain(self, part: Part) -> float:
        """The most `part` adds to num - target * den of a pairing with `long`."""
        memo, target = self.memo, self.target
        w = memo.weight(part)
        unpaired = (
            _PATRONYMIC_COST
            if _is_patronymic(part)
            else _DISAGREE_COST
            if self.syllabic
            else _UNPAIRED_COST
        )
        best = -target * unpaired * w
        for j, o in enumerate(self.long):
            # (in `_align`'s order, the query's part first: the memo knows it so)
            s = (
                memo.similarity(o, part, self.cross, self.syllabic)
                if self.short_is_candidate
                else memo.similarity(part, o, self.cross, self.syllabic)
            )
            cost = 1.0 if s >= _AGREE else _DISAGREE_COST
            gain = (s - target * cost) * (w + self.w_long[j]) / 2
            if gain > best:
                best = gain
        return best

    def rules_out(self, variant: RomanName, cut_at: int) -> bool:
        """Whether `variant` (`short` with the part at `cut_at` cut in two) scores below
        the target."""
        if self.target <= 0.0:
            return False
        # (a margin against rounding: a variant that ties with the target is aligned)
        total = 1e-9 + self.known - self.gains[cut_at]
        if total + 2 * self.perfect < 0.0:
            return True
        total += self.gain(variant[cut_at])
        if total + self.perfect < 0.0:
            return True
        return total + self.gain(variant[cut_at + 1]) < 0.0


# Scripts whose names put the family name first. Within one script the characters decide
# (characters_similarity); across two of them the order must hold.
_FAMILY_FIRST = frozenset({"han", "hangul", "kana"})

# Countries whose people carry the father's and then the mother's surname.
_SPANISH_NAMING = frozenset(
    {"es", "mx", "co", "ar", "cl", "pe", "ve", "ec", "gt", "cu", "bo", "do", "hn", "py", "sv",
     "ni", "cr", "pa", "uy", "pr", "gq"}
)  # fmt: skip


@dataclass(slots=True)
class _NameResult:
    score: float
    qi: int
    ci: int
    # Both sides written in the same characters (Han or Hangul), and they differ:
    # (query, candidate)
    characters: tuple[str, str] | None = None


@functools.lru_cache(maxsize=200_000)
def characters_similarity(a: str, b: str) -> float | None:
    """Two names in Han characters or in Hangul (as cjk.name_characters folds them): 1.0 for
    the same characters in any order (family name first or last), else the share they have
    in common, squared: one character of three is a different name (蔡晓秀 / 蔡晓: 0.44),
    not a spelling. None across the two scripts (金 / 김), which only readings compare."""
    if is_hangul_syllable(a[0]) != is_hangul_syllable(b[0]):
        return None
    common = sum((Counter(a) & Counter(b)).values())
    return (common / max(len(a), len(b))) ** 2


def _characters_cap(q: PreparedRecord, c: PreparedRecord) -> tuple[float, str, str] | None:
    """The highest name score the characters allow when both sides have a name in the same
    characters and none of them agree, with the closest pair; None when they agree or cannot
    be compared."""
    if not q.characters or not c.characters:
        return None
    pairs = [
        (s, a, b)
        for a in q.characters
        for b in c.characters
        if (s := characters_similarity(a, b)) is not None
    ]
    if not pairs:
        return None
    best = max(pairs)
    return None if best[0] >= 1.0 else best


def _best_names(
    q: PreparedRecord, c: PreparedRecord, memo: PartMemo, needed: float = 0.0
) -> _NameResult:
    """Reads the names, scripts, Han/Hangul characters and nationalities of both sides.
    `needed` as for name_similarity: a score below it may come back lower than it is."""
    best = _NameResult(0.0, -1, -1)
    spanish = not c.nationalities.isdisjoint(_SPANISH_NAMING)
    for qi, qn in enumerate(q.names):
        for ci, cn in enumerate(c.names):
            qs, cs = q.scripts[qi], c.scripts[ci]
            s = name_similarity(
                qn,
                cn,
                script_distance(qs, cs),
                memo,
                spanish and cs == "latin",
                qs != cs and qs in _FAMILY_FIRST and cs in _FAMILY_FIRST,
                qs in _FAMILY_FIRST or cs in _FAMILY_FIRST,
                needed,
            )
            if s > best.score:
                best = _NameResult(s, qi, ci)
                if s >= 1.0:
                    break
        else:
            continue
        break
    # A romanisation or a Latin alias of either side cannot outweigh differing characters:
    # 許傑軍 / 徐俊 (XU JUN) are two men however close Xu Jiejun and Xu Jun are.
    cap = _characters_cap(q, c)
    if cap is not None and best.score > cap[0]:
        best = _NameResult(cap[0], best.qi, best.ci, (cap[1], cap[2]))
    return best


def _date_feature(
    a: tuple[int, int, int] | None, b: tuple[int, int, int] | None, explain: bool = True
) -> tuple[float, float, str]:
    """(similarity, adjustment, reason) for two birth dates; without `explain` the reasons
    that must be formatted are left empty (the bound of every candidate needs none)."""
    if a is None or b is None:
        return 0.5, 0.0, "not compared (missing)"
    (ya, ma, da), (yb, mb, db) = a, b
    full = ma and da and mb and db
    if full:
        if a == b:
            return 1.0, _DOB_EXACT, "same date"
        gap = abs(ya - yb)
        if gap >= 2:
            # No slip reaches across two years, not even one digit (1974 / 1970 is four
            # years, and namesakes four years apart are common): the usual case, a
            # namesake born elsewhen, is decided before any digit is compared.
            if gap == 2:
                return 0.05, -0.3, "2 years apart"
            return 0.0, _DOB_CONFLICT, f"{gap} years apart" if explain else ""
        if (ya, ma, da) == (yb, db, mb):
            return 0.8, 0.05, "day and month swapped"
        # Digits are compared field by field: 1950-12-04 / 1951-02-04 swaps two
        # neighbouring digits only across the year and the month, which is no slip.
        slips = digit_slips(ya, yb, 4) + digit_slips(ma, mb, 2) + digit_slips(da, db, 2)
        if slips == 1:
            return 0.75, 0.04, "one digit differs"
        if gap == 1 and (ma, da) == (mb, db):
            return 0.7, 0.03, "year off by one"
        if gap == 0 and ma == mb and abs(da - db) == 1:
            # registered the day before or after (a birth near midnight, a time zone)
            return 0.75, 0.04, "a day apart"
        if gap == 0 and ma == mb:
            return 0.3, -0.15, "same month, different day"
        if gap == 0:
            # Two full dates that differ in day and month by more than one slip.
            return 0.1, -0.3, "same year, different day and month"
        return 0.05, -0.3, "a year apart, and day or month differ too"
    # Partial dates: compare on what both know.
    if ya == yb:
        if ma and mb and ma != mb:
            return 0.4, -0.08, "same year, different month"
        return 0.8, 0.04, "same year (partial date)"
    gap = abs(ya - yb)
    if ma and mb and ma != mb:
        # Year and month both wrong is not one slip.
        why = f"{gap} years apart and another month (partial date)" if explain else ""
        return 0.0, _DOB_CONFLICT, why
    if gap == 1:
        return 0.5, -0.1, "year off by one (partial date)"
    if gap <= 2:
        return 0.1, -0.3, f"{gap} years apart (partial date)" if explain else ""
    return 0.0, _DOB_CONFLICT, f"{gap} years apart (partial date)" if explain else ""


def digit_slips(a: int, b: int, width: int) -> int:
    """The slips between two numbers written with `width` digits (leading zeros): 0 when
    equal, 1 for one digit changed or two neighbouring digits swapped, 2 for more.

    The optimal string alignment distance of the two digit strings, capped at 2, by
    arithmetic: a birth date's fields are compared for nearly every candidate of a query,
    and formatting them as strings for a string metric took most of the time the whole
    date comparison did."""
    if a == b:
        return 0
    changed = 0
    first = -1  # the position (from the right) of the first digit that differs
    x, y = a, b
    for k in range(width):
        if x % 10 != y % 10:
            changed += 1
            if changed == 1:
                first = k
            elif changed > 2:
                return 2
        x //= 10
        y //= 10
    if x != y:  # wider than `width`: more digits differ
        return 2
    if changed == 1:
        return 1
    if changed == 2:
        # two neighbouring digits swapped: 1950 / 1905
        p = 10**first
        lo_a, hi_a = (a // p) % 10, (a // (p * 10)) % 10
        lo_b, hi_b = (b // p) % 10, (b // (p * 10)) % 10
        if lo_a == hi_b and hi_a == lo_b and (a // (p * 100)) == (b // (p * 100)):
            return 1
    return 2


def date_adjustment(a: tuple[int, int, int] | None, b: tuple[int, int, int] | None) -> float:
    """How much two birth dates add to a score (before the name gates it); 0 if one is
    missing."""
    return _date_feature(a, b, False)[1]


def dates_agree(a: tuple[int, int, int] | None, b: tuple[int, int, int] | None) -> bool:
    """Both dates known and close enough to count in favour of a match."""
    return date_evidence(a, b) > 0


# How strongly two birth dates point to one person, by how rarely two people share them:
# the year alone (1 in 60 or so) < year and month, or a full date one slip away (swapped
# day and month, one digit, the year off by one: rarer to share, but a slip is no
# agreement) < the same full date.
NO_DATE_EVIDENCE, SAME_YEAR, SAME_MONTH, SAME_FULL_DATE = range(4)
NEAR_FULL_DATE = SAME_MONTH


def date_evidence(a: tuple[int, int, int] | None, b: tuple[int, int, int] | None) -> int:
    if a is None or b is None or date_adjustment(a, b) <= 0:
        return NO_DATE_EVIDENCE
    if all(a) and all(b):
        return SAME_FULL_DATE if a == b else NEAR_FULL_DATE
    return SAME_MONTH if a[1] and a[1] == b[1] else SAME_YEAR


def _identifier_feature(
    q: PreparedRecord, c: PreparedRecord, name_score: float
) -> tuple[float, float, str] | None:
    best: tuple[float, str] | None = None
    for a in q.identifiers:
        for b in c.identifiers:
            if a.type != b.type and "other" not in (a.type, b.type):
                continue
            if a.country and b.country and a.country != b.country:
                continue
            if a.value == b.value:
                s, how = 1.0, "identical"
            elif a.folded == b.folded:
                s, how = 0.9, "equal up to OCR look-alikes"
            elif len(a.folded) == len(b.folded) and OSA.distance(a.folded, b.folded) == 1:
                s, how = 0.75, "one character typed or read wrong"
            else:
                continue
            if best is None or s > best[0]:
                best = (s, f"{a.type} {a.value} ~ {b.value}: {how}")
    if best is None:
        return None
    # A shared number alone is not a match: it only helps when the names agree too.
    gate = min(1.0, max(0.0, (name_score - 0.45) / 0.3))
    return best[0], _IDENTIFIER_BONUS * best[0] * gate, best[1]


def shares_identifier(q: PreparedRecord, c: PreparedRecord) -> bool:
    """Whether a document number of one side matches one of the other (look-alikes too)."""
    return bool(q.identifiers and c.identifiers) and _identifier_feature(q, c, 1.0) is not None


def _display(name: RomanName) -> str:
    return " ".join(p[0] for p in name)


def name_score(q: PreparedRecord, c: PreparedRecord, memo: PartMemo | None = None) -> float:
    """The name agreement alone (no part frequencies), 0..1; `memo` one without
    frequencies (PartMemo.unweighted) where a caller compares many names of one query."""
    return _best_names(q, c, memo if memo is not None else PartMemo()).score


def evaluate(q: PreparedRecord, c: PreparedRecord, freq: FrequencyFn | None = None) -> float:
    """The final score only (no explanation): the fast path for ranking candidates."""
    names = _best_names(q, c, PartMemo(freq))
    return combined_score(q, c, names)


def _combine(
    q: PreparedRecord, c: PreparedRecord, names: _NameResult, explain: bool = True
) -> tuple[float, list[tuple[str, float, float, str]]]:
    """The final score, before it is clipped to 0..1, and, when `explain`, for the
    explanation (feature, similarity, adjustment, reason). Without it the parts stay empty
    and no reason is built: the bulk scorer calls this twice for each of the ~50 candidates
    of a query (bound and score)."""
    parts: list[tuple[str, float, float, str]] = []
    total = names.score
    dsim, dadj, dwhy = _date_feature(q.birth, c.birth, explain)
    if (q.birth is None) != (c.birth is None):
        dadj = -(_DOB_ONE_SIDED_BASE + _DOB_ONE_SIDED_SLOPE * (1.0 - names.score))
        dwhy = "only one side has a birth date: the name alone must carry the match"
    if dadj > 0:
        # Agreeing dates help only names that already agree (twins share a birthday).
        dadj *= min(1.0, max(0.0, (names.score - 0.5) / 0.3))
    total += dadj
    if explain:
        parts.append(("birth_date", dsim, dadj, dwhy))
    if q.nationalities and c.nationalities:
        if q.nationalities.isdisjoint(c.nationalities):
            total += _NATIONALITY_CONFLICT
            if explain:
                parts.append(
                    ("nationality", 0.0, _NATIONALITY_CONFLICT, "no nationality in common")
                )
        else:
            total += _NATIONALITY_MATCH
            if explain:
                common = ",".join(sorted(q.nationalities & c.nationalities))
                parts.append(("nationality", 1.0, _NATIONALITY_MATCH, "shared " + common))
    if q.gender and c.gender:
        if q.gender != c.gender:
            total += _GENDER_CONFLICT
            if explain:
                parts.append(("gender", 0.0, _GENDER_CONFLICT, f"{q.gender} vs {c.gender}"))
        elif explain:
            parts.append(("gender", 1.0, 0.0, f"both {q.gender}"))
    if q.identifiers and c.identifiers:
        ident = _identifier_feature(q, c, names.score)
        if ident is not None:
            total += ident[1]
            if explain:
                parts.append(("identifiers", ident[0], ident[1], ident[2]))
    return total, parts


def perfect_name_bound(
    q: PreparedRecord,
    birth: tuple[int, int, int] | None,
    gender: str | None,
    has_identifiers: bool,
) -> float:
    """At least `_combine`'s score, before the clip, of `q` and any record with this
    birth date, gender and identifiers or none: the names agreeing perfectly, the
    nationalities agreeing, a document number of each side matching. (Reads nothing else
    of the record: see bulk.bound_profile.) Written in `_combine`'s order of additions, so
    that rounding keeps it above."""
    total = 1.0
    dadj = _date_feature(q.birth, birth, False)[1]
    if (q.birth is None) != (birth is None):
        dadj = -(_DOB_ONE_SIDED_BASE + _DOB_ONE_SIDED_SLOPE * (1.0 - 1.0))
    total += dadj
    if q.nationalities:
        total += _NATIONALITY_MATCH
    if q.gender and gender and q.gender != gender:
        total += _GENDER_CONFLICT
    if q.identifiers and has_identifiers:
        total += _IDENTIFIER_BONUS
    return total


def combined_score(q: PreparedRecord, c: PreparedRecord, names: _NameResult) -> float:
    """`_combine`'s score alone, without the explanation."""
    return _clip(_combine(q, c, names, False)[0])


def unclipped_score(q: PreparedRecord, c: PreparedRecord, name: float) -> float:
    """The score of a pair whose names agree as much as `name`, before it is clipped to
    0..1: of two pairs that both clip to 1.0, the one with more evidence has the higher."""
    return _combine(q, c, _NameResult(name, -1, -1), False)[0]


def _clip(total: float) -> float:
    return min(1.0, max(0.0, total))


def score_prepared(q: PreparedRecord, c: PreparedRecord, freq: FrequencyFn | None = None) -> Match:
    names = _best_names(q, c, PartMemo(freq))
    total, parts = _combine(q, c, names)
    total = _clip(total)
    if names.characters is not None:
        qh, ch = names.characters
        ndetail = f"names: the characters differ ('{qh}' ~ '{ch}'), {names.score:.2f}"
    elif names.qi >= 0:
        qs, cs = q.scripts[names.qi], c.scripts[names.ci]
        ndetail = (
            f"names: '{_display(q.names[names.qi])}' ~ '{_display(c.names[names.ci])}' "
            f"({qs}→{cs}), {names.score:.2f}"
        )
    else:
        ndetail = "names: nothing to compare"
    explanation = [FeatureScore("names", round(names.score, 4), round(names.score, 4), ndetail)]
    explanation.extend(
        FeatureScore(f, round(s, 4), round(w, 4), f"{f}: {why}") for f, s, w, why in parts
    )
    return Match(record_id=c.id, score=round(total, 4), explanation=tuple(explanation))


def score_pair(query: PreparedRecord, candidate: PreparedRecord) -> Match:
    """Score two prepared records in 0..1 with a per-feature explanation."""
    return score_prepared(query, candidate, None)
