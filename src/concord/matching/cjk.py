"""Korean, Chinese and Japanese names: segmentation into family and given name, and the
romanisations in use (Revised Romanization, McCune-Reischauer and customary surname
spellings for Korean; pinyin and Wade-Giles for Chinese; Hepburn-like kana readings).

The Hangul tables are written out because ICU's Hangul-Latin glues syllables together
("gimjong-yang") and knows no McCune-Reischauer; syllable arithmetic is in the Unicode
standard (chapter 3.12).
"""

from __future__ import annotations

import functools
import re
from typing import Any

import icu

try:  # Optional: a kanji reading dictionary. Without it kanji names get Chinese readings only.
    import pykakasi

    _KAKASI: Any = pykakasi.kakasi()
except ImportError:  # pragma: no cover - depends on the environment
    _KAKASI = None

_HANGUL_BASE, _HANGUL_LAST = 0xAC00, 0xD7A3

_RR_INITIAL = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "-",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_MR_INITIAL = [
    "k",
    "kk",
    "n",
    "t",
    "tt",
    "r",
    "m",
    "p",
    "pp",
    "s",
    "ss",
    "-",
    "ch",
    "tch",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_RR_MEDIAL = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_MR_MEDIAL = [
    "a",
    "ae",
    "ya",
    "yae",
    "o",
    "e",
    "yo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "u",
    "ui",
    "i",
]
_FINAL = [
    "-",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]

# Customary spellings of common Korean surnames (passports and press use these, not RR).
_KOREAN_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("kim",), "이": ("lee", "yi", "rhee", "ri", "ree"), "박": ("park", "pak", "bak"),
    "최": ("choi", "choe", "chey"), "정": ("jung", "jeong", "chung", "chong"),
    "강": ("kang",), "조": ("cho", "jo", "joe"), "윤": ("yoon", "yun"),
    "장": ("jang", "chang"), "임": ("lim", "im", "rim"), "한": ("han",), "오": ("oh", "o"),
    "서": ("seo", "suh", "so"), "신": ("shin", "sin"), "권": ("kwon", "gwon"),
    "황": ("hwang",), "안": ("ahn", "an"), "송": ("song",), "류": ("ryu", "yoo", "yu", "ryoo"),
    "전": ("jeon", "chun", "jun", "chon"), "홍": ("hong",), "고": ("ko", "go", "koh"),
    "문": ("moon", "mun"), "양": ("yang",), "손": ("son", "sohn"), "배": ("bae", "pae"),
    "백": ("baek", "paik", "baik", "paek"), "허": ("heo", "hur", "huh", "ho"),
    "유": ("yoo", "yu", "you"), "남": ("nam",), "심": ("shim", "sim"), "노": ("noh", "roh", "no"),
    "하": ("ha",), "곽": ("kwak",), "성": ("sung", "seong"), "차": ("cha",),
    "주": ("joo", "ju", "chu"), "우": ("woo", "u"), "구": ("koo", "gu", "ku"), "민": ("min",),
    "나": ("na", "ra"), "진": ("jin", "chin"), "지": ("ji", "chi"), "엄": ("eom", "um"),
    "채": ("chae",), "원": ("won",), "천": ("cheon", "chun"), "방": ("bang", "pang"),
    "공": ("kong", "gong"), "현": ("hyun", "hyeon"), "함": ("ham",), "변": ("byun", "byeon"),
    "염": ("yeom", "yum"), "여": ("yeo", "yuh"), "추": ("choo", "chu"), "도": ("do", "doh"),
    "석": ("seok", "suk"), "선": ("sun", "seon"), "설": ("seol", "sul"), "길": ("gil", "kil"),
    "연": ("yeon", "yun"), "표": ("pyo",), "명": ("myung", "myeong"), "기": ("ki", "gi"),
    "반": ("ban", "pan"), "왕": ("wang",), "금": ("keum", "kum"), "육": ("yook", "yuk"),
}  # fmt: skip

_KOREAN_COMPOUND_SURNAMES = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문"})

_CHINESE_COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "歐陽",
        "司马",
        "司馬",
        "诸葛",
        "諸葛",
        "上官",
        "东方",
        "東方",
        "皇甫",
        "夏侯",
        "尉迟",
        "尉遲",
        "公孙",
        "公孫",
        "慕容",
        "长孙",
        "長孫",
        "宇文",
        "司徒",
        "令狐",
        "澹台",
        "澹臺",
        "轩辕",
        "軒轅",
        "端木",
        "西门",
        "西門",
    ]
)


def is_hangul_syllable(ch: str) -> bool:
    return _HANGUL_BASE <= ord(ch) <= _HANGUL_LAST


