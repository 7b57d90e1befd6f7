"""Offices from roles: one office however worded, ranks apart, fragments set aside; careers."""

import json
from pathlib import Path

import pytest

from dipterm.extract.analyse import analyse
from dipterm.extract.offices import FRAGMENT, OFFICE, RANK, career, offices_of, read_office

# Real KCNA of 2011-2012 (GPL-3, read where it lies, never copied): beside the repository's folder.
KCNA_2011 = next(
    (
        folder / "shared/corpus/kcna-2011-2012/kcna_2011_2012.jsonl"
        for folder in Path(__file__).resolve().parents
        if (folder / "shared/corpus/kcna-2011-2012").is_dir()
    ),
    Path("kcna_2011_2012.jsonl"),
)


@pytest.mark.parametrize(
    "wordings",
    [
        [
            "general secretary of the Workers' Party of Korea",
            "general secretary of the WPK",
            "General Secretary of WPK",
            "General Secretary of the Workers’ Party of Korea",
        ],
        [
            "president of the State Affairs of the Democratic People's Republic of Korea",
            "President of the State Affairs of the DPRK",
            "president of the State Affairs of the DPRK",
        ],
        [
            "Russian Foreign Minister",
            "foreign minister of the Russian Federation",
            "minister of Foreign Affairs of Russia",
        ],
        ["Cuban Foreign Minister", "minister of Foreign Affairs of the Republic of Cuba"],
        [
            "DPRK Foreign Minister",
            "foreign minister of the DPRK",
            "Minister of Foreign Affairs of the Democratic People's Republic of Korea",
        ],
        [
            "chief of the KPA General Staff",
            "chief of the General Staff of the Korean People's Army",
        ],
        [
            "chairman of the SPA Standing Committee",
            "chairman of the Standing Committee of the Supreme People's Assembly",
        ],
        [
            "secretary of the C.C., WPK",
            "secretary of the WPK Central Committee",
            "secretary of the Central Committee of the Workers' Party of Korea",
            "secretary of the Party Central Committee",
        ],
        [
            "chairman of the DPRK National Defence Commission",
            "chairman of the National Defence Commission of the DPRK",
        ],
        [
            "supreme commander of the DPRK armed forces",
            "supreme commander of the armed forces of the DPRK",
        ],
        [
            "Chinese ambassador to the DPRK",
            "ambassador of the People's Republic of China to the DPRK",
        ],
        [
            "chairman of the State Affairs Commission (SAC) of the DPRK",
            "Chairman of the State Affairs Commission of the DPRK",
        ],
        [
            "vice-chairman of the Central Military Commission of the WPK",
            "Vice Chairman of the Central Military Commission of the WPK",
        ],
    ],
)
def test_the_wordings_of_one_office_read_as_one(wordings):
    offices = [read_office(w) for w in wordings]
    assert {o.kind for o in offices} == {OFFICE}
    assert len({o.key for o in offices}) == 1, [o.label for o in offices]


def test_a_country_adjective_names_the_country_the_office_is_of():
    assert read_office("Russian Foreign Minister").label == "foreign minister of Russia"
    assert read_office("Pakistani Foreign Minister").country == "Pakistan"
    assert read_office("South African ambassador").country == "South Africa"
    assert read_office("foreign minister of the DPRK").country == "DPRK"
    assert read_office("foreign minister of Russia").key != read_office("foreign minister").key


@pytest.mark.parametrize(
    "role", ["Supreme Leader", "Marshal", "Respected Comrade", "Army General", "Vice Marshal",
             "Colonel General", "Comrade", "Marshal of the DPRK"],
)  # fmt: skip
def test_ranks_and_honorifics_are_kept_apart_from_offices(role):
    assert read_office(role).kind == RANK


@pytest.mark.parametrize(
    "role", ["General", "Deputy", "secretary", "Chairman", "Vice-Chairman", "General Secretary",
             "President", "Premier"],
)  # fmt: skip
def test_a_bare_title_is_a_fragment_not_an_office(role):
    assert read_office(role).kind == FRAGMENT


def test_its_and_the_partys_name_the_body_of_the_office_before():
    held = offices_of(
        ["general secretary of the WPK", "chairman of its Central Military Commission"]
    )
    assert held[1].key == read_office("chairman of the Central Military Commission of the WPK").key
    party = offices_of(
        [
            "member of the Presidium of the Communist Party of Vietnam",
            "head of the party's Commission for External Relations",
        ]
    )
    assert party[1].of[-2:] == ("the Communist Party", "Vietnam")
    assert offices_of(["chairman of its Central Committee"])[0].kind == FRAGMENT  # nothing before


