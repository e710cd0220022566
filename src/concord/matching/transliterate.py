"""Turn a raw name in any supported script into romanised name parts.

A romanised name is a tuple of parts; each part is a tuple of alternative ASCII spellings
("forms"), one per romanisation convention (ICAO 9303, BGN/PCGN, ICU's defaults, RR/MR for
Korean, pinyin/Wade-Giles for Chinese). Several names come back when conventions disagree
on how many parts there are (Korean and Chinese given names written joined or split).
"""

from __future__ import annotations

import functools
import re
import sys

import icu

from concord.matching import cjk
from concord.matching.hebrew import hebrew_forms
from concord.matching.icao import icao_cyrillic, icao_latin
from concord.matching.text import (
    clean,
    dominant_script,
    drop_particles,
    drop_titles,
    split_parts,
)

Part = tuple[str, ...]
RomanName = tuple[Part, ...]

_NON_ASCII_LETTER = re.compile(r"[^a-z0-9]+")
_J_AFTER_VOWEL = re.compile(r"([aeiouy])j(?![aeiou])")
_ARTICLE_HYPHEN = re.compile(r"\b(?:al|el|ul)-")
_KAZAKH_LETTERS = frozenset("әғқңөұүһ")
_UKRAINIAN_LETTERS = frozenset("ієїґ")
_PERSIAN_LETTERS = frozenset("پچژگکی")

# Transforms per script; every chain ends in ASCII. Order matters only for display: the first
# form of a part is the one shown in explanations.
_CHAINS: dict[str, tuple[str, ...]] = {
    "GREEK": (
        "Greek-Latin/UNGEGN; Latin-ASCII", "Greek-Latin; Latin-ASCII",
        "Greek-Latin/BGN; Latin-ASCII",
    ),
    "GEORGIAN": ("Georgian-Latin; Latin-ASCII", "Georgian-Latin/BGN; Latin-ASCII"),
    "ARMENIAN": ("Armenian-Latin; Latin-ASCII", "Armenian-Latin/BGN; Latin-ASCII"),
    "ARABIC": ("Arabic-Latin; Latin-ASCII", "Arabic-Latin/BGN; Any-Latin; Latin-ASCII"),
    "PERSIAN": (
        "Persian-Latin/BGN; Any-Latin; Latin-ASCII", "Arabic-Latin; Latin-ASCII",
    ),
    "HEBREW": ("Hebrew-Latin; Latin-ASCII", "Hebrew-Latin/BGN; Any-Latin; Latin-ASCII"),
    # (and ISO 9, which library catalogues and scholarly papers use, often without its
    # diacritics: Černyševa as Cernyseva; ICU's has no Kazakh letters)
    "RUSSIAN": ("Russian-Latin/BGN; Latin-ASCII", "Cyrillic-Latin; Latin-ASCII"),
    "UKRAINIAN": ("Ukrainian-Latin/BGN; Latin-ASCII", "Cyrillic-Latin; Latin-ASCII"),
    "KAZAKH": ("Kazakh-Latin/BGN; Latin-ASCII",),
    "LATIN": ("Latin-ASCII",),
    "OTHER": ("Any-Latin; Latin-ASCII",),
}  # fmt: skip


@functools.lru_cache(maxsize=64)
def _transliterator(chain: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(chain)


def _ascii(text: str) -> str:
    return sys.intern(_NON_ASCII_LETTER.sub("", text.lower()))


def _arabic_pre(word: str, drop_article: bool = True) -> str:
    # The article "al-" is glued to the word in Arabic script; it is dropped in Latin too.
    if drop_article and len(word) > 4 and word.startswith("ال"):
        word = word[2:]
    # Initial ayn carries the vowel that Latin spellings write (Ali, Abd).
    if word.startswith("ع"):
        word = "ا" + word[1:]
    # Final ta marbuta is a vowel in names (Latifa, Fatima): ICU writes it t or h.
    if len(word) > 2 and word.endswith("ة"):
        word = word[:-1]
    return word


# Patronymic endings (Russian, Ukrainian, Belarusian, Kazakh, Kyrgyz, Azerbaijani, Turkic) and
# the sex they mark: a Kazakh passport writes Nurlanuly where a Russian one writes Nurlanovich.
_PATRONYMIC_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ovich", "m"), ("evich", "m"), ("ovych", "m"), ("evych", "m"), ("yevich", "m"),
    ("ovic", "m"), ("evic", "m"), ("uly", "m"), ("uli", "m"), ("ogly", "m"), ("oglu", "m"),
    ("ugli", "m"), ("ovna", "f"), ("evna", "f"), ("yevna", "f"), ("ivna", "f"),
    ("kyzy", "f"), ("qyzy", "f"), ("kizi", "f"), ("gizi", "f"), ("qizi", "f"),
)  # fmt: skip


