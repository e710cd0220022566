"""Neutrality screening of notices and diffusions (INTERPOL Constitution, article 3).

The organisation must not act in matters of a political, military, religious or racial
character. This check does not decide anything: it finds wording that suggests such a matter
and gives the reason, so that the General Secretariat reviews the item before it goes out.
Patterns cover English and Russian (with Russian word stems, since offences are inflected), plus
a few Kazakh and Turkish terms seen in the demo countries.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Character(StrEnum):
    POLITICAL = "political"
    MILITARY = "military"
    RELIGIOUS = "religious"
    RACIAL = "racial"
    SUBJECT = "subject"  # who the person is, rather than what they did


@dataclass(frozen=True, slots=True)
class Concern:
    character: Character
    reason: str
    field: str
    matched: str

    def message(self) -> str:
        return f"{self.reason} ('{self.matched}' in {self.field})"


_W = r"[\w-]*"  # the rest of an inflected word

_RULES: list[tuple[Character, str, str]] = [
    # Political
    (
        Character.POLITICAL,
        "Insulting the head of state is a political offence",
        r"\binsult\w*\s+(?:to\s+|of\s+|against\s+)?(?:the\s+)?(?:president|head\s+of\s+state|"
        r"monarch|king|queen|sovereign|leader)",
    ),
    (Character.POLITICAL, "Lèse-majesté is a political offence", r"\bl[eè]se[- ]majest"),
    (
        Character.POLITICAL,
        "Insulting the head of state is a political offence",
        rf"\bоскорблени{_W}\s+(?:{_W}\s+)?(?:президент|глав{_W}\s+государств|"
        rf"государ{_W}|монарх)",
    ),
    (
        Character.POLITICAL,
        "Insulting the head of state is a political offence",
        r"\bcumhurbaşkanına\s+hakaret",
    ),
    (
        Character.POLITICAL,
        "Membership of an opposition group is political",
        r"\b(?:membership|member)\s+(?:of|in)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?"
        r"(?:opposition|political\s+party|banned\s+party)",
    ),
    (
        Character.POLITICAL,
        "Opposition activity is political",
        r"\bopposition\s+(?:party|group|movement|leader)",
    ),
    (Character.POLITICAL, "Opposition activity is political", rf"\bоппозици{_W}"),
    (Character.POLITICAL, "Opposition activity is political", r"\bmuhalefet"),
    (
        Character.POLITICAL,
        "Taking part in a protest or rally is political",
        r"\b(?:unauthori[sz]ed|unsanctioned|illegal)\s+(?:protest|rally|demonstration|assembly)",
    ),
    (
        Character.POLITICAL,
        "Taking part in a protest or rally is political",
        rf"\b(?:несанкционированн{_W}|незаконн{_W})\s+(?:митинг|шестви|собрани|демонстраци|"
        rf"публичн{_W}\s+мероприяти)",
    ),
    (Character.POLITICAL, "Sedition and subversion charges are often political", r"\bsedition\b"),
    (
        Character.POLITICAL,
        "Calls to change the constitutional order are often political",
        rf"\bпризыв{_W}\s+к\s+(?:насильственному\s+)?изменени{_W}\s+конституционн",
    ),
    (
        Character.POLITICAL,
        "Spreading 'false information' about the authorities is often political",
        rf"\b(?:discredit{_W}\s+(?:the\s+)?(?:army|armed\s+forces|authorities)|"
        rf"дискредитаци{_W}|заведомо\s+ложн{_W}\s+информаци)",
    ),
    # Military
    (Character.MILITARY, "Desertion is a military offence", r"\bdesert(?:ion|ers?|ed|ing)\b"),
    (Character.MILITARY, "Desertion is a military offence", rf"\bдезертир{_W}"),
    (Character.MILITARY, "Desertion is a military offence", r"\bfirar\b|\bаскерден\s+қаш"),
    (
        Character.MILITARY,
        "Evading military service is a military offence",
        r"\b(?:draft|conscription|military\s+service)\s+evasion|"
        r"\bevad\w*\s+(?:the\s+)?(?:draft|conscription|military\s+service)",
    ),
    (
        Character.MILITARY,
        "Evading military service is a military offence",
        rf"\bуклонени{_W}\s+от\s+(?:призыв|военн{_W}\s+служб|мобилизаци)",
    ),
    (
        Character.MILITARY,
        "Refusing orders is a military offence",
        r"\b(?:insubordination|mutiny|refus\w*\s+(?:an?\s+)?order)|\bнеисполнени\w*\s+приказ",
    ),
    # Religious
    (Character.RELIGIOUS, "Blasphemy is a religious offence", r"\bblasphem"),
    (Character.RELIGIOUS, "Apostasy is a religious offence", r"\bapostas"),
    (Character.RELIGIOUS, "Blasphemy is a religious offence", rf"\b(?:богохульств|кощунств){_W}"),
    (
        Character.RELIGIOUS,
        "Offending religious feelings is a religious offence",
        rf"\b(?:оскорблени{_W}\s+(?:религиозн{_W}\s+)?чувств\s+верующ|"
        r"insult\w*\s+(?:to\s+)?religio\w*|offend\w*\s+religious\s+feelings)",
    ),
    (
        Character.RELIGIOUS,
        "Membership of a religious organisation is religious",
        rf"\b(?:religious\s+(?:sect|organi[sz]ation|community)|религиозн{_W}\s+(?:организаци|"
        rf"объединени|сект))",
    ),
    # Racial
    (
        Character.RACIAL,
        "Ethnic or racial grounds suggest a racial matter",
        r"\b(?:because\s+of|on\s+account\s+of)\s+(?:his|her|their)\s+(?:race|ethnicity|ethnic\s+origin)",
    ),
    # Who the subject is
    (Character.SUBJECT, "The subject is a journalist", r"\bjournalist|\bжурналист"),
    (Character.SUBJECT, "The subject is an activist", r"\bactivist|\bактивист"),
    (
        Character.SUBJECT,
        "The subject is a human rights defender",
        r"\bhuman\s+rights\s+defender|\bправозащитн",
    ),
    (
        Character.SUBJECT,
        "The subject may be a refugee sought by the country they fled",
        r"\brefugee|\basylum|\bбеженц|\bбеженк|\bубежищ",
    ),
    (
        Character.SUBJECT,
        "The subject is a politician or opposition figure",
        r"\bpolitical\s+(?:opponent|prisoner|dissident)|\bdissident|\bдиссидент|\bполитзаключ",
    ),
]

_COMPILED = [(c, reason, re.compile(p, re.IGNORECASE)) for c, reason, p in _RULES]


def _fold(text: str) -> str:
    # NFKC then case fold, so that 'ДЕЗЕРТИРСТВО' and full-width forms match; ё reads as е.
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


def check(fields: dict[str, str | None]) -> list[Concern]:
    """Concerns found in the given fields (name -> text), one per reason and field."""
    found: list[Concern] = []
    seen: set[tuple[str, str]] = set()
    for field, raw in fields.items():
        if not raw:
            continue
        text = _fold(raw)
        for character, reason, pattern in _COMPILED:
            m = pattern.search(text)
            if m is None or (reason, field) in seen:
                continue
            seen.add((reason, field))
            found.append(Concern(character, reason, field, m.group(0).strip()))
    return found


def reasons(concerns: list[Concern]) -> list[str]:
    return [c.message() for c in concerns]


def notes(concerns: list[Concern], at: str) -> list[dict[str, str]]:
    """Review notes for a held notice, in the shape reviewers' notes take."""
    return [
        {
            "by": "neutrality check",
            "status": "under_review",
            "character": c.character.value,
            "note": c.message(),
            "at": at,
        }
        for c in concerns
    ]