def test_a_career_merges_wordings_and_orders_offices_by_date():
    lines = career(
        [
            (1, "2019-03-01", ["minister of Foreign Affairs of the DPRK", "Marshal"]),
            (2, "2018-05-01", ["Premier", "premier of the Cabinet", "General"]),
            (3, "2020-01-02", ["DPRK Foreign Minister", "Chairman"]),
            (4, "2018-07-01", ["premier of the Cabinet of the DPRK"]),
            (5, "2021-06-01", ["Foreign Minister"]),
        ]
    )
    offices = [(c.office, c.first, c.last, c.articles) for c in lines if c.kind == OFFICE]
    assert offices == [
        ("premier of the Cabinet of the DPRK", "2018-05-01", "2018-07-01", 2),
        ("foreign minister of the DPRK", "2019-03-01", "2021-06-01", 3),
    ]
    assert [c.office for c in lines if c.kind == RANK] == ["Marshal"]
    assert not any(c.office.lower() in {"chairman", "general"} for c in lines)
    foreign = next(c for c in lines if c.office.startswith("foreign"))
    assert set(foreign.wordings) == {
        "minister of Foreign Affairs of the DPRK", "DPRK Foreign Minister", "Foreign Minister"
    }  # fmt: skip


def test_a_fragment_that_fits_two_offices_is_left_out():
    lines = career(
        [(1, "2019-01-01", ["chairman of the State Affairs Commission", "Chairman",
                            "chairman of the Workers' Party of Korea"])]
    )  # fmt: skip
    assert sorted(c.articles for c in lines) == [1, 1] and len(lines) == 2


@pytest.mark.skipif(
    not KCNA_2011.exists(), reason="the KCNA 2011-2012 corpus is not on this machine"
)
def test_offices_of_another_era_normalise_as_well():
    """KCNA of 2011-2012: Kim Jong Il's and the foreign ministers' offices, as extracted."""
    held: dict[str, list] = {}
    with KCNA_2011.open(encoding="utf-8") as records:
        for n, line in enumerate(records):
            record = json.loads(line)
            if "Pak Ui Chun" not in record["text"] and "Defence Commission" not in record["text"]:
                continue
            extraction = analyse(record["title"], record["text"], None)
            for mention in extraction.mentions:
                if mention.roles:
                    held.setdefault(mention.name, []).append((n, record["date"], mention.roles))
            if len(held.get("Pak Ui Chun", [])) >= 15 and len(held.get("Kim Jong Il", [])) >= 15:
                break
    kim = {c.office: c for c in career(held["Kim Jong Il"]) if c.kind == OFFICE}
    assert "chairman of the National Defence Commission of the DPRK" in kim
    assert len(kim["chairman of the National Defence Commission of the DPRK"].wordings) >= 2
    pak = [c for c in career(held["Pak Ui Chun"]) if c.kind == OFFICE]
    assert pak[0].office == "foreign minister of the DPRK" and pak[0].articles >= 10


def test_the_eval_scores_an_office_found_in_other_words_as_found():
    from dipterm.extract.evaluate import Report, score

    report = Report()
    gold = {
        "file": "a",
        "people": [{"name": "Ri Yong Ho", "roles": ["DPRK Foreign Minister", "General"]}],
    }
    found = {"people": [{"name": "Ri Yong Ho", "roles": ["foreign minister of the DPRK"]}]}
    score(report, gold, found)
    roles, offices = report.scores["roles"], report.scores["offices"]
    assert (roles.tp, roles.fp, roles.fn) == (0, 1, 2)
    assert (offices.tp, offices.fp, offices.fn) == (1, 0, 0)  # a bare "General" is no office


@pytest.mark.parametrize(
    "role",
    [
        "vice-chairman of the Pyongyang City Committee of the Korean Association of Cooks",
        "head of School of Natural Sciences of Harbin Institute of Technology",
        "vice-chairman of the China Association for International Friendly Contact",
        "prime minister of the Council of Ministers of Bosnia and Herzegovina",
    ],
)
def test_a_body_the_gazetteer_does_not_know_keeps_its_wording(role):
    """KCNA 2011-2012's wordings: no 'the' put into a name, no country taken off its front."""
    assert read_office(role).label == role


@pytest.mark.parametrize(
    "role",
    [
        "vice-chairman of the Central Military Commission of the CPC; Ling Jihua",
        "foreign minister of the People's Republic of China.At the talks",
    ],
)
def test_what_runs_on_after_a_semicolon_or_a_glued_full_stop_is_no_part_of_the_office(role):
    assert read_office(role).label.endswith(("Communist Party of China", "of China"))