def _jamo(ch: str) -> tuple[int, int, int]:
    index = ord(ch) - _HANGUL_BASE
    return index // 588, (index % 588) // 28, index % 28


@functools.lru_cache(maxsize=20_000)
def _conventions(ch: str) -> tuple[str, ...]:
    """One Hangul syllable in each convention, in a fixed order: RR, McCune-Reischauer
    (ASCII), and the popular spellings ("eo" written "u" or "ou": Jeong/Jung, Yeong/Young;
    "eu" written "u"; "u" written "oo": Joon, Soo, Yoon, and Woo where no consonant comes
    first), each the RR spelling where it changes nothing."""
    if not is_hangul_syllable(ch):
        return (ch,)
    i, m, f = _jamo(ch)
    fin = _FINAL[f].replace("-", "")
    rr = _RR_INITIAL[i].replace("-", "") + _RR_MEDIAL[m] + fin
    mr = _MR_INITIAL[i].replace("-", "") + _MR_MEDIAL[m] + fin
    oo = rr
    if _RR_MEDIAL[m] in ("u", "yu"):
        oo = rr.replace("u", "oo")
        if _RR_INITIAL[i] == "-" and _RR_MEDIAL[m] == "u":
            oo = "w" + oo
    return (rr, mr, rr.replace("eo", "u"), rr.replace("eo", "ou"), rr.replace("eu", "u"), oo)


def hangul_syllable_forms(ch: str) -> tuple[str, ...]:
    """The distinct romanisations of one Hangul syllable (`_conventions`)."""
    return tuple(dict.fromkeys(_conventions(ch)))


def split_korean(word: str) -> tuple[str, str]:
    """Unspaced Hangul name -> (family, given); the family name is one syllable unless it
    is one of the two-syllable surnames."""
    if len(word) >= 3 and word[:2] in _KOREAN_COMPOUND_SURNAMES:
        return word[:2], word[2:]
    return word[:1], word[1:]


def korean_family_forms(family: str) -> tuple[str, ...]:
    if len(family) == 1:
        custom = _KOREAN_SURNAMES.get(family, ())
        return tuple(dict.fromkeys((*custom, *hangul_syllable_forms(family))))
    return joined_forms(family)


def joined_forms(syllables: str) -> tuple[str, ...]:
    """Whole-word romanisations of several syllables, one per convention (not the product)."""
    per = [_conventions(ch) for ch in syllables]
    width = max(len(p) for p in per)
    forms = ["".join(p[min(k, len(p) - 1)] for p in per) for k in range(width)]
    return tuple(dict.fromkeys(forms))


_HAN_TO_PINYIN = icu.Transliterator.createInstance("Han-Latin/Names; Latin-ASCII")
_KANA_TO_LATIN = icu.Transliterator.createInstance("Katakana-Hiragana; Hiragana-Latin; Latin-ASCII")


_TRADITIONAL_TO_SIMPLIFIED = icu.Transliterator.createInstance("Traditional-Simplified")
_HAN_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\s·・]+")
_HANGUL_NAME = re.compile(r"[\uac00-\ud7a3\s]+")
# Syllables the two Koreas write apart (initial r/n: North 리 Ri, South 이 Lee); folded to
# the South's spelling so that both name the same person.
_HANGUL_INITIAL_LAW = str.maketrans(
    {"리": "이", "림": "임", "류": "유", "룡": "용", "량": "양", "려": "여", "렴": "염",
     "로": "노", "라": "나", "뢰": "뇌", "륙": "육", "련": "연", "령": "영", "례": "예"}
)  # fmt: skip


@functools.lru_cache(maxsize=200_000)
def name_characters(text: str) -> str | None:
    """The characters of a name written in Han characters only (traditional forms folded to
    simplified: 謝 宇偉 -> 谢宇伟) or in Hangul only (North spellings folded: 리 -> 이),
    separators dropped; None for any other name.

    Romanisation loses what tells two names apart (許 and 徐 are both Xu; 남혜주 and 남혜재
    differ in one syllable that short romanised syllables hide), so when both sides are
    written in the same characters the characters decide."""
    if _HANGUL_NAME.fullmatch(text):
        syllables = "".join(text.split())
        return syllables.translate(_HANGUL_INITIAL_LAW) if syllables else None
    if not _HAN_NAME.fullmatch(text):
        return None
    chars = "".join(ch for ch in text if not ch.isspace() and ch not in "·・")
    return _TRADITIONAL_TO_SIMPLIFIED.transliterate(chars) if chars else None


