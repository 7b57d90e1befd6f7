"""Korean names in any romanisation, read back to their sounds: DPRK official, McCune-Reischauer
(with or without apostrophes and breves), Revised Romanization and the Western and Seoul press forms.

A spelling is cut into syllables every way the systems allow, and each syllable is read to the
Korean sounds it may stand for: an initial, a vowel and a final, written as a key such as
"j-eo-ng" (정). Two spellings name the same Korean name when their sets of readings meet: Choi
Sun-hee, Ch'oe Sŏn-hŭi and Choe Son Hui all read 최선희, Kim Yong Il (김영일, 김용일) never reads
Kim Jong Il (김정일). Hangul is read as it is written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# How the systems write each initial consonant, and the sounds (Hangul jamo, named in RR) each
# spelling may stand for. MR and the DPRK voice a plain k, t, p or ch between voiced sounds (g,
# d, b, j); MR without its apostrophes writes the aspirates as the plain letters, so a bare k, t,
# p or ch may be either. "" is a syllable that begins with its vowel (ㅇ).
_LOOSE_INITIALS: dict[str, tuple[str, ...]] = {
    "": ("",), "g": ("g",), "k": ("g", "k"), "kh": ("k",), "kk": ("kk",), "gg": ("kk",),
    "n": ("n",), "d": ("d",), "t": ("d", "t"), "th": ("t",), "tt": ("tt",), "dd": ("tt",),
    "r": ("r",), "l": ("r",), "rh": ("r",), "m": ("m",), "b": ("b",), "p": ("b", "p"),
    "ph": ("p",), "pp": ("pp",), "bb": ("pp",), "s": ("s",), "sh": ("s",), "ss": ("ss",),
    "j": ("j",), "ch": ("j", "ch"), "chh": ("ch",), "jj": ("jj",), "tch": ("jj",), "h": ("h",),
}  # fmt: skip
# The DPRK's own spelling, as its media write it, keeps the aspirates apart: ch is only ㅊ, p
# only ㅂ (ㅍ is ph), k only ㄱ, t only ㄷ.
_DPRK_INITIALS: dict[str, tuple[str, ...]] = {
    "": ("",), "k": ("g",), "g": ("g",), "kh": ("k",), "kk": ("kk",), "n": ("n",),
    "t": ("d",), "d": ("d",), "th": ("t",), "tt": ("tt",), "r": ("r",), "l": ("r",),
    "m": ("m",), "p": ("b",), "b": ("b",), "ph": ("p",), "pp": ("pp",), "s": ("s",),
    "ss": ("ss",), "j": ("j",), "jj": ("jj",), "ch": ("ch",), "h": ("h",),
}  # fmt: skip
# The vowels. The DPRK and MR without breves write ㅓ and ㅗ both o, ㅡ and ㅜ both u; the press
# writes ㅓ as u too (Sun-hee, Chul, Hyun, Jung), ㅕ as you (Young), ㅢ as ee or eui, ㅜ as oo.
_LOOSE_VOWELS: dict[str, tuple[str, ...]] = {
    "a": ("a",), "ah": ("a",), "ar": ("a",), "ae": ("ae",), "ai": ("ae",), "e": ("e",),
    "ya": ("ya",), "yae": ("yae",), "ye": ("ye",), "eo": ("eo",), "o": ("o", "eo"),
    "oh": ("o", "eo"), "u": ("u", "eu", "eo"), "uh": ("eo", "u"), "oo": ("u",), "eu": ("eu",),
    "yeo": ("yeo",), "yo": ("yo", "yeo"), "you": ("yeo",), "yu": ("yu", "yeo"), "yoo": ("yu",),
    "woo": ("u",),
    "wa": ("wa",), "wae": ("wae",), "oe": ("oe", "we"), "oi": ("oe",), "we": ("we", "oe"),
    "wo": ("wo",), "weo": ("wo",), "wi": ("wi",), "ui": ("ui", "wi"), "eui": ("ui",),
    "i": ("i",), "ee": ("i", "ui"), "yi": ("i", "ui"),
}  # fmt: skip
# (Its u is ㅓ too in one name at least: Kim Il Sung, 김일성.)
_DPRK_VOWELS: dict[str, tuple[str, ...]] = {
    "a": ("a",), "ae": ("ae",), "e": ("e",), "ya": ("ya",), "yae": ("yae",), "ye": ("ye",),
    "o": ("o", "eo"), "u": ("u", "eu", "eo"), "yo": ("yo", "yeo"), "yu": ("yu",), "wa": ("wa",),
    "wae": ("wae",), "oe": ("oe",), "wo": ("wo",), "we": ("we",), "wi": ("wi",), "ui": ("ui",),
    "i": ("i",),
}  # fmt: skip
# A syllable's final as written, and as heard: a name's finals are those seven sounds.
_FINALS: dict[str, str] = {"": "", "k": "k", "ck": "k", "n": "n", "t": "t", "l": "l", "r": "l",
                           "m": "m", "p": "p", "ng": "ng"}  # fmt: skip
_DPRK_FINALS: dict[str, str] = {"": "", "k": "k", "n": "n", "t": "t", "l": "l", "m": "m",
                                "p": "p", "ng": "ng"}  # fmt: skip

# Hangul read as the same keys: its 19 initials, 21 vowels and 27 finals, each final as heard.
_H_INITIALS = "g kk n d tt r m b pp s ss _ j jj ch k t p h".split()  # noqa: SIM905
_H_VOWELS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()  # noqa: SIM905
_H_FINALS = ["", *"k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()]  # noqa: SIM905

MAX_READINGS = 512  # a name's readings are few; a long run of letters is no name
MAX_SYLLABLES = 5


def _normalised(text: str) -> str:
    """Lower case, with MR's breves and apostrophes turned into plain letters: ŏ eo, ŭ eu,
    an aspirate's apostrophe h (ch' chh, p' ph); any other apostrophe parts syllables."""
    text = text.lower().replace("\u2019", "'").replace("\u02bc", "'").replace("`", "'")
    text = text.replace("ŏ", "eo").replace("ŭ", "eu").replace("ö", "oe").replace("ü", "wi")
    text = re.sub(r"(ch|k|t|p)'", r"\1h", text).replace("wh", "hw")  # Kyung-wha
    if text.isascii():
        return text
    # Other marks (ô, ǒ) are dropped; Hangul is kept whole, its letters (as a search's folding
    # leaves them) put together again.
    text = unicodedata.normalize("NFC", text)
    return "".join(c if "\uac00" <= c <= "\ud7a3" else _bare(c) for c in text)