def patronymic_forms(forms: list[str]) -> list[str]:
    """A canonical spelling (father's name + ovich / ovna) for each form that ends like a
    patronymic, so the Kazakh, Russian and Ukrainian patronymics of one father agree."""
    out: list[str] = []
    for form in forms:
        for ending, sex in _PATRONYMIC_ENDINGS:
            root = form[: -len(ending)]
            if form.endswith(ending) and len(root) >= 3:
                out.append(root + ("ovich" if sex == "m" else "ovna"))
                break
    return out


@functools.lru_cache(maxsize=200_000)
def part_forms(word: str, script: str) -> Part:
    """All ASCII spellings of one name part written in `script`."""
    forms: list[str] = []
    if script == "LATIN":
        forms.append(_ascii(icao_latin(word)))
        slavic_j = _J_AFTER_VOWEL.sub(r"\1i", forms[0])
        if slavic_j != forms[0]:
            # Scholarly and Polish/Czech spellings write the Slavic short i as j (Mihajlo,
            # Sergij, Nikolaj): the reading with i meets the passport spellings.
            forms.append(slavic_j)
        if "ij" in forms[0]:
            # Dutch ij is one vowel, written y abroad (Meijer / Meyer, Dijkstra / Dykstra),
            # and South Slavic ij a glide (Marija / Mariya, Maria).
            forms.append(forms[0].replace("ij", "y"))
        if len(word) >= 6 and word[:2] == "al" and word[2] not in "aeiouy":
            # The Arabic article written glued in Latin (AlMheiri, Alhashmi) is dropped
            # in Arabic-script romanisation; an added form only ever raises a similarity.
            forms.append(_ascii(icao_latin(word[2:])))
    elif script in ("RUSSIAN", "UKRAINIAN", "KAZAKH"):
        forms.append(_ascii(icao_cyrillic(word, ukrainian=script == "UKRAINIAN")))
        if script == "UKRAINIAN":
            # Ukrainian names written by Russian rules, as Soviet-era and many later
            # documents do: г as g (Гриценко: Gritsenko beside Hrytsenko, Олег: Oleg).
            forms.append(_ascii(icao_cyrillic(word, ukrainian=False)))
    elif script in ("ARABIC", "PERSIAN"):
        if word == "الله":
            return ("allah",)
        return _arabic_forms(word, script)
    elif script == "HEBREW":
        # Vowel-aware readings replace ICU's consonant-only ones (see hebrew.py).
        return hebrew_forms(word)
    elif script == "DEVANAGARI":
        return _devanagari_forms(word)
    spellings = [word]
    for chain in _CHAINS.get(script, _CHAINS["OTHER"]):
        forms.extend(_ascii(_transliterator(chain).transliterate(w)) for w in spellings)
    forms.extend(patronymic_forms(forms))
    return tuple(dict.fromkeys(f for f in forms if f))


# How Indian passports and papers spell Devanagari (Suresh Shah, Chaudhary, Krishna), from
# ICU's ISO 15919 reading: ś and ṣ as sh, c as ch (and ch, the aspirate, as chh), r̥ as ri.
# Written by hand: ICU has no such (Hunterian-style) transform, and its ISO 15919 one
# writes सुरेश शाह as suresa saha, which shares no consonant skeleton with Suresh Shah.
_INDIAN_USAGE_RULES = """
[ś ṣ] > sh ;
ṅ > ng ;
ch > chh ;
c > ch ;
r \u0325 > ri ;
:: Latin-ASCII ;
"""
_DEVANAGARI_CONSONANT = re.compile("[\u0915-\u0939\u0958-\u095f]\u093c?$")
_VIRAMA = "\u094d"
_KS = re.compile("ksh?")


@functools.lru_cache(maxsize=1)
def _indian_usage() -> icu.Transliterator:
    return icu.Transliterator.createFromRules(
        "Latin-IndianUsage", _INDIAN_USAGE_RULES, icu.UTransDirection.FORWARD
    )