@functools.lru_cache(maxsize=50_000)
def han_pinyin(ch: str) -> str:
    """Toneless pinyin of one Han character, reading it as a name."""
    return "".join(c for c in _HAN_TO_PINYIN.transliterate(ch).lower() if c.isalpha())


# Hong Kong, Macau and much of the diaspora write surnames in Cantonese (陈 Chan, 吴 Ng,
# 林 Lam): passports carry these, and neither pinyin nor Wade-Giles comes close to them.
# Common surnames, simplified and traditional forms, with their usual Cantonese spellings.
_CANTONESE_SURNAMES: dict[str, tuple[str, ...]] = {
    "陈": ("chan",), "陳": ("chan",), "林": ("lam",), "黄": ("wong",), "黃": ("wong",),
    "张": ("cheung",), "張": ("cheung",), "李": ("lee", "li"), "王": ("wong",),
    "吴": ("ng",), "吳": ("ng",), "刘": ("lau",), "劉": ("lau",), "蔡": ("choi", "tsoi"),
    "杨": ("yeung",), "楊": ("yeung",), "许": ("hui",), "許": ("hui",), "郑": ("cheng",),
    "鄭": ("cheng",), "谢": ("tse",), "謝": ("tse",), "郭": ("kwok",), "洪": ("hung",),
    "曾": ("tsang",), "邱": ("yau",), "廖": ("liu",), "赖": ("lai",), "賴": ("lai",),
    "周": ("chow",), "徐": ("tsui",), "苏": ("so",), "蘇": ("so",), "叶": ("yip",),
    "葉": ("yip",), "庄": ("chong",), "莊": ("chong",), "吕": ("lui",), "呂": ("lui",),
    "江": ("kong",), "何": ("ho",), "萧": ("siu",), "蕭": ("siu",), "罗": ("law", "lo"),
    "羅": ("law", "lo"), "高": ("ko",), "潘": ("poon",), "朱": ("chu",), "钟": ("chung",),
    "鍾": ("chung",), "彭": ("pang",), "胡": ("wu",), "施": ("sze",), "沈": ("shum",),
    "余": ("yu",), "卢": ("lo",), "盧": ("lo",), "梁": ("leung",), "赵": ("chiu",),
    "趙": ("chiu",), "颜": ("ngan",), "顏": ("ngan",), "魏": ("ngai",), "孙": ("suen",),
    "孫": ("suen",), "戴": ("tai",), "范": ("fan",), "方": ("fong",), "宋": ("sung",),
    "邓": ("tang",), "鄧": ("tang",), "杜": ("to",), "傅": ("fu",), "侯": ("hau",),
    "曹": ("tso", "cho"), "丁": ("ting",), "马": ("ma",), "馬": ("ma",), "阮": ("yuen",),
    "董": ("tung",), "唐": ("tong",), "石": ("shek",), "蒋": ("cheung",), "蔣": ("cheung",),
    "姚": ("yiu",), "冯": ("fung",), "馮": ("fung",), "欧": ("au",), "歐": ("au",),
    "程": ("ching",), "汤": ("tong",), "湯": ("tong",), "黎": ("lai",), "田": ("tin",),
    "白": ("pak",), "邹": ("chau",), "鄒": ("chau",), "钱": ("chin",), "錢": ("chin",),
    "温": ("wan",), "溫": ("wan",), "麦": ("mak",), "麥": ("mak",), "区": ("au",),
    "區": ("au",), "关": ("kwan",), "關": ("kwan",), "莫": ("mok",), "谭": ("tam",),
    "譚": ("tam",), "袁": ("yuen",), "韩": ("hon",), "韓": ("hon",), "金": ("kam",),
    "文": ("man",), "严": ("yim",), "嚴": ("yim",), "邝": ("kwong",), "鄺": ("kwong",),
    "伍": ("ng",), "冼": ("sin",), "贺": ("ho",), "賀": ("ho",), "雷": ("lui",),
    "霍": ("fok",), "崔": ("tsui",), "任": ("yam",), "邵": ("shiu",), "陆": ("luk",),
    "陸": ("luk",), "夏": ("ha",), "陶": ("to",), "龚": ("kung",), "龔": ("kung",),
    "段": ("tuen",), "于": ("yu",), "孔": ("hung",), "毛": ("mo",), "车": ("che",),
    "車": ("che",), "韦": ("wai",), "韋": ("wai",), "汪": ("wong",), "姜": ("keung",),
}  # fmt: skip


def split_chinese(word: str) -> tuple[str, str]:
    if len(word) >= 3 and word[:2] in _CHINESE_COMPOUND_SURNAMES:
        return word[:2], word[2:]
    return word[:1], word[1:]


