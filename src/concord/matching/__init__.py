"""Cross-script person matching: normalise, transliterate, index, score, explain.

Pure Python, no I/O. Typical use::

    index = MatchIndex()
    index.add(PersonRecord(id="r1", names=("Ким Чен Ян",), birth_date="1961-10-30"))
    index.search(PersonRecord(id="q", names=("Kim Jong Yang",)))
"""

from concord.matching.index import MatchIndex
from concord.matching.keys import blocking_keys
from concord.matching.prepare import PreparedRecord, prepare
from concord.matching.records import FeatureScore, IdentifierRef, Match, PersonRecord
from concord.matching.scoring import DEFAULT_THRESHOLD, score_pair

__all__ = [
    "DEFAULT_THRESHOLD",
    "FeatureScore",
    "IdentifierRef",
    "Match",
    "MatchIndex",
    "PersonRecord",
    "PreparedRecord",
    "blocking_keys",
    "prepare",
    "score_pair",
]