def _devanagari_forms(word: str) -> Part:
    """The usual Indian spellings of a Devanagari name part first, then ISO 15919's."""
    to_iso = _transliterator("Devanagari-Latin")
    iso = to_iso.transliterate(word)
    # An anusvara before ha is the velar nasal: सिंह is Singh (ISO: sinha).
    usual = to_iso.transliterate(word.replace("ंह", "ङ्ह")) if "ंह" in word else iso
    spellings = [usual, iso]
    if _DEVANAGARI_CONSONANT.search(word) and len(iso) > 3:
        # The inherent vowel is not spoken at the end of a word (राम: Ram; ICU writes it
        # a, the long vowel ā), and after two consonants it often is (कृष्ण Krishna,
        # मिश्र Mishra): that reading first.
        cluster = word.rstrip("\u093c")[-2:-1] == _VIRAMA
        spoken = [usual[:-1], iso[:-1]]
        spellings = spellings + spoken if cluster else [spoken[0], usual, spoken[1], iso]
    if iso.endswith("āva"):
        # A final -āv is written -ao as often (राव: Rao).
        spellings.append(usual[:-2] + "o")
    forms = [_ascii(_indian_usage().transliterate(s)) for s in spellings]
    forms += [_ascii(_transliterator("Latin-ASCII").transliterate(s)) for s in spellings]
    # क्ष / क्स are often written x in Latin (Laxmi, Saxena, Dixit).
    forms.extend(_KS.sub("x", f) for f in list(forms) if "ks" in f)
    return tuple(dict.fromkeys(f for f in forms if f))


# Letters written in Latin as z, s, k, g, t, p, r, which a following h (he, hah) would turn
# into a digraph of another sound (zh, sh, kh, gh, th, ph, rh).
_H_AFTER_CONSONANT = re.compile("([زسصكکگتطپر])([هح])")


_LONG_VOWEL_LETTERS = frozenset("اآوىيی")


def _arabic_forms(word: str, script: str) -> Part:
    spellings = [_arabic_pre(word)]
    if len(word) > 4 and word.startswith("ال"):
        # The article dropped, and kept in case it is none: الهام is Elham, الیاس Elias.
        spellings.append(_arabic_pre(word, drop_article=False))
    if "ظ" in word or "ض" in word:
        # Gulf passports write zah and dad as dh (الظاهري: Al Dhaheri), ICU as z and d.
        spellings.append(spellings[0].replace("ظ", "ذ").replace("ض", "ذ"))
    if len(word) > 2 and word.endswith("ه") and word[-2] not in _LONG_VOWEL_LETTERS:
        # A final he after a consonant is a vowel (فاطمه Fatemeh, آزاده Azadeh): ICU writes
        # h, a consonant no Latin skeleton of the name has. (After a long vowel it is one:
        # شاه Shah, وجيه Wajih.)
        spellings.append(spellings[0][:-1])
    if word.endswith("ى"):
        # Final alif maqsura is the vowel a (منى Mona, مصطفى Mustafa), which ICU writes y.
        spellings.append(spellings[0][:-1] + "ا")
    voweled = _H_AFTER_CONSONANT.sub("\\1\u064e\\2", spellings[0])
    if voweled != spellings[0]:
        # A consonant then h (زهرا, سهيل) reads zhra, shyl: in Latin spellings a vowel
        # comes between (Zahra, Suhail), and zh, sh are single sounds. The fatha keeps
        # them apart in one more spelling.
        spellings.append(voweled)
    forms = [
        _ascii(_transliterator(chain).transliterate(w))
        for chain in _CHAINS[script]
        for w in spellings
    ]
    # Waw is a vowel as often as a consonant (Mahmoud, Mahmud; Persian BGN writes v), and
    # in one name it may be both: the first a vowel, the next a consonant (موسوی Musavi).
    first_vowel = [re.sub("[vw]", "u", f, count=1) for f in forms]
    forms.extend(f.replace("v", "u").replace("w", "u") for f in list(forms))
    forms.extend(first_vowel)
    return tuple(dict.fromkeys(f for f in forms if f))


def _cyrillic_language(text: str) -> str:
    letters = set(text)
    if letters & _KAZAKH_LETTERS:
        return "KAZAKH"
    if letters & _UKRAINIAN_LETTERS and not letters & {"ы", "э", "ъ"}:
        return "UKRAINIAN"
    return "RUSSIAN"


def _script_label(text: str) -> str:
    script = dominant_script(text)
    if script == "CYRILLIC":
        return _cyrillic_language(text)
    if script == "ARABIC" and set(text) & _PERSIAN_LETTERS:
        return "PERSIAN"
    if script == "CJK":
        return "HAN"
    return script


