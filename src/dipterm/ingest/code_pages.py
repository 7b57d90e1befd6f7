"""Which Latin code page (Windows-1252, -1250 or -1257) a legacy text is in, by its letters.

A code page is right when its reading of the bytes gives the letters of one language written in
it, no letter or sign where none belongs (`spotka³`, `£ódŸ`), and that language's small words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dipterm.ingest.language import _STOPWORDS


@dataclass(frozen=True)
class Language:
    """A language as a code page sees it: its letters beyond ASCII and its commonest words."""

    letters: str
    words: frozenset[str]


def _language(letters: str, words: str) -> Language:
    return Language(letters + letters.upper(), frozenset(words.split()))


# The languages each code page is written for, in the order a tie is given: Western European
# files are the commonest. English has no letters of its own: its words count, not its letters.
CODE_PAGES: dict[str, dict[str, Language]] = {
    "cp1252": {
        "en": Language("", frozenset(_STOPWORDS["en"]) | {"not", "be", "are", "from", "this", "or", "it"}),
        "fr": _language("àâæçéèêëîïôœùûüÿ", " ".join(_STOPWORDS["fr"]) + " à été être très où ne pas par il qui ce"),
        "es": _language("áéíóúñü", " ".join(_STOPWORDS["es"]) + " más está según también no es un"),
        "de": _language("äöüß", " ".join(_STOPWORDS["de"]) + " für über daß werden wird eine nicht"),
        "it": _language("àèéìíîòóù", "il di e la che in del per un è con della le non una da al si"),
        "pt": _language("áâãàçéêíóôõú", "de a o que e do da em um para é com não uma os no na se"),
        "nl": _language("éèëïöü", "de het een en van in is dat op te met voor niet zijn kan worden"),
        "sv": _language("åäöé", "och att det som en på är av för med till den har inte kan"),
        "da": _language("æøåé", "og at det som en på er af for med til den har ikke kan"),
        "fi": _language("äöåšž", "ja on ei se että oli kun mutta myös voi"),
        "ca": _language("àçéèíïòóúü", "i de la el que a les en per amb del els és no"),
    },
    "cp1250": {
        "pl": _language("ąćęłńóśźż", "i w z na się do nie że to o jest od przez po oraz jak ze za dla są był także już przy lub może"),
        "cs": _language("áčďéěíňóřšťúůýž", "a v se na je že s z o do to k pro byl jsou který které při před také ve po od již nebo není lze"),
        "sk": _language("áäčďéíĺľňóôŕšťúýž", "a v sa na je že s z o do to k pre bol sú ktorý ktoré pri pred aj vo po od už alebo nie"),
        "hu": _language("áéíóöőúüű", "a az és hogy nem is egy meg de el van volt csak már mint még ki be ez azt vagy nincs"),
        "hr": _language("čćđšž", "i je u na se da za od iz su s o a do koji što će kao ali sa ili nije biti može"),
        "sl": _language("čšž", "in je v na se da za od iz so s o z ki pa tudi kot ali bo ni lahko"),
        "ro": _language("ăâîşţ", "şi în de la cu pe a din că care o un se nu ce mai fost să pentru este sau fi"),
        "sq": _language("çë", "dhe në të e i që me një për nga është u"),
    },
    "cp1257": {
        "lt": _language("ąčęėįšųūž", "ir kad su į iš yra buvo o bet kaip tai jo per nuo dėl ar už prie po arba nėra"),
        "lv": _language("āčēģīķļņšūž", "un ir ar ka par no uz kas bet tā arī lai pie bija vai kā to tas nav"),
        "et": _language("äöõüšž", "ja on ei et see ka ta oli mis kui aga nii või ning siis pole"),
    },
}  # fmt: skip

# Signs any of these languages' text may hold beyond ASCII. Those that only follow a word
# (closing quotes, dashes) may touch a letter; the rest read after a letter are a letter of
# another code page (`spotka³`, `ŸdŸb³o`), and currency signs before one too (`£odzi`).
_PUNCTUATION = frozenset("“”‘’„‚–—…«»‹›·•°§©®™€£¡¿¢¥±×\u00a0\u00ad")
_MAY_TOUCH_LETTERS = frozenset("“”‘’„‚–—…«»‹›·°™®©\u00ad")
_CURRENCY = frozenset("€£¥¢")
# Words as written: "schema’s" is one word, not "schema" and the Czech "s".
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Reading:
    """One code page's reading of the bytes and how well it reads."""

    encoding: str
    text: str
    odd: int  # signs and capitals where a letter of the language would be
    words: int  # the commonest small words of the best of its languages


def odd_signs(text: str) -> int:
    """How many capitals follow a small letter, and signs a letter, as no language writes them."""
    odd = 0
    for match in _BEYOND_ASCII.finditer(text):
        i, char = match.start(), match.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if char.isalpha():
            odd += char.isupper() and before.isalpha() and before.islower()
        elif char not in _MAY_TOUCH_LETTERS:
            odd += before.isalpha() or (char in _CURRENCY and after.isalpha())
    return odd


def _reading(encoding: str, sample: bytes) -> Reading | None:
    """The code page's reading where all of its letters beyond ASCII are of one of its languages."""
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError:
        return None
    beyond = {c for c in text if not c.isascii()}
    letters = {c for c in beyond if c.isalpha()}
    if not beyond <= letters | _PUNCTUATION:
        return None
    languages = CODE_PAGES[encoding].values()
    fitting = [lang for lang in languages if lang.letters and letters <= set(lang.letters)]
    if not fitting:
        return None
    # A language's words count where its letters are the text's; English's, which has none of
    # its own, where a Western European language's letters are.
    counted = fitting + [lang for lang in languages if not lang.letters]
    words = [w.lower() for w in _WORDS.findall(text)]
    hits = max(sum(w in language.words for w in words) for language in counted)
    return Reading(encoding, text, odd_signs(text), hits)


def latin_reading(sample: bytes) -> Reading | None:
    """The Latin code page's reading of the sample that is of one language, with the fewest odd
    signs, then the most of its small words, then the commonest code page; None when none is."""
    readings = [r for encoding in CODE_PAGES if (r := _reading(encoding, sample)) is not None]
    if not readings:
        return None
    return min(readings, key=lambda r: (r.odd, -r.words))