def given_first_split(word: str) -> tuple[str, str] | None:
    """(family, given) of an unspaced Han name written given name first (海霞许, as some
    forms and foreign records do), when only its last character is a common surname."""
    if (
        2 <= len(word) <= 4
        and word[0] not in _CANTONESE_SURNAMES
        and word[:2] not in _CHINESE_COMPOUND_SURNAMES
        and word[-1] in _CANTONESE_SURNAMES
    ):
        return word[-1], word[:-1]
    return None


def chinese_family_forms(family: str) -> tuple[str, ...]:
    """Pinyin, Wade-Giles and, for common surnames, Cantonese spellings of a family name."""
    py = "".join(han_pinyin(ch) for ch in family)
    wg = "".join(pinyin_to_wade_giles(han_pinyin(ch)) for ch in family)
    return tuple(dict.fromkeys((py, wg, *_CANTONESE_SURNAMES.get(family, ()))))


# Wade-Giles initials for pinyin initials (aspiration apostrophes are lost in ASCII anyway).
_WG_INITIALS = (
    ("zh", "ch"), ("ch", "ch"), ("sh", "sh"), ("b", "p"), ("d", "t"), ("g", "k"), ("j", "ch"),
    ("q", "ch"), ("x", "hs"), ("z", "ts"), ("c", "ts"), ("r", "j"),
)  # fmt: skip
_WG_WHOLE = {
    "zi": "tzu", "ci": "tzu", "si": "ssu", "zhi": "chih", "chi": "chih", "shi": "shih",
    "ri": "jih", "you": "yu", "yan": "yen", "yi": "i", "er": "erh", "ye": "yeh",
    "yong": "yung", "yue": "yueh", "e": "o",
}  # fmt: skip


@functools.lru_cache(maxsize=5_000)
def pinyin_to_wade_giles(syllable: str) -> str:
    """Approximate Wade-Giles spelling of one pinyin syllable (ASCII, no apostrophes)."""
    if syllable in _WG_WHOLE:
        return _WG_WHOLE[syllable]
    head, rest = "", syllable
    for py, wg in _WG_INITIALS:
        if syllable.startswith(py):
            head, rest = wg, syllable[len(py) :]
            break
    else:  # an initial both systems write alike (l, t, h, m...)
        if syllable[:1] not in ("a", "e", "i", "o", "u", "y", "w"):
            head, rest = syllable[:1], syllable[1:]
    # Finals that Wade-Giles writes otherwise; each rule looks at the whole final, since
    # -ian becomes -ien but -iang stays (qiang: ch'iang, not ch'iehng).
    if rest in ("iong", "ong"):
        rest = rest[:-3] + "ung"
    elif rest == "ian":
        rest = "ien"
    elif rest in ("ie", "ue"):
        rest += "h"  # jie: chieh, xue: hsueh
    elif rest == "ui" and head == "k":
        rest = "uei"  # gui: kuei, but dui: tui, hui: hui
    elif rest == "uo" and head not in ("k", "h", "sh"):
        rest = "o"  # luo: lo, zhuo: cho, but guo: kuo
    elif rest == "e" and head in ("k", "h"):
        rest = "o"  # ge: ko, he: ho, but de: te, zhe: che
    return head + rest


# Toneless pinyin syllables (those ICU's Han-Latin/Names gives the CJK Unified Ideographs),
# written out: computing them takes most of a second at start-up.
_PINYIN_SYLLABLES = frozenset(
    """
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can
cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai
chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de den deng
di dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen
feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui
gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji
jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken
keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian
liang liao lie lin ling liu lo long lou lu luan lue lun luo ma mai man mang mao me mei men
meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian
niang niao nie nin ning niu nong nou nu nuan nue nun nuo o ou pa pai pan pang pao pei pen
peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu
quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang
sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan
shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian
tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian
xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you
yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhen zheng
zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
""".split()  # noqa: SIM905 - a table reads better as words than as a list
)
# Initials that Wade-Giles never writes (it spells them p, t, k, ch, hs, ts, j).
_PINYIN_ONLY = re.compile(r"^(?:b|d|g|q|x|zh|z|c(?!h)|r)")


@functools.lru_cache(maxsize=100_000)
def segment_pinyin(word: str) -> tuple[str, ...] | None:
    """`word` cut into pinyin syllables (fewest syllables: "lanjun" -> lan jun), or None."""
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and word[start:end] in _PINYIN_SYLLABLES:
                candidate = (*head, word[start:end])
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[len(word)]