def _hangul_words(words: list[str]) -> list[RomanName]:
    if len(words) == 1:
        return cjk.hangul_name_parts(words[0])
    family = cjk.korean_family_forms(words[0])
    joined: RomanName = (family, *(cjk.joined_forms(w) for w in words[1:]))
    split: RomanName = (
        family, *(cjk.hangul_syllable_forms(ch) for w in words[1:] for ch in w)
    )  # fmt: skip
    return [joined] if joined == split else [joined, split]


def _han_words(words: list[str]) -> list[RomanName]:
    names: list[RomanName]
    if len(words) == 1:
        names = cjk.han_name_parts(words[0])
    else:
        # Spaced words: the alignment is order-free, so any word may be the family name.
        names = [tuple(cjk.chinese_family_forms(w) for w in words)]
    # Kanji alone do not tell a Japanese name from a Chinese one: keep both readings.
    if len("".join(words)) >= 2:
        japanese = _kana_words(words)
        if japanese:
            names.append(japanese)
    return names


def _kana_words(words: list[str]) -> RomanName:
    """Japanese reading of a name in kanji and kana; kana alone when no reader is there."""
    if cjk.has_japanese_reader():
        per_word = [cjk.japanese_name_parts(w) for w in words]
        # One word the dictionary cannot read (simplified Chinese) and the reading of the
        # rest alone would pass for the whole name (梁 丽红 read as "hari").
        if not all(per_word):
            return ()
        return tuple(p for parts in per_word for p in parts)
    return tuple(cjk.kana_forms(w) for w in words)


@functools.lru_cache(maxsize=200_000)
def romanise(raw: str) -> tuple[str, tuple[RomanName, ...]]:
    """(script label, romanised names) for one raw name; empty names if nothing is left."""
    text = clean(raw)
    script = _script_label(text)
    words = drop_titles(split_parts(text))
    names: list[RomanName]
    if script == "HANGUL":
        names = _hangul_words([w for w in words if w])
    elif script == "HAN":
        names = _han_words(words)
    elif script == "KANA":
        names = [_kana_words(words)]
    else:
        glued_particles = _glued_particle_words(words) if script == "LATIN" else None
        if script == "LATIN":
            words = drop_particles(words)
        elif script in ("ARABIC", "PERSIAN"):
            words = _unglue_abd(words)
        names = [tuple(part_forms(w, script) for w in words)]
        if script == "LATIN":
            # A Chinese name in pinyin also goes by its Wade-Giles spelling (Taiwan, older
            # documents): Cao Lanjun is Tsao Lan-chun.
            wade_giles = cjk.latin_wade_giles([p[0] if p else "" for p in names[0]])
            if wade_giles:
                names[0] = tuple(
                    p if w in p else (*p, w) for p, w in zip(names[0], wade_giles, strict=True)
                )
        # "Jong-Yang" is also written "Jongyang": keep the glued reading of hyphenated parts.
        glued = _glued_hyphen_variant(text, script)
        if glued is not None and glued != names[0]:
            names.append(glued)
        if glued_particles:
            names.append(tuple(part_forms(w, script) for w in drop_particles(glued_particles)))
    cleaned = tuple(
        dict.fromkeys(
            tuple(q for q in (tuple(dict.fromkeys(f for f in p if f)) for p in n) if q)
            for n in names
        )
    )
    return script.lower(), tuple(n for n in cleaned if n)


# Particles of European surnames that are also written glued to it (DeBoer, Vandermeer).
_GLUEABLE_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos"}
)


def _glued_particle_words(words: list[str]) -> list[str] | None:
    """`words` with every run of surname particles glued to the word after it (de boer ->
    deboer), or None when there is no such run."""
    out: list[str] = []
    run = ""
    for w in words:
        if w in _GLUEABLE_PARTICLES:
            run += w
        else:
            out.append(run + w)
            run = ""
    if run:
        out.append(run)
    return out if len(out) < len(words) and len(out) > 1 else None


def _unglue_abd(words: list[str]) -> list[str]:
    """عبدالله is "abd" and "allah" written as one word, as Latin drop_particles reads
    Abdullah: split it the same way on both sides."""
    out: list[str] = []
    for w in words:
        if len(w) > 5 and w.startswith("عبدال"):
            out.extend(("عبد", "الله" if w[3:] == "الله" else w[5:]))
        else:
            out.append(w)
    return out


def _glued_hyphen_variant(text: str, script: str) -> RomanName | None:
    if "-" not in text:
        return None
    text = _ARTICLE_HYPHEN.sub("", text)
    if "-" not in text:
        return None
    words = drop_titles(split_parts(text.replace("-", "")))
    if script == "LATIN":
        words = drop_particles(words)
    return tuple(part_forms(w, script) for w in words)
