"""Generate a synthetic cross-script person-screening benchmark.

Writes records.jsonl, queries.jsonl and truth.csv in the format of
shared/bench/README.md. Deterministic for a given seed and size.

    python bench/screening/generate.py --records 1000 --queries 300 --out /tmp/bench1k

Queries are of three kinds:
- positive: the same person as one record, written differently (other script or
  romanisation, swapped order, dropped middle name, initials, typos, OCR look-alikes in the
  passport number, day/month swap, year off by one, year only);
- hard negative: a namesake of a record (same name, possibly respelt) born in another year,
  sometimes of another nationality: a different person;
- fresh: a person not in the records at all.

Records also contain planted namesakes (same name, other birth date) so that a positive
query has confusable candidates. ambiguous.txt lists the queries whose label what they show
cannot support: positive ones that another person's record fits at least as well as their
own, negative ones that a record fits (see _is_ambiguous).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import icu

# name_data.py sits beside this script, which runs as a script or is loaded by path (tests)
sys.path.insert(0, str(Path(__file__).resolve().parent))
import name_data as nd
import name_tails

# ---------------------------------------------------------------------------- transliteration

# Russian and Ukrainian passports since 2013/2010 romanise by ICAO 9303 rules, which ICU does
# not ship; they are short enough to state as ICU rules.
_ICAO_CYRILLIC_RULES = """
:: NFC;
Щ > Shch; щ > shch; Ж > Zh; ж > zh; Х > Kh; х > kh; Ц > Ts; ц > ts; Ч > Ch; ч > ch;
Ш > Sh; ш > sh; Ю > Iu; ю > iu; Я > Ia; я > ia; Ъ > Ie; ъ > ie; Є > Ie; є > ie;
Ї > I; ї > i; Ё > E; ё > e; Й > I; й > i; Ы > Y; ы > y; Э > E; э > e; Ь > ; ь > ;
Ғ > G; ғ > g; Қ > K; қ > k; Ң > N; ң > n; Ө > O; ө > o; Ұ > U; ұ > u; Ү > U; ү > u;
Һ > H; һ > h; Ә > A; ә > a; І > I; і > i; Ґ > G; ґ > g;
А > A; а > a; Б > B; б > b; В > V; в > v; Г > G; г > g; Д > D; д > d; Е > E; е > e;
З > Z; з > z; И > I; и > i; К > K; к > k; Л > L; л > l; М > M; м > m; Н > N; н > n;
О > O; о > o; П > P; п > p; Р > R; р > r; С > S; с > s; Т > T; т > t; У > U; у > u;
Ф > F; ф > f;
"""


@cache
def _translit(tid: str) -> Any:
    if tid == "ICAO-Cyrillic":
        return icu.Transliterator.createFromRules(
            tid, _ICAO_CYRILLIC_RULES, icu.UTransDirection.FORWARD
        )
    return icu.Transliterator.createInstance(tid)


def translit(text: str, *ids: str) -> str:
    for tid in ids:
        text = _translit(tid).transliterate(text)
    return text


def ascii_fold(text: str) -> str:
    return translit(text, "Latin-ASCII")


def _capitalise(text: str) -> str:
    # title-case each space/hyphen separated part but keep apostrophes inside words
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in text.split(" "))


def _uniq(items: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for item in items:
        item = item.strip()
        if item and item not in out:
            out.append(item)
    return tuple(out)


# ---------------------------------------------------------------------------- name tokens


@dataclass(frozen=True)
class Tok:
    """One name part: its native-script form(s) and Latin spellings (first = passport form)."""

    native: tuple[str, ...]
    latin: tuple[str, ...]


def _split_entries(spec: str) -> list[str]:
    return [e.strip() for e in spec.split(",") if e.strip()]


def _parse(entry: str) -> tuple[str, list[str]]:
    if "=" in entry:
        native, latins = entry.split("=", 1)
        return native.strip(), [v.strip() for v in latins.split("/")]
    return entry.strip(), []


def _cyr_tok(native: str, lang: str, extra: list[str] | None = None) -> Tok:
    bgn = {"ru": "Russian-Latin/BGN", "ua": "Ukrainian-Latin/BGN", "kz": "Kazakh-Latin/BGN"}[lang]
    forms = [*(extra or []), translit(native, "ICAO-Cyrillic"), ascii_fold(translit(native, bgn))]
    if lang != "kz":
        forms.append(ascii_fold(translit(native, "Cyrillic-Latin")))
    return Tok((native,), _uniq([_capitalise(f) for f in forms]))


def _feminine_ru(surname: str) -> str:
    if surname.endswith("ский"):
        return surname[:-4] + "ская"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname


def _kz_to_ru(text: str) -> str:
    # Kazakh letters as Russian-language documents write them
    return text.translate(str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ"))


def _latin_variants(spec: str) -> list[Tok]:
    out = []
    for entry in _split_entries(spec):
        forms = [v.strip() for v in entry.split("/")]
        forms.append(ascii_fold(forms[0]))
        out.append(Tok((), _uniq(forms)))
    return out


def _icu_script_tok(native: str, hand: list[str], tids: list[str]) -> Tok:
    forms = list(hand)
    for tid in tids:
        forms.append(
            _capitalise(ascii_fold(translit(native, tid)).replace("'", "").replace("’", ""))
        )
    return Tok((native,), _uniq(forms))


def _hand_tok(native: str, hand: list[str], native_alt: list[str] | None = None) -> Tok:
    forms = list(hand) + [ascii_fold(h) for h in hand]
    return Tok(_uniq([native, *(native_alt or [])]), _uniq(forms))


def _armenian_extra(latins: tuple[str, ...]) -> list[str]:
    # Western/diaspora spelling: -yan written -ian
    return [x[:-3] + "ian" for x in latins if x.endswith("yan")]


def _japanese_forms(hepburn: str) -> list[str]:
    plain = ascii_fold(hepburn).replace("'", "")
    long_ou = hepburn.replace("ō", "ou").replace("ū", "uu").replace("Ō", "Ou").replace("'", "")
    long_oh = hepburn.replace("ō", "oh").replace("ū", "u").replace("'", "")
    kunrei = plain
    for a, b in (
        ("sh", "s"),
        ("ch", "t"),
        ("ts", "t"),
        ("fu", "hu"),
        ("j", "z"),
        ("Sh", "S"),
        ("Ch", "T"),
        ("Ts", "T"),
        ("Fu", "Hu"),
        ("J", "Z"),
    ):
        kunrei = kunrei.replace(a, b)
    return [plain, long_ou, long_oh, kunrei]


@dataclass(frozen=True)
class Syllable:
    native: str
    forms: tuple[str, ...]


def _syllables(spec: str) -> list[Syllable]:
    return [Syllable(n, tuple(f)) for n, f in map(_parse, _split_entries(spec))]


def _compose_given(sylls: tuple[Syllable, ...], korean: bool) -> Tok:
    """A Korean or Chinese given name from syllables, with its usual Latin spellings."""
    native = "".join(s.native for s in sylls)
    forms: list[str] = []
    for i in range(len(sylls[0].forms)):
        parts = [s.forms[min(i, len(s.forms) - 1)] for s in sylls]
        hyphen = "-".join(parts).capitalize()
        joined = "".join(parts).replace("'", "").capitalize()
        spaced = " ".join(p.capitalize() for p in parts)
        forms += [hyphen, joined] if korean or i else [joined, hyphen]
        if korean and i == 0:
            forms.append(spaced)
    alt = [translit(native, "Simplified-Traditional")] if not korean else []
    return Tok(_uniq([native, *alt]), _uniq(forms))


# ---------------------------------------------------------------------------- countries


@dataclass
class Country:
    code: str
    weight: float
    male: list[Tok]
    female: list[Tok]
    surnames: list[tuple[Tok, Tok]]  # (masculine, feminine)
    family_first: bool = False  # native order is family name first (CJK)
    native_joined: bool = False  # native full name written without spaces (CJK)
    patronymic: dict[Tok, tuple[Tok, Tok]] = field(default_factory=dict)
    two_surnames: bool = False
    father_name: bool = False  # Arabic style: given + father's given + family
    korean_sylls: list[Syllable] = field(default_factory=list)
    chinese_sylls: list[Syllable] = field(default_factory=list)
    passport_prefix: str = "P"
    # the long tail of surnames (name_tails), drawn with probability tail_share
    tail: list[tuple[Tok, Tok]] = field(default_factory=list)


def _slavic(code: str, lang: str, male: str, female: str, surnames: str, weight: float) -> Country:
    patr: dict[Tok, tuple[Tok, Tok]] = {}
    males = []
    for entry in _split_entries(male):
        name, pm, pf = entry.split(":")
        tok = _cyr_tok(name, lang)
        males.append(tok)
        patr[tok] = (_cyr_tok(pm, lang), _cyr_tok(pf, lang))
    fem = [_cyr_tok(n, lang) for n in _split_entries(female)]
    sur = []
    for s in _split_entries(surnames):
        f = _feminine_ru(s) if lang == "ru" else (s[:-3] + "ська" if s.endswith("ський") else s)
        sur.append((_cyr_tok(s, lang), _cyr_tok(f, lang)))
    return Country(
        code, weight, males, fem, sur, patronymic=patr, passport_prefix={"ru": "7", "ua": "F"}[lang]
    )


def _kazakh() -> Country:
    males, patr = [], {}
    for entry in _split_entries(nd.KZ_MALE):
        native, hand = _parse(entry)
        tok = _cyr_tok(native, "kz", hand)
        # Russian-language documents respell Kazakh letters: Нұрсұлтан -> Нурсултан
        tok = Tok(_uniq([native, _kz_to_ru(native)]), tok.latin)
        males.append(tok)
        ru = _kz_to_ru(native)
        patr[tok] = (
            Tok(
                _uniq([ru + "ович", native + "ұлы"]),
                _uniq([_cyr_tok(ru + "ович", "ru").latin[0], tok.latin[0] + "uly"]),
            ),
            Tok(
                _uniq([ru + "овна", native + "қызы"]),
                _uniq([_cyr_tok(ru + "овна", "ru").latin[0], tok.latin[0] + "kyzy"]),
            ),
        )
    fem = []
    for entry in _split_entries(nd.KZ_FEMALE):
        native, hand = _parse(entry)
        t = _cyr_tok(native, "kz", hand)
        fem.append(Tok(_uniq([native, _kz_to_ru(native)]), t.latin))
    return Country(
        "kz", 6, males, fem, _kazakh_surnames(nd.KZ_SURNAMES), patronymic=patr, passport_prefix="N"
    )


def _kazakh_surnames(spec: str) -> list[tuple[Tok, Tok]]:
    sur = []
    for entry in _split_entries(spec):
        native, hand = _parse(entry)
        m = _cyr_tok(native, "kz", hand)
        m = Tok(_uniq([native, _kz_to_ru(native)]), m.latin)
        f = Tok(tuple(n + "а" for n in m.native), tuple(x + "a" for x in m.latin))
        sur.append((m, f))
    return sur


def _hand_country(
    code: str, weight: float, male: str, female: str, surnames: str, prefix: str, **kw: Any
) -> Country:
    def toks(spec: str) -> list[Tok]:
        return [_hand_tok(*_parse(e)) for e in _split_entries(spec)]

    sur = [(t, t) for t in toks(surnames)]
    return Country(code, weight, toks(male), toks(female), sur, passport_prefix=prefix, **kw)


def _icu_country(
    code: str,
    weight: float,
    male: str,
    female: str,
    surnames: str,
    tids: list[str],
    prefix: str,
    armenian: bool = False,
) -> Country:
    def tok(entry: str) -> Tok:
        native, hand = _parse(entry)
        t = _icu_script_tok(native, hand, tids)
        if armenian:
            t = Tok(t.native, _uniq([*t.latin, *_armenian_extra(t.latin)]))
        return t

    sur: list[tuple[Tok, Tok]] = []
    for entry in _split_entries(surnames):
        if "|" in entry:
            m, f = entry.split("|")
            sur.append((tok(m), tok(f)))
        else:
            sur.append((tok(entry), tok(entry)))
    return Country(
        code,
        weight,
        [tok(e) for e in _split_entries(male)],
        [tok(e) for e in _split_entries(female)],
        sur,
        passport_prefix=prefix,
    )


def _japan() -> Country:
    def toks(spec: str) -> list[Tok]:
        out = []
        for entry in _split_entries(spec):
            native, (hep,) = _parse(entry)
            out.append(
                Tok(
                    (native,), _uniq([ascii_fold(hep).replace("'", ""), hep, *_japanese_forms(hep)])
                )
            )
        return out

    sur = [(t, t) for t in toks(nd.JP_SURNAMES)]
    return Country(
        "jp",
        4,
        toks(nd.JP_MALE),
        toks(nd.JP_FEMALE),
        sur,
        family_first=True,
        native_joined=True,
        passport_prefix="T",
    )


def _latin_country(
    code: str, weight: float, male: str, female: str, surnames: str, prefix: str, **kw: Any
) -> Country:
    sur = [(t, t) for t in _latin_variants(surnames)]
    return Country(
        code,
        weight,
        _latin_variants(male),
        _latin_variants(female),
        sur,
        passport_prefix=prefix,
        **kw,
    )


_ICU_TIDS = {
    "ge": ["Georgian-Latin/BGN", "Georgian-Latin"],
    "am": ["Armenian-Latin/BGN", "Armenian-Latin"],
    "gr": ["Greek-Latin/UNGEGN", "Greek-Latin/BGN", "Greek-Latin"],
}


def _surnames(code: str, spec: str) -> list[tuple[Tok, Tok]]:
    """A list of surnames in `code`'s entry syntax, built as that country's head list is."""
    if code in ("ru", "ua"):
        return _slavic(code, code, "", "", spec, 0).surnames
    if code == "kz":
        return _kazakh_surnames(spec)
    if code in _ICU_TIDS:
        return _icu_country(code, 0, "", "", spec, _ICU_TIDS[code], "", code == "am").surnames
    if code in ("ae", "ir", "il", "in"):
        return _hand_country(code, 0, "", "", spec, "").surnames
    return [(t, t) for t in _latin_variants(spec)]


@cache
def countries() -> tuple[Country, ...]:
    ko_sur = [_hand_tok(*_parse(e)) for e in _split_entries(nd.KR_SURNAMES)]
    cn_sur = []
    for e in _split_entries(nd.CN_SURNAMES):
        native, hand = _parse(e)
        cn_sur.append(_hand_tok(native, hand, [translit(native, "Simplified-Traditional")]))
    out = [
        _slavic("ru", "ru", nd.RU_MALE, nd.RU_FEMALE, nd.RU_SURNAMES, 12),
        _slavic("ua", "ua", nd.UA_MALE, nd.UA_FEMALE, nd.UA_SURNAMES, 6),
        _kazakh(),
        Country(
            "kr",
            5,
            [],
            [],
            [(t, t) for t in ko_sur],
            family_first=True,
            native_joined=True,
            korean_sylls=_syllables(nd.KR_SYLLABLES),
            passport_prefix="M",
        ),
        Country(
            "cn",
            8,
            [],
            [],
            [(t, t) for t in cn_sur],
            family_first=True,
            native_joined=True,
            chinese_sylls=_syllables(nd.CN_SYLLABLES),
            passport_prefix="E",
        ),
        _japan(),
        _hand_country("ae", 5, nd.AE_MALE, nd.AE_FEMALE, nd.AE_SURNAMES, "A", father_name=True),
        _hand_country("ir", 5, nd.IR_MALE, nd.IR_FEMALE, nd.IR_SURNAMES, "K"),
        _hand_country("il", 3, nd.IL_MALE, nd.IL_FEMALE, nd.IL_SURNAMES, "3"),
        _hand_country("in", 8, nd.IN_MALE, nd.IN_FEMALE, nd.IN_SURNAMES, "Z"),
        _icu_country("ge", 3, nd.GE_MALE, nd.GE_FEMALE, nd.GE_SURNAMES, _ICU_TIDS["ge"], "1"),
        _icu_country(
            "am", 3, nd.AM_MALE, nd.AM_FEMALE, nd.AM_SURNAMES, _ICU_TIDS["am"], "A", armenian=True
        ),
        _icu_country("gr", 3, nd.GR_MALE, nd.GR_FEMALE, nd.GR_SURNAMES, _ICU_TIDS["gr"], "A"),
        _latin_country("tr", 6, nd.TR_MALE, nd.TR_FEMALE, nd.TR_SURNAMES, "U"),
        _latin_country("rw", 3, nd.RW_MALE, nd.RW_FEMALE, nd.RW_SURNAMES, "PC", family_first=True),
    ]
    for code, (m, f, s) in nd.WE.items():
        out.append(_latin_country(code, 2, m, f, s, "C"))
    for code, (m, f, s) in nd.LATAM.items():
        out.append(_latin_country(code, 3, m, f, s, "G", two_surnames=True))
    tails = name_tails.tails()
    for country in out:
        spec = tails.get(country.code)
        if spec:
            country.tail = _surnames(country.code, spec)
    return tuple(out)


# ---------------------------------------------------------------------------- persons


@dataclass
class Person:
    country: Country
    gender: str
    given: list[Tok]
    surnames: list[Tok]
    middle: Tok | None  # patronymic or father's name
    birth: tuple[int, int, int]
    passport: str | None
    nationalities: list[str]

    def key(self) -> tuple[str, ...]:
        # what makes two generated persons namesakes (first Latin spelling of each part)
        return (
            self.country.code,
            *(t.latin[0] for t in self.given),
            *(t.latin[0] for t in self.surnames),
        )


_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def _passport(rng: random.Random, prefix: str) -> str:
    if prefix.isdigit():
        return prefix + "".join(rng.choice("0123456789") for _ in range(8))
    tail = "".join(rng.choice("0123456789") for _ in range(8 - len(prefix) + 1))
    return prefix + tail


def _birth(rng: random.Random, year: int | None = None) -> tuple[int, int, int]:
    y = year if year is not None else rng.randint(1945, 2006)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28 if m == 2 else 30)
    return (y, m, d)


def _pick_country(rng: random.Random) -> Country:
    cs = countries()
    return rng.choices(cs, weights=[c.weight for c in cs])[0]


# Share of people whose surname is drawn from the long tail (name_tails) rather than from the
# few dozen common names of name_data. 0 by default: the benchmark's sets (t20k, t100k, t1m,
# b1m) are those of the first sessions; `--tail-share 0.7` makes the sparser "u" sets
# (docs/benchmarks/screening.md).
TAIL_SHARE = 0.0


def _pick_surname(rng: random.Random, c: Country, tail_share: float) -> tuple[Tok, Tok]:
    # with no tail share no number is drawn: the sets of tail_share 0 are those made before
    # the tails existed, byte for byte
    if c.tail and tail_share and rng.random() < tail_share:
        return rng.choice(c.tail)
    return rng.choice(c.surnames)


def new_person(
    rng: random.Random, country: Country | None = None, tail_share: float = 0.0
) -> Person:
    c = country or _pick_country(rng)
    gender = rng.choice(("male", "female"))
    middle = None
    if c.korean_sylls:
        given = [_given_from_syllables(rng, c.korean_sylls, korean=True, n=2)]
    elif c.chinese_sylls:
        given = [_given_from_syllables(rng, c.chinese_sylls, korean=False, n=rng.choice((1, 2, 2)))]
    else:
        pool = c.male if gender == "male" else c.female
        given = [rng.choice(pool)]
        if c.code in ("br", "mx", "gb", "de", "it") and rng.random() < 0.15:
            second = rng.choice(pool)
            if second != given[0]:
                given.append(second)
    if c.patronymic:
        father = rng.choice(list(c.patronymic))
        middle = c.patronymic[father][0 if gender == "male" else 1]
    elif c.father_name or (c.code == "in" and rng.random() < 0.2):
        middle = rng.choice(c.male)
    sur_pair = _pick_surname(rng, c, tail_share)
    surnames = [sur_pair[0] if gender == "male" else sur_pair[1]]
    if c.two_surnames:
        second_pair = _pick_surname(rng, c, tail_share)
        if second_pair is not sur_pair:
            surnames.append(second_pair[0] if gender == "male" else second_pair[1])
    nats = [c.code]
    r = rng.random()
    if r < 0.04:
        nats.append(rng.choice(countries()).code)
    passport = _passport(rng, c.passport_prefix) if rng.random() < 0.4 else None
    return Person(c, gender, given, surnames, middle, _birth(rng), passport, list(_uniq(nats)))


@cache
def _given_cache(sylls: tuple[Syllable, ...], korean: bool) -> Tok:
    return _compose_given(sylls, korean)


def _given_from_syllables(rng: random.Random, pool: list[Syllable], korean: bool, n: int) -> Tok:
    picked = tuple(rng.sample(pool, n))
    return _given_cache(picked, korean)


# ---------------------------------------------------------------------------- rendering


@dataclass
class Style:
    script: str  # "native" or "latin"
    variant: int = 0  # which spelling of each part (clamped)
    reverse: bool = False  # write in the other order than the country's usual one
    drop_middle: bool = False
    drop_second_surname: bool = False
    initials: bool = False
    upper: bool = False
    hyphen: str | None = None  # "join" | "space" | None
    native_spaced: bool = False  # CJK native written with a space between family and given


def _form(tok: Tok, style: Style) -> str:
    if style.script == "native" and tok.native:
        return tok.native[min(style.variant, len(tok.native) - 1)]
    return tok.latin[min(style.variant, len(tok.latin) - 1)]


def render(p: Person, style: Style) -> str:
    c = p.country
    native = style.script == "native" and bool(p.given[0].native)
    given = [_form(t, style) for t in p.given]
    surnames = [_form(t, style) for t in p.surnames]
    if style.drop_second_surname and len(surnames) > 1:
        surnames = surnames[:1]
    middle = None if (p.middle is None or style.drop_middle) else _form(p.middle, style)
    if style.initials and not native:
        given = [g[0] + "." for g in given]
        middle = middle[0] + "." if middle else None
    if style.hyphen == "join":
        given = [g.replace("-", "") for g in given]
    elif style.hyphen == "space":
        given = [" ".join(p[:1].upper() + p[1:] for p in g.split("-")) for g in given]
    if c.family_first:
        parts = [*surnames, *given] if not style.reverse else [*given, *surnames]
        if native and c.native_joined and not style.native_spaced:
            return "".join(parts)
        text = " ".join(parts)
    else:
        first = [*given, *([middle] if middle else [])]
        # Russian-language lists put the surname first: "Иванов Иван Иванович"
        parts = [*surnames, *first] if style.reverse else [*first, *surnames]
        text = " ".join(parts)
    if native and c.native_joined:
        return text
    return text.upper() if style.upper else text


def _date(b: tuple[int, int, int], precision: str) -> str | None:
    y, m, d = b
    if precision == "none":
        return None
    if precision == "year":
        return f"{y:04d}"
    if precision == "month":
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _record_precision(rng: random.Random) -> str:
    return rng.choices(("full", "month", "year", "none"), weights=(80, 6, 9, 5))[0]


def record_json(rid: str, p: Person, rng: random.Random) -> dict[str, Any]:
    has_native = bool(p.given[0].native)
    names: list[str] = []
    if has_native:
        r = rng.random()
        usual = Style(
            "native",
            native_spaced=rng.random() < 0.3,
            reverse=p.country.patronymic != {} and rng.random() < 0.5,
        )
        passport = Style("latin", upper=rng.random() < 0.5)
        if r < 0.55:
            names = [render(p, usual), render(p, passport)]
        elif r < 0.8:
            names = [render(p, usual)]
        else:
            names = [render(p, passport)]
    else:
        names = [render(p, Style("latin", upper=rng.random() < 0.2))]
    obj: dict[str, Any] = {"id": rid, "names": list(_uniq(names))}
    bd = _date(p.birth, _record_precision(rng))
    if bd:
        obj["birth_date"] = bd
    if rng.random() < 0.93:
        obj["nationality"] = p.nationalities
    if rng.random() < 0.85:
        obj["gender"] = p.gender
    if p.passport:
        obj["identifiers"] = [{"type": "passport", "value": p.passport, "country": p.country.code}]
    return obj


# ---------------------------------------------------------------------------- query variants

_OCR = {
    "0": "O",
    "O": "0",
    "1": "I",
    "I": "1",
    "5": "S",
    "S": "5",
    "8": "B",
    "B": "8",
    "2": "Z",
    "Z": "2",
}
_KEYBOARD_NEAR = "qwertyuiopasdfghjklzxcvbnm"


def _typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    pos = rng.randint(1, len(w) - 2)
    op = rng.choice(("sub", "del", "swap", "dup"))
    if op == "sub":
        ch = rng.choice(_KEYBOARD_NEAR)
        w = w[:pos] + (ch.upper() if w[pos].isupper() else ch) + w[pos + 1 :]
    elif op == "del":
        w = w[:pos] + w[pos + 1 :]
    elif op == "swap":
        w = w[:pos] + w[pos + 1] + w[pos] + w[pos + 2 :]
    else:
        w = w[:pos] + w[pos] + w[pos:]
    words[i] = w
    return " ".join(words)


def _ocr(rng: random.Random, value: str) -> str:
    idx = [i for i, ch in enumerate(value) if ch in _OCR]
    if not idx:
        return value
    i = rng.choice(idx)
    return value[:i] + _OCR[value[i]] + value[i + 1 :]


def _variant_style(rng: random.Random, p: Person, record_names: list[str]) -> Style:
    has_native = bool(p.given[0].native)
    rec_is_native = any(not n.isascii() for n in record_names) and has_native
    rec_has_latin = any(n.isascii() for n in record_names)
    # prefer the other script than the record shows: the cross-script case
    if has_native and rec_is_native and not rec_has_latin:
        script = "latin"
    elif has_native and not rec_is_native:
        script = "native" if rng.random() < 0.6 else "latin"
    else:
        script = rng.choice(("native", "latin")) if has_native else "latin"
    return Style(
        script,
        variant=rng.choice((0, 1, 1, 2, 3)),
        reverse=rng.random() < 0.3,
        drop_middle=rng.random() < 0.35,
        drop_second_surname=rng.random() < 0.4,
        initials=rng.random() < 0.02,
        upper=rng.random() < 0.3,
        hyphen=rng.choice((None, None, "join", "space")),
        native_spaced=rng.random() < 0.4,
    )


def _query_birth(rng: random.Random, b: tuple[int, int, int]) -> str | None:
    y, m, d = b
    r = rng.random()
    if r < 0.55:
        return _date(b, "full")
    if r < 0.65 and d <= 12 and d != m:
        return _date((y, d, m), "full")  # day and month swapped
    if r < 0.73:
        return _date((y + rng.choice((-1, 1)), m, d), "full")  # year off by one
    if r < 0.83:
        return _date(b, "year")
    if r < 0.90:
        return None
    if r < 0.95:
        return _date((y, m, min(28, max(1, d + rng.choice((-1, 1, 10, -10))))), "full")  # day typo
    return _date(b, "month")


def positive_query(
    qid: str, p: Person, record: dict[str, Any], rng: random.Random
) -> dict[str, Any]:
    return positive_query_styled(qid, p, record, rng)[0]


def positive_query_styled(
    qid: str, p: Person, record: dict[str, Any], rng: random.Random
) -> tuple[dict[str, Any], Style]:
    """A positive query and the style it was written in (what parts of the name it shows)."""
    style = _variant_style(rng, p, record["names"])
    name = render(p, style)
    if rng.random() < 0.15 and name.isascii() and not style.initials:
        name = _typo(rng, name)
    obj: dict[str, Any] = {"id": qid, "names": [name]}
    bd = _query_birth(rng, p.birth)
    if bd:
        obj["birth_date"] = bd
    r = rng.random()
    if r < 0.8:
        obj["nationality"] = p.nationalities[:1]
    elif r < 0.83:
        obj["nationality"] = [rng.choice(countries()).code]
    if rng.random() < 0.7:
        obj["gender"] = p.gender
    if p.passport and rng.random() < 0.5:
        value = _ocr(rng, p.passport) if rng.random() < 0.3 else p.passport
        obj["identifiers"] = [{"type": "passport", "value": value, "country": p.country.code}]
    return obj, style


# ---------------------------------------------------------------------------- ambiguity

# A positive query is ambiguous when what it shows fits another person's record at least as
# well as the true one: the same name as far as the query writes it, a birth date that agrees
# on at least as many of year, month and day (or that a missing date cannot rule out), and as
# much agreement on gender, nationality and passport number, with no gender or passport
# number of its own that the query contradicts. No matcher can single out the true record
# then; run.py reports accuracy with and without these queries.

_Shown = tuple[int, ...]


def _shown_date(value: str | None) -> _Shown | None:
    return tuple(int(x) for x in value.split("-")) if value else None


def _date_fit(query: _Shown | None, record: _Shown | None) -> int | None:
    """How many date components both show and agree on; None if one of them differs."""
    if query is None or record is None:
        return 0
    both = min(len(query), len(record))
    if query[:both] != record[:both]:
        return None
    return both


@dataclass(frozen=True, slots=True)
class _Written:
    """What a record shows of its person, for the ambiguity check."""

    rid: str
    middle: str | None
    second_surname: str | None
    birth: _Shown | None
    gender: str | None = None
    passport: str | None = None
    nationalities: frozenset[str] = frozenset()


def _name_key(p: Person) -> tuple[str, ...]:
    # given names and the first surname: what every variant of a name keeps
    return (*(t.latin[0] for t in p.given), p.surnames[0].latin[0])


def _ocr_fold(value: str) -> str:
    # a passport number read with look-alikes (0/O, 1/I, ...) is still the same number
    return "".join(min(c, _OCR.get(c, c)) for c in value.upper())


def _evidence(query: dict[str, Any], record: _Written) -> int | None:
    """How many of gender, nationality and passport number the query and the record both show
    and agree on; None if the record shows another gender or another passport number than the
    query (a nationality may be wrong in a query, so it only ever counts for)."""
    agree = 0
    gender = query.get("gender")
    if gender and record.gender:
        if gender != record.gender:
            return None
        agree += 1
    if record.nationalities & set(query.get("nationality") or ()):
        agree += 1
    ids = query.get("identifiers")
    if ids and record.passport:
        if _ocr_fold(ids[0]["value"]) != _ocr_fold(record.passport):
            return None
        agree += 1
    return agree


def _fits(
    p: Person, style: Style, query: dict[str, Any], shown: _Shown | None, record: _Written
) -> int | None:
    """How well a record fits what a query of person `p` written in `style` shows: None
    if a name part the query shows, a date component, the gender or the passport number
    differs, else the agreeing date components and other particulars."""
    middle = None if style.drop_middle or p.middle is None else p.middle.latin[0]
    second = None if style.drop_second_surname or len(p.surnames) < 2 else p.surnames[1].latin[0]
    if middle is not None and record.middle not in (None, middle):
        return None
    if second is not None and record.second_surname not in (None, second):
        return None
    date = _date_fit(shown, record.birth)
    evidence = _evidence(query, record)
    return None if date is None or evidence is None else date + evidence


def _is_ambiguous(
    p: Person, style: Style, query: dict[str, Any], true_rid: str | None, written: list[_Written]
) -> bool:
    """A positive query (`true_rid` its record) that another record fits at least as well,
    or a negative one (`true_rid` None) that some record fits: what the query shows cannot
    tell them apart (a negative Natalia Zapata of 1972 whose second surname the query
    leaves out is, on paper, the record Natalia Zapata García of 1972). A true record whose
    date the query gives with a slip (day and month swapped, a year off) agrees on no date
    component but keeps its other particulars."""
    shown = _shown_date(query.get("birth_date"))
    true_fit = 0
    for w in written:
        if w.rid == true_rid:
            evidence = _evidence(query, w)
            true_fit = (_date_fit(shown, w.birth) or 0) + (evidence or 0)
    for other in written:
        if other.rid == true_rid:
            continue
        fit = _fits(p, style, query, shown, other)
        if fit is not None and fit >= true_fit:
            return True
    return False


def namesake(rng: random.Random, p: Person, min_gap: int = 3) -> Person:
    """Same name, another person: born at least min_gap years apart, own passport."""
    while True:
        year = rng.randint(1945, 2006)
        if abs(year - p.birth[0]) >= min_gap:
            break
    nats = list(p.nationalities)
    if rng.random() < 0.3:
        nats = [rng.choice(countries()).code]
    passport = _passport(rng, p.country.passport_prefix) if rng.random() < 0.3 else None
    return Person(
        p.country, p.gender, p.given, p.surnames, p.middle, _birth(rng, year), passport, nats
    )


def negative_query(qid: str, p: Person, rng: random.Random) -> dict[str, Any]:
    return negative_query_styled(qid, p, rng)[0]


def negative_query_styled(qid: str, p: Person, rng: random.Random) -> tuple[dict[str, Any], Style]:
    style = _variant_style(rng, p, [])
    obj: dict[str, Any] = {
        "id": qid,
        "names": [render(p, style)],
        "birth_date": _date(p.birth, "full"),
    }
    obj["nationality"] = p.nationalities[:1]
    if rng.random() < 0.7:
        obj["gender"] = p.gender
    if p.passport and rng.random() < 0.5:
        obj["identifiers"] = [{"type": "passport", "value": p.passport, "country": p.country.code}]
    return obj, style


# ---------------------------------------------------------------------------- driver


def generate(
    n_records: int,
    n_queries: int,
    out: Path,
    seed: int = 42,
    positive_share: float = 0.7,
    hard_negative_share: float = 0.15,
    namesake_share: float = 0.05,
    tail_share: float = TAIL_SHARE,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Write records.jsonl, queries.jsonl, truth.csv under out; return counts by kind."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    n_pos = int(n_queries * positive_share)
    n_hard = int(n_queries * hard_negative_share)
    n_fresh = n_queries - n_pos - n_hard
    # which records get a positive query: sample indices up front, streaming the rest
    pos_idx = set(rng.sample(range(n_records), min(n_pos, n_records)))
    hard_idx = set(rng.sample(range(n_records), min(n_hard, n_records)))
    # (name key, birth year) of every record, to keep negatives truly unmatched
    taken: dict[tuple[str, ...], set[int | None]] = {}
    planted_pos: list[tuple[Person, dict[str, Any], str]] = []
    # what each record shows, by name: to tell which positive queries are ambiguous
    written: dict[tuple[str, ...], list[_Written]] = {}
    planted_hard: list[Person] = []
    prev: Person | None = None
    with (out / "records.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n_records):
            if prev is not None and rng.random() < namesake_share:
                p = namesake(rng, prev, min_gap=1)
            else:
                p = new_person(rng, tail_share=tail_share)
            rid = f"r{i}"
            rec = record_json(rid, p, rng)
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            # What the record shows, not the hidden person: an undated record cannot be told
            # apart from any namesake, so it rules out every year for the negatives.
            shown = int(rec["birth_date"][:4]) if "birth_date" in rec else None
            taken.setdefault(p.key(), set()).add(shown)
            written.setdefault(_name_key(p), []).append(
                _Written(
                    rid,
                    p.middle.latin[0] if p.middle else None,
                    p.surnames[1].latin[0] if len(p.surnames) > 1 else None,
                    _shown_date(rec.get("birth_date")),
                    rec.get("gender"),
                    p.passport,
                    frozenset(rec.get("nationality") or ()),
                )
            )
            if i in pos_idx:
                planted_pos.append((p, rec, rid))
            if i in hard_idx:
                planted_hard.append(p)
            prev = p
            if progress and i % 100_000 == 0:
                progress("records", i)

    def clashes(p: Person) -> bool:
        years = taken.get(p.key(), set())
        return any(y is None or abs(y - p.birth[0]) <= 2 for y in years)

    queries: list[tuple[dict[str, Any], str | None]] = []
    ambiguous: set[int] = set()  # ids of the query objects
    for p, rec, rid in planted_pos:
        query, style = positive_query_styled("", p, rec, rng)
        if _is_ambiguous(p, style, query, rid, written[_name_key(p)]):
            ambiguous.add(id(query))
        queries.append((query, rid))

    def add_negative(p: Person) -> None:
        query, style = negative_query_styled("", p, rng)
        if _is_ambiguous(p, style, query, None, written.get(_name_key(p), [])):
            ambiguous.add(id(query))
        queries.append((query, None))

    for p in planted_hard:
        for _ in range(20):
            ns = namesake(rng, p)
            if not clashes(ns):
                add_negative(ns)
                break
    while len(queries) < n_pos + n_hard + n_fresh:
        p = new_person(rng, tail_share=tail_share)
        if not clashes(p):
            add_negative(p)
    rng.shuffle(queries)
    counts = {"records": n_records, "positive": 0, "ambiguous": 0, "negative": 0}
    with (
        (out / "queries.jsonl").open("w", encoding="utf-8") as qf,
        (out / "truth.csv").open("w", newline="", encoding="utf-8") as tf,
        (out / "ambiguous.txt").open("w", encoding="utf-8") as af,
    ):
        writer = csv.writer(tf)
        writer.writerow(["query_id", "record_id"])
        for n, (q, true_id) in enumerate(queries):
            q["id"] = f"q{n}"
            qf.write(json.dumps(q, ensure_ascii=False) + "\n")
            if true_id is not None:
                writer.writerow([q["id"], true_id])
                counts["positive"] += 1
            else:
                counts["negative"] += 1
            if id(q) in ambiguous:
                af.write(q["id"] + "\n")
                counts["ambiguous"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=None, help="default: records / 5, at most 10000")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--positive-share", type=float, default=0.7)
    ap.add_argument("--hard-negative-share", type=float, default=0.15)
    ap.add_argument(
        "--tail-share",
        type=float,
        default=TAIL_SHARE,
        help="share of people whose surname comes from name_tails rather than the common "
        "names of name_data (default 0: the sets of the first sessions)",
    )
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    n_queries = args.queries if args.queries is not None else min(10_000, max(1, args.records // 5))
    counts = generate(
        args.records,
        n_queries,
        args.out,
        args.seed,
        args.positive_share,
        args.hard_negative_share,
        tail_share=args.tail_share,
        progress=lambda kind, n: print(f"{kind}: {n}", file=sys.stderr),
    )
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