def latin_wade_giles(words: list[str]) -> list[str] | None:
    """Wade-Giles spellings of a Latin-script name written in pinyin (Cao Lanjun -> tsao
    lanchun), or None when it does not read as pinyin: every part must cut into pinyin
    syllables and one of them at least must be spelt in a way Wade-Giles never is (Cao,
    Gao, Xiao, Lanjun), which keeps Western names (Anna Li) out."""
    segmented = [segment_pinyin(w) for w in words]
    if len(words) < 2 or not all(segmented):
        return None
    syllables = [s for parts in segmented if parts for s in parts]
    if not any(_PINYIN_ONLY.search(s) for s in syllables):
        return None
    return ["".join(pinyin_to_wade_giles(s) for s in parts or ()) for parts in segmented]


def han_name_parts(word: str) -> list[tuple[tuple[str, ...], ...]]:
    """Name variants of an unspaced Han name: [family, given-joined] and
    [family, syllable, syllable...], each part with its pinyin and Wade-Giles forms
    (and the same for the given-name-first reading when that is the likelier one)."""
    reversed_split = given_first_split(word)
    if reversed_split is not None:
        family, given = reversed_split
        return _han_variants(family, given) + _han_variants(*split_chinese(word))
    return _han_variants(*split_chinese(word))


def _han_variants(family: str, given: str) -> list[tuple[tuple[str, ...], ...]]:
    fam_forms = chinese_family_forms(family)
    if not given:
        return [(fam_forms,)]
    syl = [han_pinyin(ch) for ch in given]
    wg = [pinyin_to_wade_giles(s) for s in syl]
    joined = tuple(dict.fromkeys(("".join(syl), "".join(wg))))
    variants: list[tuple[tuple[str, ...], ...]] = [(fam_forms, joined)]
    if len(given) > 1:
        variants.append(
            (fam_forms, *(tuple(dict.fromkeys((s, w))) for s, w in zip(syl, wg, strict=True)))
        )
    return variants


def hangul_name_parts(word: str) -> list[tuple[tuple[str, ...], ...]]:
    """Name variants of an unspaced Hangul name, like `han_name_parts`."""
    family, given = split_korean(word)
    fam_forms = korean_family_forms(family)
    if not given:
        return [(fam_forms,)]
    variants: list[tuple[tuple[str, ...], ...]] = [(fam_forms, joined_forms(given))]
    if len(given) > 1:
        variants.append((fam_forms, *(hangul_syllable_forms(ch) for ch in given)))
    return variants


@functools.lru_cache(maxsize=50_000)
def kana_forms(word: str) -> tuple[str, ...]:
    """Hepburn-like readings of a kana word, with the long-vowel spellings in use
    (Satou / Sato / Satoh)."""
    base = "".join(c for c in _KANA_TO_LATIN.transliterate(word).lower() if c.isalpha())
    short = base.replace("ou", "o").replace("uu", "u").replace("oo", "o")
    return tuple(dict.fromkeys((base, short, short + "h" if short.endswith("o") else short)))


_NON_LETTER = re.compile(r"[^a-z]+")
# Kunrei-shiki and Nihon-shiki spellings of Hepburn syllables (Yosida, Huzita, Tutomu).
_KUNREI = (("sh", "s"), ("ch", "t"), ("ts", "t"), ("fu", "hu"), ("j", "z"))


def _japanese_spellings(hepburn: str) -> tuple[str, ...]:
    """The spellings a Japanese name part is written in: Hepburn with long vowels doubled,
    shortened or with h (Satou, Sato, Satoh), and Kunrei-shiki."""
    base = _NON_LETTER.sub("", hepburn.lower())
    short = base.replace("ou", "o").replace("uu", "u").replace("oo", "o")
    forms = [base, short]
    if short.endswith("o"):
        forms.append(short + "h")
    kunrei = short
    for a, b in _KUNREI:
        kunrei = kunrei.replace(a, b)
    forms.append(kunrei)
    return tuple(dict.fromkeys(f for f in forms if f))


def has_japanese_reader() -> bool:
    return _KAKASI is not None


@functools.lru_cache(maxsize=50_000)
def japanese_name_parts(word: str) -> tuple[tuple[str, ...], ...]:
    """Japanese readings of a name written in kanji and/or kana, one part per word the
    reading dictionary finds (usually family name, given name); empty without pykakasi.

    The readings are the dictionary's most common ones: names with rare readings of their
    kanji (nanori) come out wrong, and Latin spellings of them match only through the
    other names a record carries."""
    if _KAKASI is None:
        return ()
    parts = [_japanese_spellings(seg["hepburn"]) for seg in _KAKASI.convert(word)]
    if not all(parts):
        # A character the dictionary cannot read (simplified Chinese): not a Japanese name.
        return ()
    return tuple(parts)
