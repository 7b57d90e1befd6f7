"""How often import decodes legacy-encoded text exactly: real translated messages from the
system's gettext catalogues (/usr/share/locale), encoded in the code page each language is
written in, then decoded as dipterm's import does.

    python eval/encodings.py [--per-language 200] [--join 1]

--join N decodes N messages joined by blank lines as one file (longer text tells more).
"""

from __future__ import annotations

import argparse
import gettext
import random
from collections import defaultdict
from pathlib import Path

from dipterm.errors import InputError
from dipterm.ingest.decode import decode

LANGUAGES = {
    "cp1252": ["en_GB", "fr", "de", "es", "it", "pt", "nl", "sv", "da"],
    "latin-1": ["fr", "es", "de"],
    "cp1250": ["pl", "cs", "sk", "hu", "hr", "sl", "ro"],
    "cp1257": ["lt", "lv", "et"],
    "cp1251": ["ru", "uk", "bg"],
    "euc-kr": ["ko"],
}
CATALOGUES = Path("/usr/share/locale")


def messages(language: str, encoding: str) -> list[str]:
    """A language's translated messages of 40 characters or more with a letter beyond ASCII,
    each on one line, that the encoding can hold."""
    found = set()
    for path in sorted((CATALOGUES / language / "LC_MESSAGES").glob("*.mo")):
        if path.name.startswith("iso_"):
            continue  # lists of names, not sentences
        try:
            with path.open("rb") as handle:
                catalogue = gettext.GNUTranslations(handle)
        except (OSError, UnicodeDecodeError, LookupError):
            continue  # a catalogue in an encoding Python does not know, or unreadable
        for text in catalogue._catalog.values():  # noqa: SLF001 (gettext keeps them there)
            text = " ".join(str(text).split())
            if len(text) < 40 or text.isascii() or "%" in text:
                continue
            try:
                text.encode(encoding)
            except UnicodeEncodeError:
                continue
            found.add(text)
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-language", type=int, default=200)
    parser.add_argument("--join", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(7)
    print(f"{'encoding':8} {'language':8} {'texts':>5} {'exact':>6}  a wrong reading")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for encoding, languages in LANGUAGES.items():
        for language in languages:
            pool = messages(language, encoding)
            if len(pool) < args.join:
                continue
            exact = tried = 0
            example = ""
            for _ in range(min(args.per_language, len(pool))):
                text = "\n\n".join(rng.sample(pool, args.join)) + "\n"
                try:
                    got = decode(text.encode(encoding))
                except InputError as exc:
                    got = f"({exc})"
                tried += 1
                if got == text:
                    exact += 1
                elif not example:
                    example = got[:60].replace("\n", " ")
            totals[encoding][0] += exact
            totals[encoding][1] += tried
            print(f"{encoding:8} {language:8} {tried:5} {exact / tried:6.1%}  {example}")
    for encoding, (exact, tried) in totals.items():
        print(f"{encoding:8} {'all':8} {tried:5} {exact / tried:6.1%}")


if __name__ == "__main__":
    main()