def _bare(c: str) -> str:
    return "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))


_WORD = re.compile(r"[a-z]+|[\uac00-\ud7a3]+")


def _merged(syllables: tuple[str, ...]) -> str:
    """A name's key from its syllables' sounds. Where North and South spell a surname apart by
    the initial-sound rule (리 이, 류 유, 림 임, 로 노), the sounds are one: an r or n before i
    or y is silent there. Elsewhere r is n, as MR writes ㄹ after a consonant (Myong-nok)."""
    keys = []
    for at, syllable in enumerate(syllables):
        initial, vowel, final = syllable.split("-")
        if at == 0 and initial in ("r", "n") and (vowel == "i" or vowel.startswith("y")):
            initial = ""
        elif initial == "r":
            initial = "n"
        keys.append(f"{initial or '_'}-{vowel}-{final}")
    return " ".join(keys)


def _hangul(word: str) -> frozenset[tuple[str, ...]]:
    keys = []
    for c in word:
        n = ord(c) - 0xAC00
        initial, vowel, final = _H_INITIALS[n // 588], _H_VOWELS[n % 588 // 28], _H_FINALS[n % 28]
        keys.append(f"{initial.strip('_')}-{vowel}-{final}")
    return frozenset({tuple(keys)})


class _System:
    """The spellings of one way of reading: the initials, vowels and finals it allows."""

    def __init__(self, initials: dict, vowels: dict, finals: dict) -> None:
        self.initials, self.vowels, self.finals = initials, vowels, finals

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (two instances for the life of the process)
    def word(self, word: str) -> frozenset[tuple[str, ...]]:
        """Every reading of a run of letters, as tuples of syllable keys."""
        return frozenset(self._from(word, 0, MAX_SYLLABLES))

    def _from(self, word: str, at: int, left: int) -> set[tuple[str, ...]]:
        if at == len(word):
            return {()}
        if left == 0:
            return set()
        found: set[tuple[str, ...]] = set()
        for end, syllables in self._syllables(word, at):
            for rest in self._from(word, end, left - 1):
                found.update((s, *rest) for s in syllables)
                if len(found) > MAX_READINGS:
                    return found
        return found

    def _syllables(self, word: str, at: int):
        """(where the syllable ends, its keys) for each syllable that can begin at `at`."""
        for i_end in range(at, min(at + 3, len(word)) + 1):
            initials = self.initials.get(word[at:i_end])
            if initials is None:
                continue
            for v_end in range(i_end + 1, min(i_end + 3, len(word)) + 1):
                vowels = self.vowels.get(word[i_end:v_end])
                if vowels is None:
                    continue
                for f_end in range(v_end, min(v_end + 2, len(word)) + 1):
                    final = self.finals.get(word[v_end:f_end])
                    if final is None:
                        continue
                    # Before a vowel the letter may as well begin the next syllable: "Jongun" is
                    # jong-un or jon-gun, "Yuna" yun-a or yu-na; every cut is read.
                    yield f_end, [f"{i}-{v}-{final}" for i in initials for v in vowels]


_LOOSE = _System(_LOOSE_INITIALS, _LOOSE_VOWELS, _FINALS)
# RR writes the plain consonants g, d, b, j and the aspirates k, t, p, ch; the press keeps its k
# for ㄱ (Kim Keon-hee) where it writes the rest as RR does.
_RR = _System({**_LOOSE_INITIALS, "t": ("t",), "p": ("p",), "ch": ("ch",)}, _LOOSE_VOWELS, _FINALS)
_DPRK = _System(_DPRK_INITIALS, _DPRK_VOWELS, _DPRK_FINALS)


@lru_cache(maxsize=1 << 16)
def readings(name: str, *, dprk: bool = False) -> frozenset[str]:
    """The Korean names a spelling may stand for, each a key of syllables ("g-i-m j-eo-ng _-eu-n").

    Each word is read in the systems its letters allow: a word with RR's eo or eu is RR's, where
    ch, p and t are the aspirates (Chang-seon: 창선, not 장선). With dprk, a name spelt as DPRK
    media spell names, a word to a syllable (Kim Chong Il, Ri Pyong Chol), is read in that system
    alone, where ch is ㅊ and p is ㅂ. Empty when the text cannot be a Korean name (letters no
    system writes, too many syllables).
    """
    if len(name) > 60:
        return frozenset()
    words = name.split()  # a given name with its hyphen is one word, of one system
    if dprk and dprk_style(name):
        return _combined(_dprk_syllables(name))
    parts = []
    for word in words:
        system = _RR if _RR_MARK.search(word.lower()) else _LOOSE
        for letters in _letters(word):
            read = _hangul(letters) if not letters.isascii() else system.word(letters)
            parts.append(read or _LOOSE.word(letters))
    return _combined(parts)


_RR_MARK = re.compile(r"eo|eu")


def dprk_style(name: str) -> bool:
    """Whether a name is written as DPRK media write names: in their system, a syllable a word."""
    return "-" not in name and all(_dprk_syllables(name) or [False])


def _dprk_syllables(name: str) -> list[frozenset[tuple[str, ...]]]:
    return [frozenset(r for r in _DPRK.word(w) if len(r) == 1) for w in _letters(name)]


def _letters(text: str) -> list[str]:
    return _WORD.findall(_normalised(text))


def _combined(parts: list[frozenset[tuple[str, ...]]]) -> frozenset[str]:
    combined: set[tuple[str, ...]] = {()}
    for part in parts:
        if not part:
            return frozenset()
        combined = {(*a, *b) for a in combined for b in part if len(a) + len(b) <= MAX_SYLLABLES}
        if not combined or len(combined) > MAX_READINGS:
            return frozenset()
    return frozenset(map(_merged, combined))


def same_name(typed: str, held: str) -> bool:
    """Whether a spelling as a user types it and a library's name (read as DPRK media spell
    names, where they can) may be the same Korean name."""
    return not readings(typed).isdisjoint(readings(held, dprk=True))


KOREAN_SURNAMES = (  # noqa: SIM905 (a line of names reads better than a list of strings)
    "Kim Ri Pak Choe Jo Jang Han Kang Jong Yun Hwang Ryu Song Hong Mun Paek Ju Sin Ko Kwon Jon "
    "Thae So Ho Nam Yang Rim Cha Chon Son Ryang Chae Kye Tong Myong Hyon Chu Yu Jin Ok Sim Pyon "
    "Ro Wi Ryom Kil Kwak Min No Ra Tae Om Won Yom Sok Phyo Pang Chang Jo Ju Ji Kye Sung An O"
).split()  # as DPRK media spell them


@lru_cache(maxsize=1)
def _surname_keys() -> frozenset[str]:
    return frozenset(k for s in KOREAN_SURNAMES for k in readings(s, dprk=True))


def reads_as_surname(word: str) -> bool:
    """Whether a word may be a Korean surname in some romanisation (Lee, Choi, Park, Ri, Choe)."""
    return not readings(word).isdisjoint(_surname_keys())


def reads_as_surname_key(key: str) -> bool:
    """Whether a syllable's key (as readings gives them) is a Korean surname's."""
    return key in _surname_keys()
