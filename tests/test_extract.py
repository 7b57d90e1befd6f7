"""Extraction rules, on sentences written here in the style of DPRK media (not copied from the seeds)."""

import json
from pathlib import Path

import pytest
from conftest import GOLD, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from dipterm.extract.analyse import analyse
from dipterm.extract.entities import find_entities
from dipterm.extract.evaluate import evaluate
from dipterm.extract.gazetteer import repair_glued_names
from dipterm.extract.names import KOREAN_NAME, canonical_person
from dipterm.extract.roles import roles_after
from dipterm.extract.timeref import find_time_refs
from dipterm.models import PartialDate


def people(text):
    return {m.name: list(m.roles) for m in find_entities(text).mentions("person")}


def test_seed_scores_meet_the_bar():
    report = evaluate(GOLD, SEEDS)
    for field in ("people", "places", "organizations", "countries"):
        assert report.scores[field].f1 >= 0.9, field
    for field in ("events", "quotes"):
        assert report.scores[field].f1 > 0.8, field


def test_romanisations_are_one_person():
    assert canonical_person("Kim Jong-un") == "Kim Jong Un"
    assert canonical_person("Kim Jongun") == "Kim Jong Un"
    assert canonical_person("Choe Son-hui") == "Choe Son Hui"
    assert canonical_person("Pak Myong-chol") == "Pak Myong Chol"  # not in the gazetteer
    assert canonical_person("Vladimir Vladimirovich Putin") == "Vladimir Putin"
    assert canonical_person("Sergey Lavrov") == "Sergei Lavrov"
    assert canonical_person("Maria Ivanovna Petrova") == "Maria Petrova"


def test_korean_name_shape():
    found = [
        m.group()
        for m in KOREAN_NAME.finditer(
            "Ri Thae Song and Han Chol Won met. Pak Myong-chol spoke. No Korean Delegation came."
        )
    ]
    assert found == ["Ri Thae Song", "Han Chol Won", "Pak Myong-chol"]


def test_glued_names_are_repaired():
    assert repair_glued_names("sent byKim Jong Unto the ComradeKim Il Sungand") == (
        "sent by Kim Jong Un to the Comrade Kim Il Sung and"
    )


def test_glue_repair_mends_one_glued_name_among_well_spaced_ones():
    spaced = "Kim Jong Un met Kim Il Sung. (Kim Jong Un), Kim Il Sung's works."
    assert repair_glued_names(spaced) == spaced
    assert repair_glued_names(spaced + " It was Kim Jong Unwho spoke.") == (
        spaced + " It was Kim Jong Un who spoke."
    )
    assert repair_glued_names("Kim Jong Un. Alsoat Kim Jong UnIn") == (
        "Kim Jong Un. Alsoat Kim Jong Un In"
    )


def test_role_chain_after_a_name():
    roles, _ = roles_after(
        " member of the Presidium of the Political Bureau of the C.C., WPK and premier of the "
        "Cabinet, inspected the factory."
    )
    assert roles == [
        "member of the Presidium of the Political Bureau of the C.C., WPK",
        "premier of the Cabinet",
    ]


def test_title_before_and_appositive_for_unknown_names():
    found = people(
        "Pak Myong Chol, minister of External Economic Relations, met Cuban Foreign Minister "
        "Rodrigo Alvarez and Elena Kovaleva, deputy head of the Protocol Department."
    )
    assert found["Pak Myong Chol"] == ["minister of External Economic Relations"]
    assert found["Rodrigo Alvarez"] == ["Cuban Foreign Minister"]
    assert found["Elena Kovaleva"] == ["deputy head of the Protocol Department"]
    # a war's name before a title is no person with that title
    assert set(people("In the Fatherland Liberation War, President Kim Il Sung came.")) == {
        "Kim Il Sung"
    }


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # the domain of an office between its title and the name
        ("A delegation headed by Vice-Minister of Light Industry Ri Chol Min and Minister of the "
         "Interior Pak Song Gun arrived.",
         {"Ri Chol Min": ["Vice-Minister of Light Industry"],
          "Pak Song Gun": ["Minister of the Interior"]}),
        # a second office after "who is"
        ("Pavel Orlov, rector of the Institute who is also vice-president of the Academy of "
         "Arts, spoke.",
         {"Pavel Orlov": ["rector of the Institute", "vice-president of the Academy of Arts"]}),
        # offices written "CEO", "director-general", "deputy to" an assembly
        ("Gabriel Schulze, CEO of the Schulze Investments, met Bruno Amoroso, director-general "
         "of the Institute, and Kim Sok Nam, deputy to the Supreme People's Assembly.",
         {"Gabriel Schulze": ["CEO of the Schulze Investments"],
          "Bruno Amoroso": ["director-general of the Institute"],
          "Kim Sok Nam": ["deputy to the Supreme People's Assembly"]}),
        # an office in lower case after an adjective of nationality; not an epithet, nor the
        # office of the name before a comma
        ("Russian ambassador to the DPRK Alexandr Timonin gave a reception for Lao ambassador "
         "Kham Phoui, former Bangladeshi prime minister, Rosa Campos and leader Kim Jong Il.",
         {"Alexandr Timonin": ["Russian ambassador to the DPRK"],
          "Kham Phoui": ["Lao ambassador", "former Bangladeshi prime minister"],
          "Kim Jong Il": []}),
        # an appositive that speaks of "our" Party is an epithet, not an office
        ("President Kim Il Sung and Chairman Kim Jong Il, founder and builder of our great Party, "
         "lie in state.",
         {"Kim Il Sung": ["President"], "Kim Jong Il": ["Chairman"]}),
        # names holding a particle, in lower case or joined by a hyphen; a sheikh's style is not
        # part of the name, nor of the title before it
        ("Greetings came from Hamad Bin Isa al-Khalifa, king of Bahrain, Luiz Inacio Lula da "
         "Silva, president of Brazil, and Kuwaiti Emir Sheikh Sabah Al-Ahmad Al-Jaber Al-Sabah, "
         "head of state.",
         {"Hamad Bin Isa al-Khalifa": ["king of Bahrain"],
          "Luiz Inacio Lula da Silva": ["president of Brazil"],
          "Sabah Al-Ahmad Al-Jaber Al-Sabah": ["Kuwaiti Emir", "head of state"]}),
        # names with a monarch's number or initials
        ("Pak Song Gun sent messages to Harald V, king of Norway, and to B. Tsogtbayar, "
         "president of the Mongolian Red Cross.",
         {"Harald V": ["king of Norway"],
          "B. Tsogtbayar": ["president of the Mongolian Red Cross"]}),
        # the diplomats' title in French words, capitalised or not, before a name
        ("Present were Charge d'Affaires ad Interim Anna Berg, Chargé d’affaires Lars Holm and "
         "Cuban Charge d'Affaires a.i. Jose Diaz.",
         {"Anna Berg": ["Charge d'Affaires ad Interim"], "Lars Holm": ["Chargé d'affaires"],
          "Jose Diaz": ["Cuban Charge d'Affaires a.i."]}),
        # a list of officials, each with an office of a body before the name: each office is
        # its own name's, not the role of the name before it
        ("Among the guests were Ri Chol Ho, director of the Institute, Chief Secretary of the "
         "Kaesong City Committee of the Workers' Party of Korea Pak Yong Su and Chairman of the "
         "Kaesong City People's Committee Kim Sun Hui.",
         {"Ri Chol Ho": ["director of the Institute"],
          "Pak Yong Su": ["Chief Secretary of the Kaesong City Committee of the Workers' Party "
                          "of Korea"],
          "Kim Sun Hui": ["Chairman of the Kaesong City People's Committee"]}),
        # the same after an office with "to": "X, vice-chairman of ..., Y Ambassador to ... Z"
        ("He was greeted by Han Song Il, vice-chairman of the Sinuiju City People's Committee, "
         "Cuban Ambassador to the DPRK Jose Perez and Kim Yong Chol.",
         {"Han Song Il": ["vice-chairman of the Sinuiju City People's Committee"],
          "Jose Perez": ["Cuban Ambassador to the DPRK"]}),
        # an Arabic name whose particles are capitalised, after a sheikh's style
        ("He met Sheikh Salim Al Nasser Al Hamdan, president of the Gulf Sports Council.",
         {"Salim Al Nasser Al Hamdan": ["president of the Gulf Sports Council"]}),
        # the grade of a rank and the acronym of a body belong to the title
        ("Present were KPA Rear Admiral Pak Chol Jun, Major General Ri Yong Ho, KPA Admiral Kim "
         "Jong Gak and UN Secretary General Ola Berg.",
         {"Pak Chol Jun": ["KPA Rear Admiral"], "Ri Yong Ho": ["Major General"],
          "Kim Jong Gak": ["KPA Admiral"], "Ola Berg": ["UN Secretary General"]}),
        # what an office is in charge of is part of it, to where a role ends
        ("He met Sok Vanna, deputy prime minister in charge of the Council of Ministers, who "
         "spoke, and Jon Myong Su, director in charge of trade of the Kaesong City Committee.",
         {"Sok Vanna": ["deputy prime minister in charge of the Council of Ministers"],
          "Jon Myong Su": ["director in charge of trade of the Kaesong City Committee"]}),
        # an acronym in brackets inside a title is no part of it, as after it
        ("Kim Yong Nam, member of the Political Bureau of the Workers' Party of Korea (WPK) "
         "Central Committee, spoke.",
         {"Kim Yong Nam": ["member of the Political Bureau of the Workers' Party of Korea "
                           "Central Committee"]}),
        # the state an office is to, "Korea" too, between a lower-case title and the name
        ("It was handed over by Chinese ambassador to Korea Wan Yongxiang on Monday.",
         {"Wan Yongxiang": ["Chinese ambassador to Korea"]}),
        # a list of ministers, each with a portfolio before the name
        ("Present were Minister of Trade and Industry Pham Van Binh, Vice-Minister of Foreign "
         "Affairs Le Thi Hoa and Minister of Culture Rana Haddad.",
         {"Pham Van Binh": ["Minister of Trade and Industry"],
          "Le Thi Hoa": ["Vice-Minister of Foreign Affairs"],
          "Rana Haddad": ["Minister of Culture"]}),
        # an office after "who is", with no comma before it
        ("Among them were KPA Admiral Jong Myong Do who is commander of the KPA Navy and Kim "
         "Chol Su who is also chairman of the committee.",
         {"Jong Myong Do": ["KPA Admiral", "commander of the KPA Navy"],
          "Kim Chol Su": ["chairman of the committee"]}),
        # a list of branches before a title's head is the title's
        ("Present was Wei Dong, military, naval and air attache of the Chinese embassy.",
         {"Wei Dong": ["military, naval and air attache of the Chinese embassy"]}),
    ],
)  # fmt: skip
def test_offices_before_and_after_a_name(text, roles):
    found = people(text)
    assert {name: found.get(name) for name in roles} == roles


def test_a_korean_name_a_letter_from_a_known_one_is_another_person():
    found = people("Kim Yong Il, secretary of the WPK Central Committee, met Kim Jong-un.")
    assert set(found) == {"Kim Yong Il", "Kim Jong Un"}


def test_a_number_after_of_makes_no_monarch():
    found = people("Pak Song Gun met veterans of World War II, members of the union.")
    assert "World War II" not in found and "War II" not in found


def test_chinese_names_by_their_pinyin_shape():
    found = people(
        "Family members of Zhou Wenlong, Li Hua and Ma Jie left. Among the guests was Song "
        "Xiaoming. The Sun Rise Choir sang Long Live Peace with Ma Chol Su and Gao  Mingde, "
        "who spoke."
    )
    assert {"Zhou Wenlong", "Li Hua", "Ma Jie", "Song Xiaoming", "Gao Mingde"} <= set(found)
    assert "Zhang Wei-hua" in people("Families of Zhang Wei-hua, a martyr, arrived.")
    assert not {"Sun Rise", "Long Live", "Ma Chol"} & set(found)


def test_plural_role_after_a_list_goes_to_each():
    found = people(
        "Present there were Ri Hak Chol, Jon Song Il and Kang Yong Su, "
        "vice-premiers of the Cabinet."
    )
    for name in ("Ri Hak Chol", "Jon Song Il", "Kang Yong Su"):
        assert found[name] == ["vice-premier of the Cabinet"]


def test_later_surname_and_title_reference_are_the_same_person():
    text = (
        "Italian Ambassador Marco Bellini arrived. Bellini laid flowers. "
        "The Italian Ambassador said he was moved."
    )
    mentions = {m.name: m for m in find_entities(text).mentions("person")}
    assert list(mentions) == ["Marco Bellini"]
    assert mentions["Marco Bellini"].count == 3


def test_organisations_places_and_countries():
    x = find_entities(
        "The delegation of the Ministry of Culture visited the Grand People's Study House and "
        "the Monument to the Victory of the People in Hamhung, then left for the Russian Federation "
        "and south Korea."
    )
    orgs = {m.name for m in x.mentions("org")}
    places = {m.name for m in x.mentions("place")}
    countries = {m.name for m in x.mentions("country")}
    assert "Ministry of Culture" in orgs
    assert {
        "Grand People's Study House",
        "Monument to the Victory of the People",
        "Hamhung",
    } <= places
    assert countries == {"Russia", "South Korea"}


def test_the_worlds_capitals_and_big_cities_are_places():
    x = find_entities(
        "The delegation left Vientiane for Ulan Bator, Bogota and Lanzhou, where Wang Wuwei and "
        "Kim Jin An met it. Singapore sent a message."
    )
    places = {m.name for m in x.mentions("place")}
    assert places == {"Vientiane", "Ulan Bator", "Bogotá", "Lanzhou"}
    # a city's name inside a person's ("Wuwei", "Jinan"), or a country's, is not the city
    assert {"Wang Wuwei", "Kim Jin An"} <= {m.name for m in x.mentions("person")}
    assert {m.name for m in x.mentions("country")} == {"Singapore"}


def test_an_organisations_name_runs_back_over_and():
    x = find_entities(
        "Ri Il Hwan, director of the Propaganda and Agitation Department, met the Farland-Korea "
        "Friendship and Solidarity Committee, the DPRK and Cuban Government and the Party and "
        "State Affairs Commission."
    )
    assert {m.name for m in x.mentions("org")} == {
        "Propaganda and Agitation Department",
        "Farland-Korea Friendship and Solidarity Committee",
        "Cuban Government",
        "State Affairs Commission",
    }


def test_a_known_organisation_opening_a_name_is_its_parent_and_named_too():
    x = find_entities(
        "He met the CPC Central Committee, the KPA Navy and the UN Human Rights Council."
    )
    assert {m.name for m in x.mentions("org")} == {
        "Communist Party of China", "CPC Central Committee", "Korean People's Army", "KPA Navy",
        "United Nations", "UN Human Rights Council",
    }  # fmt: skip


def test_a_city_in_an_organisations_or_a_persons_name_is_none():
    x = find_entities(
        "Aba Sadik Abubakr, chairman of the Calligraphers' Association of Shanghai, read the "
        "Osaka Times in Chiba Prefecture, Sao Tome and Principe."
    )
    assert {m.name for m in x.mentions("place")} == {"Chiba"}
    assert "Aba Sadik Abubakr" in {m.name for m in x.mentions("person")}
    assert "Calligraphers' Association of Shanghai" in {m.name for m in x.mentions("org")}


def test_a_place_inside_an_organisations_name_is_no_place():
    x = find_entities(
        "A delegation of the Ministry of Royal Palace, the Tokyo-Pyongyang Friendship Bridge "
        "Association and the Catalyst Institute of Kim Il Sung University visited the Kaesong "
        "Hotel."
    )
    assert {m.name for m in x.mentions("org")} == {
        "Ministry of Royal Palace",
        "Tokyo-Pyongyang Friendship Bridge Association",
        "Catalyst Institute of Kim Il Sung University",
    }
    # a building in the "of" part is where the body is
    assert {m.name for m in x.mentions("place")} == {"Kim Il Sung University", "Kaesong Hotel"}


def test_a_place_in_a_title_is_not_where_an_event_is():
    x = analyse(
        "",
        "The Lao President sent a floral basket to the DPRK embassy in Vientiane on Sept. 8.\n"
        "A delegation headed by Bounmy Phasouk, minister in charge of the Presidential Palace, "
        "visited the DPRK embassy on Sept. 9 and laid the floral basket.",
        PartialDate(2011, 9, 10),
    )
    assert {(e.type, e.place) for e in x.events} == {
        ("visit", "Vientiane"),
        ("wreath-laying", "Vientiane"),
    }


def test_organisation_names_run_through_their_parts():
    x = find_entities(
        "Members of the Union of Textile Workers of Korea, the Korean Committee for Friendship "
        "with Peru and the Association of Korean Merchants in Spain met the Korean Central News "
        "Agency staff. Vice-Chairman of the Committee for Cultural Relations with Foreign "
        "Countries Ri Chol Gun spoke. The Ministry of Health of Mongolia and Ambassador Tsogt "
        "Baatar were present. The Fisheries Committee in Wonsan held a meeting."
    )
    orgs = {m.name for m in x.mentions("org")}
    assert {
        "Union of Textile Workers of Korea",  # "of" again
        "Korean Committee for Friendship with Peru",  # "Korean" opens it; "with" after "for"
        "Association of Korean Merchants in Spain",  # "in" a country
        "Korean Central News Agency",
        "Committee for Cultural Relations with Foreign Countries",  # not the person after it
        "Ministry of Health of Mongolia",  # nor "and Ambassador ..."
        "Fisheries Committee",  # "in" a city is not part of the name
    } <= orgs
    assert {"Ri Chol Gun", "Tsogt Baatar"} <= {m.name for m in x.mentions("person")}


@pytest.mark.parametrize(
    ("text", "kind", "named", "not_named"),
    [
        # "of the" is part of some names; another organisation or a state's country is not
        ("Delegates of the International Institute of the Juche Idea, the Communist Party of the "
         "People of Spain and the Party of Socialists in the Republic of Moldova met officials "
         "of the Ministry of the Interior, the Foreign Ministry of the DPRK, the Central "
         "Committee of the Workers' Party of Korea and the Publicity Department of the C.C., WPK.",
         "org",
         {"International Institute of the Juche Idea", "Communist Party of the People of Spain",
          "Party of Socialists in the Republic of Moldova", "Ministry of the Interior",
          "Foreign Ministry", "Workers' Party of Korea", "Publicity Department"},
         {"Foreign Ministry of the DPRK", "Central Committee of the Workers' Party of Korea",
          "Publicity Department of the C.C"}),
        # a state's name ending in a head noun is still a party's country
        ("Members of the Communist Party of the Russian Federation met the Foreign Ministry of "
         "the Russian Federation.",
         "org", {"Communist Party of the Russian Federation", "Foreign Ministry"},
         {"Communist Party", "Foreign Ministry of the Russian Federation"}),
        # a name ends before an adjective of nationality; a head noun takes its qualifier
        ("Present were the chairman of the Socialist Party of Nepal and Nepalese personages, the "
         "director of the Central Secretariat of the Labour Party, and members of the Joint "
         "Presidium. Kim Jong Il Presidium rings false.",
         "org",
         {"Socialist Party of Nepal", "Central Secretariat", "Joint Presidium"},
         {"Kim Jong Il Presidium", "Socialist Party of Nepal and Nepalese"}),
        # official names without the short one
        ("Envoys of the United Mexican States, the Hellenic Republic and the Swiss Confederation.",
         "country", {"Mexico", "Greece", "Switzerland"}, set()),
        # hills, camps, mountains, numbered schools, sites "for" something
        ("Baskets were laid on Mansu Hill. Campers at the Songdowon International Children's "
         "Camp climbed Mt Paektu and Mt. Myohyang, toured Moranbong Secondary School No. 1 and "
         "the Revolutionary Site for Party Foundation, and met at the School for 25 pupils.",
         "place",
         {"Mansu Hill", "Songdowon International Children's Camp", "Mt Paektu", "Mt Myohyang",
          "Moranbong Secondary School No. 1", "Revolutionary Site for Party Foundation"},
         {"School for 25"}),
        # enterprises, and a factory's or hill's number
        ("The Rakwon General Machine Enterprise, the Pyongyang Electric Cable General Factory 326 "
         "and the soldiers on Hill 351 met at the Kim Il Sung Square 2012.",
         "place",
         {"Rakwon General Machine Enterprise", "Pyongyang Electric Cable General Factory 326",
          "Hill 351"},
         {"Kim Il Sung Square 2012"}),
        # one more word after "and" ends an institution's "of" part, not a region's or a sea's
        ("Scholars of Pyongyang University of Science and Technology and of the Museum of Arms "
         "and Equipment sailed the East Sea of Korea and Kyushu waters to the Tower of the Juche "
         "Idea and Kimilsungia beds.",
         "place",
         {"Pyongyang University of Science and Technology", "Museum of Arms and Equipment",
          "East Sea of Korea", "Tower of the Juche Idea"},
         {"Pyongyang University of Science", "East Sea of Korea and Kyushu",
          "Tower of the Juche Idea and Kimilsungia"}),
        # companies, and a country's possessive before one
        ("Wang Haifu, manager of the China's Yanbian Commercial Co. Ltd., and the Hengfeng Trade "
         "Co., Ltd. sent baskets.",
         "org", {"Yanbian Commercial Co. Ltd.", "Hengfeng Trade Co., Ltd."},
         {"China's Yanbian Commercial Co. Ltd."}),
        # studios, foundations, boards and volunteers
        ("The Mansudae Art Studio and the Board of Directors of the Kim Il Sung-Kim Jong Il "
         "Foundation sent baskets to the martyrs of the Chinese People's Volunteers (CPV).",
         "org",
         {"Mansudae Art Studio", "Board of Directors", "Kim Il Sung-Kim Jong Il Foundation",
          "Chinese People's Volunteers"},
         set()),
        # a building of an organisation the gazetteer knows is a place, the organisation one too;
        # a region's "of" part is where it is, not part of its name
        ("Teachers of the Central Cadres Training School of the WPK and of the Sports Complex of "
         "the Korean People's Army met a delegation of Liaoning Province of the Communist Party "
         "of China.",
         "place",
         {"Central Cadres Training School of the WPK",
          "Sports Complex of the Korean People's Army"},
         {"Liaoning Province of the Communist Party of China"}),
        # what a society is "for the" study of, and with whom: all its name; a name stops before
        # a month, without its "of", and at the end of its line
        ("Members of the Zambian Society for the Study of the Juche Idea, the Committee for "
         "Solidarity with the Arab People, the Committee for the Peaceful Reunification of Korea "
         "and the Guinean Group for the Study of February 16 Art met. Present were the chairman "
         "of the Danish Institute for the Study of the Juche Idea\nFrancis Lyimo, chairman.",
         "org",
         {"Zambian Society for the Study of the Juche Idea",
          "Committee for Solidarity with the Arab People",
          "Committee for the Peaceful Reunification of Korea", "Guinean Group for the Study",
          "Danish Institute for the Study of the Juche Idea"},
         {"Zambian Society", "Guinean Group for the Study of",
          "Danish Institute for the Study of the Juche Idea\nFrancis Lyimo"}),
        # a party's faction in brackets is part of its name, an acronym is not
        ("The Communist Party of India (Marxist), the Nepal Communist Party (United "
         "Marxist-Leninist) and the Communist Party of Vietnam (CPV) sent envoys.",
         "org",
         {"Communist Party of India (Marxist)", "Nepal Communist Party (United Marxist-Leninist)",
          "Communist Party of Vietnam"},
         {"Communist Party of India", "Communist Party of Vietnam (CPV)"}),
        # what a site is for is no organisation; an organisation further on in its name is one
        ("They toured the Memorial Hall for Party Foundation and the Museum for Peace Studies "
         "of the Central Committee.",
         "org", {"Central Committee"}, {"Party Foundation", "Peace Studies"}),
        # a body's name right before its office holder's name ends at its head noun; the town
        # at its front is part of it, no place of its own
        ("Present were Chairman of the Kaesong City People's Committee Ri Chol Su and Director "
         "of the Hamhung Grand Theatre Pak Sun Hui.",
         "org", {"Kaesong City People's Committee"}, set()),
        ("Present were Chairman of the Kaesong City People's Committee Ri Chol Su and Director "
         "of the Hamhung Grand Theatre Pak Sun Hui.",
         "place", {"Hamhung Grand Theatre"}, {"Kaesong"}),
        # a place's "of" part is no adjective of nationality: that qualifies what follows
        ("Envoys toured the Summer Palace of the Thai king, the Museum of the Korean "
         "Revolution and the Hamhung University of Chemistry of the DPRK and left.",
         "place",
         {"Summer Palace", "Museum of the Korean Revolution",
          "Hamhung University of Chemistry of the DPRK"},
         {"Summer Palace of the Thai"}),
        # a legislature by the name its country calls it is a body, not a person
        ("B. Batbayar, vice-chairman of the State Great Hural of Mongolia, and a delegation of "
         "the Islamic Consultative Majlis met. On behalf of the State Great Hural he spoke.",
         "org", {"State Great Hural of Mongolia", "Islamic Consultative Majlis"}, set()),
        ("B. Batbayar, vice-chairman of the State Great Hural of Mongolia, and a delegation of "
         "the Islamic Consultative Majlis met. On behalf of the State Great Hural he spoke.",
         "person", {"B. Batbayar"}, {"Great Hural", "Consultative Majlis"}),
    ],
)  # fmt: skip
def test_names_of_organisations_and_states(text, kind, named, not_named):
    found = {m.name for m in find_entities(text).mentions(kind)}
    assert named <= found
    assert not not_named & found


def test_countries_the_world_over_and_their_adjectives():
    x = find_entities(
        "Greetings came from Spain, Moldova, Burkina Faso and Cote d'Ivoire. Portuguese Ambassador "
        "Joao Silva Costa and the president of Sierra Leone sent messages."
    )
    countries = {m.name for m in x.mentions("country")}
    assert {"Spain", "Moldova", "Burkina Faso", "Cote d'Ivoire", "Sierra Leone"} <= countries
    found = {m.name: list(m.roles) for m in x.mentions("person")}
    assert found == {"Joao Silva Costa": ["Portuguese Ambassador"]}  # no country as a person


_UN_MEMBER_NAMES = """Afghanistan Albania Algeria Andorra Angola Antigua_and_Barbuda Argentina Armenia
Australia Austria Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan
Bolivia Bosnia_and_Herzegovina Botswana Brazil Brunei Bulgaria Burkina_Faso Burundi Cabo_Verde
Cambodia Cameroon Canada Central_African_Republic Chad Chile China Colombia Comoros Congo
Democratic_Republic_of_the_Congo Costa_Rica Cote_d'Ivoire Croatia Cuba Cyprus Czech_Republic
Denmark Djibouti Dominica Dominican_Republic Ecuador Egypt El_Salvador Equatorial_Guinea Eritrea
Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada
Guatemala Guinea Guinea-Bissau Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq
Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Kuwait Kyrgyzstan Laos Latvia
Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia
Maldives Mali Malta Marshall_Islands Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia
Montenegro Morocco Mozambique Myanmar Namibia Nauru Nepal Netherlands New_Zealand Nicaragua Niger
Nigeria DPRK North_Macedonia Norway Oman Pakistan Palau Panama Papua_New_Guinea Paraguay Peru
Philippines Poland Portugal Qatar South_Korea Romania Russia Rwanda Saint_Kitts_and_Nevis
Saint_Lucia Saint_Vincent_and_the_Grenadines Samoa San_Marino Sao_Tome_and_Principe Saudi_Arabia
Senegal Serbia Seychelles Sierra_Leone Singapore Slovakia Slovenia Solomon_Islands Somalia
South_Africa South_Sudan Spain Sri_Lanka Sudan Suriname Sweden Switzerland Syria Tajikistan Tanzania
Thailand Timor-Leste Togo Tonga Trinidad_and_Tobago Tunisia Turkey Turkmenistan Tuvalu Uganda
Ukraine United_Arab_Emirates United_Kingdom United_States Uruguay Uzbekistan Vanuatu Venezuela
Vietnam Yemen Zambia Zimbabwe"""
UN_MEMBERS = [state.replace("_", " ") for state in _UN_MEMBER_NAMES.split()]


def test_the_gazetteer_names_every_member_state_of_the_un():
    from dipterm.extract.gazetteer import entries_of_kind

    assert len(UN_MEMBERS) == 193
    named = {entry.name for entry in entries_of_kind("country")}
    assert [state for state in UN_MEMBERS if state not in named] == []


def test_an_adjective_of_nationality_alone_titles_nobody():
    # "Portuguese" is no title: what follows it is no person's name.
    assert people("It joined the Portuguese Language Speaking Countries Forum.") == {}
    assert people("Flowers grew in the Guinean Kimilsungia Greenhouse.") == {}
    assert people("Cuban Ambassador to the DPRK Ana Ruiz Gomez spoke.") == {
        "Ana Ruiz Gomez": ["Cuban Ambassador to the DPRK"]
    }


def test_four_word_names_need_a_role_after_them():
    assert people(
        "Present were Mohamed Salem Ould Bah, secretary general of the Party of Progress."
    ) == {"Mohamed Salem Ould Bah": ["secretary general of the Party of Progress"]}
    assert people("Visitors toured the Grand Central Railway Station Museum.") == {}
    # The end of a title, not a name: "Minister of Foreign Trade Relations Pak ...".
    assert "Trade Relations Pak Song" not in people(
        "Minister of Foreign Trade Relations Pak Song, head of the delegation, spoke."
    )


def test_a_person_led_by_with_a_lower_case_title():
    assert "Ingrid Holm" in people("A delegation led by member Ingrid Holm arrived.")
    assert people("A delegation led by late Ingrid Holm arrived.") == {}


def test_the_roles_after_a_name_end_where_a_list_of_people_goes_on():
    found = people(
        "Present were Ri Chol Min, vice-premier of the Cabinet, Army General Pak Song Gun, "
        "vice-minister of National Defence, and Jang Ok Sun, member of the Central Committee "
        "of the Communist Party of Laos (CPL)."
    )
    assert found["Ri Chol Min"] == ["vice-premier of the Cabinet"]
    assert "Army General" in found["Pak Song Gun"][0]
    assert found["Jang Ok Sun"] == [
        "member of the Central Committee of the Communist Party of Laos"
    ]


def test_greetings_on_an_occasion_of_office_name_whom_and_the_office():
    found = people(
        "Kim Tok Hun sent a message on May 2 to Ana Maria Dos Santos upon her appointment as "
        "prime minister of Cabo Verde. Choe Son Hui sent a message to Wirajuda on his election "
        "as foreign minister of the Republic of Indonesia. Pak Ui Chun sent a message to Nasser "
        "Judeh upon his appointment as deputy prime minister and foreign minister of Jordan on "
        "the same day."
    )
    assert found["Ana Maria Dos Santos"] == ["prime minister of Cabo Verde"]
    assert found["Wirajuda"] == ["foreign minister of the Republic of Indonesia"]
    # the office ends as a role after a name does: two offices, and no "on the same day"
    assert found["Nasser Judeh"] == ["deputy prime minister", "foreign minister of Jordan"]
    assert people("He sent a message to the Cuban people on his election as chairman.") == {}


def test_plural_and_possessive_words_inside_names():
    x = find_entities(
        "The Workers' Party of Chile and the Overseas Koreans' Affairs Administration met. The "
        "Foreign Ministry's spokesman said the Workers' Party of Korea's line is right."
    )
    orgs = {m.name for m in x.mentions("org")}
    assert {
        "Workers' Party of Chile",
        "Overseas Koreans' Affairs Administration",
        "Foreign Ministry",
        "Workers' Party of Korea",
    } == orgs


def test_a_place_that_opens_a_longer_name_is_part_of_it():
    x = find_entities(
        "Officials of the Pyongyang Municipal People's Committee visited the Wonsan Bag Factory "
        "in South Hamgyong Province and the Thongil Street of Pyongyang Friday."
    )
    orgs = {m.name for m in x.mentions("org")}
    places = {m.name for m in x.mentions("place")}
    assert "Pyongyang Municipal People's Committee" in orgs
    assert "Wonsan Bag Factory" in places and "Wonsan" not in places
    assert "South Hamgyong" in places  # the gazetteer's province, not "... Province"
    assert {"Thongil Street", "Pyongyang"} <= places  # no weekday in a name


def test_whom_an_event_honours_takes_no_part_in_it():
    published = PartialDate(2024, 7, 26)
    x = analyse(
        "T",
        "Officials visited the Lao embassy here on Thursday to express condolences over the "
        "death of Somsak Phanthavong, president of Laos. Among them were Ri Chol Min, "
        "vice-premier, and Pak Song Gun, vice-minister. Laid before the portrait of Somsak "
        "Phanthavong was a wreath in the name of Kim Jong Un. Kim Yong Su then laid a floral "
        "basket before the statues of President Kim Il Sung and leader Kim Jong Il.",
        published,
    )
    events = {(e.type, e.place): set(e.participants) for e in x.events}
    assert events[("visit", "Pyongyang")] == {"Ri Chol Min", "Pak Song Gun"}
    assert events[("wreath-laying", "Pyongyang")] == {"Kim Jong Un", "Kim Yong Su"}


def test_whose_birthplace_or_family_it_is_takes_no_part():
    published = PartialDate(2019, 7, 13)
    x = analyse(
        "T",
        "Ana Ruiz Gomez, minister of Culture of Peru, visited Mangyongdae, birthplace of "
        "President Kim Il Sung, on Thursday. Family members of Ri Chol Min, Kim Yong Su and Pak "
        "Chol Min, Koreans related to the revolution, left here on Friday.",
        published,
    )
    events = {e.type: set(e.participants) for e in x.events}
    assert events["visit"] == {"Ana Ruiz Gomez"}
    assert events["departure"] == set()  # the families are named by whose they are
    letter = analyse("T", "The families of Ri Chol Min and Pak Song Gun sent letters to them on "
                     "Wednesday.", published)  # fmt: skip
    assert set(letter.events[0].participants) == {"Ri Chol Min", "Pak Song Gun"}


def test_a_list_of_whose_family_goes_on_past_an_appositive():
    x = analyse(
        "T",
        "Family members of Ri Chol Min, a fighter in China, and of Pak Song Gun, a teacher, left "
        "here on Friday. Kim Yong Su, vice-minister, saw them off.",
        PartialDate(2019, 7, 13),
    )
    assert [e.participants for e in x.events] == [("Kim Yong Su",)]


@pytest.mark.parametrize(
    ("text", "participants"),
    [
        # who else was there, in a sentence after the event
        ("The Cabinet hosted a reception for the festival on Thursday. Invited were foreign "
         "delegations. Ri Chol Min, vice-premier, and other officials were present there.",
         [("Ri Chol Min",)]),
        ("Banquets were held on Monday. Present at the banquets together with the innovators "
         "were Kim Yong Su, premier, and Ri Hak Chol, minister.",
         [("Kim Yong Su", "Ri Hak Chol")]),
        # who was only spoken of after wreaths were laid is not there; who led them is
        ("A delegation laid a floral basket before the statue on Thursday. The speakers praised "
         "the feats of Kim Jong Il. The delegation is headed by Pak Song Gun, minister.",
         [("Pak Song Gun",)]),
        # whose feats a site recalls took no part in a visit to it
        ("Pak Song Gun visited the site on Monday, associated with the feats of President Kim Il "
         "Sung.",
         [("Pak Song Gun",)]),
        # "the president of Pakistan" before the name is the president named after
        ("Ambassador Choe Chang Man presented his credentials to the president of Pakistan on "
         "October 28. He conveyed greetings to Asif Ali Zardari, president of the Islamic "
         "Republic of Pakistan.",
         [("Choe Chang Man", "Asif Ali Zardari")]),
        # whose birthday is celebrated takes no part; who leads the group for the birthday does
        ("A group for celebrating the birthday of the DPRK led by Ko Tok U, chairman, visited "
         "the museum on Friday to mark the birth anniversary of President Kim Il Sung.",
         [("Ko Tok U",)]),
        # the relatives of a long list of people came, not those people
        ("A delegation led by Pak Song Gun, minister, arrived here on Friday. Among them were "
         "family members of martyr Ri Chol Min, Koreans related to the anti-Japanese revolutionary "
         "struggle in China Kim Yong Su and Ri Hak Chol, and Chinese Zhou Wenlong and Li Hua.",
         [("Pak Song Gun",)]),
        # a letter "was read out and handed over"
        ("A letter to Kim Jong Un by the Russian campers was read out and courteously handed "
         "over to an official on July 30.",
         [("Kim Jong Un",)]),
        # a departure nobody is named in is still news
        ("A delegation of the Ruritanian parliament left here on Friday.", [()]),
        # a tribute laid may be described ("the large floral basket"); its envoy laid it
        ("Upon the authorization of the king, a delegation headed by Pak Song Gun, minister, "
         "visited the embassy on Monday and laid the large floral basket before the portrait.",
         [("Pak Song Gun",), ("Pak Song Gun",)]),
        # "he" after a title alone is the title's holder, not whom that sentence names after it;
        # a flower laid is a tribute
        ("Kim Jong Un, general secretary of the Workers' Party of Korea, visited the cemetery on "
         "Tuesday. The respected General Secretary was greeted at the spot by Pak Jong Chon and "
         "Ri Yong Gil. He laid a flower before the cemetery.",
         [("Kim Jong Un", "Pak Jong Chon", "Ri Yong Gil"), ("Kim Jong Un",)]),
        # a party's body in session is a meeting, with who was present; one only spoken of is not
        ("The 4th Plenary Meeting of the 8th Central Committee of the Workers' Party of Korea was "
         "convened on Monday. Kim Jong Un, general secretary of the WPK, was present at it.",
         [("Kim Jong Un",)]),
        ("Hu Jintao said the fifth session of the Supreme People's Assembly, which was held in "
         "April, was a great event. A reading session on the works was held in Lagos.", []),
        # whose tasks, works or leadership are spoken of takes no part; nor, in an event nobody
        # took part in by name, whom the article names only far on
        ("The plenary meeting of the union was held on Monday. It discussed the tasks set forth "
         "by the respected Comrade Kim Jong Un and the works of President Kim Il Sung. Kim Jong "
         "Sun, chairwoman, made a report.",
         [("Kim Jong Sun",)]),
        ("Visitors toured the Memorial Tower on Monday. It has sculptures. The tower stands "
         "high. It recalls the war. They vowed to fight if Lee Myung Bak provokes.", [()]),
        # a decoration named after a leader names no one; the dead after their honours is honoured
        ("Kim Jong Un visited the bier of winner of Kim Il Sung Order and Kim Jong Il Order Yang "
         "Hyong Sop, former vice-chairman, on Saturday.",
         [("Kim Jong Un",)]),
        # to whom visitors bow or pay homage takes no part; who they were, said next, does
        ("Foreign guests visited the Kumsusan Palace of the Sun on Sunday to pay homage to "
         "President Kim Il Sung. They paid tribute to Kim Jong Il. They included Anna Berg, "
         "member of parliament. They made a bow to Kim Il Sung.",
         [("Anna Berg",)]),
        # receiving a watch or a certificate is no meeting
        ("Ri Won Sik, director, received watches bearing the name of President Kim Il Sung on "
         "Tuesday. Pak Chol received a delegate certificate.", []),
        # whose birth is celebrated, or who died, takes no part
        ("Delegations arrived here on Friday to celebrate the centenary of the birth of President "
         "Kim Il Sung. Mourners placed flowers for the late So Man Sul on Saturday.",
         [(), ()]),
        # whom the people there speak of is not there: the founder, the leader of the state
        ("Choe Un Bok and officials laid floral baskets before the statue of President Kim Il "
         "Sung on Thursday. They said that the DPRK, founded by Kim Il Sung and glorified by Kim "
         "Jong Il, is demonstrating its might as it is led by Marshal Kim Jong Un.",
         [("Choe Un Bok",)]),
        ("Kim Yong Il met the delegation on Monday. The head of the delegation said that his "
         "visit provided an opportunity to know the reverence of the Korean people for President "
         "Kim Il Sung.",
         [("Kim Yong Il",)]),
        # but what is said may be the event: "said that X sent a message"
        ("Ho Jong Man made a report on Saturday. He said that Kim Jong Un sent a congratulatory "
         "message to the conference.",
         [("Ho Jong Man", "Kim Jong Un")]),
        # a "he" after a sentence that opened with "he" is still its subject, not whom it named
        ("Kim Jong Un visited the university on Monday. He recalled with deep emotion the "
         "exploits of President Kim Il Sung who founded it. He met the officials who visited "
         "their alma mater.",
         [("Kim Jong Un",), ("Kim Jong Un",)]),
        # who once visited a place is not there now
        ("Pak Jong Chon visited the Exhibition Hall which was visited by Marshal Kim Jong Un, on "
         "Tuesday.",
         [("Pak Jong Chon",)]),
    ],
)  # fmt: skip
def test_who_else_was_there_and_who_was_only_spoken_of(text, participants):
    x = analyse("T", text, PartialDate(2012, 9, 28))
    assert [e.participants for e in x.events] == participants


@pytest.mark.parametrize(
    "text, parts",
    [
        ("Kim Jong Un sent a congratulatory message to Xi Jinping on Monday.",
         {"Kim Jong Un": "sender", "Xi Jinping": "addressee"}),
        ("Kim Jong Un received a message of greetings from Bashar al-Assad on February 6.",
         {"Kim Jong Un": "addressee", "Bashar al-Assad": "sender"}),
        ("Sergei Lavrov courteously conveyed the personal letter from Vladimir Putin to Kim Jong "
         "Un on Thursday.",
         {"Sergei Lavrov": "carrier", "Vladimir Putin": "sender", "Kim Jong Un": "addressee"}),
        ("Vladimir Putin's letter to Kim Jong Un was delivered by Alexandr Matsegora on Friday.",
         {"Kim Jong Un": "addressee", "Alexandr Matsegora": "carrier"}),
        ("Kim Jong Un met Sergei Lavrov on Friday. He received a letter from Vladimir Putin.",
         {"Kim Jong Un": "addressee", "Vladimir Putin": "sender"}),
        ("Kim Jong Un expressed gratitude to Vladimir Putin for sending a warm-hearted letter.",
         {"Kim Jong Un": "addressee", "Vladimir Putin": "sender"}),
    ],
)  # fmt: skip
def test_a_letter_or_message_says_who_sent_it_got_it_and_carried_it(text, parts):
    [letter] = [
        e
        for e in analyse("T", text, PartialDate(2024, 6, 1)).events
        if e.type in ("letter", "message")
    ]
    assert dict(letter.parts) == parts


@pytest.mark.parametrize(
    "glued", ["the respected HEKim Jong Un, president", "to H.E.Kim Jong Un, president",
              "to ComradeKim Jong Un, president"],
)  # fmt: skip
def test_an_honorific_a_scraper_glued_to_a_name_is_no_part_of_it(glued):
    x = analyse("T", f"Thanks were expressed {glued} of the State Affairs, on Monday.", None)
    [person] = [m for m in x.mentions if m.kind == "person"]
    assert (person.name, person.spellings) == ("Kim Jong Un", ("Kim Jong Un",))


def test_a_longer_korean_name_is_not_the_gazetteer_name_it_opens():
    found = people("Present were Kim Song Il, vice-chairman, and Kim Song, ambassador to the UN.")
    assert set(found) == {"Kim Song Il", "Kim Song"}


def test_a_korean_name_is_not_a_county_spelt_in_two_words():
    found = find_entities("Present were Kim Hwa Sik, vice-minister, and people of Kimhwa County.")
    assert [(s.kind, s.name) for s in found.spans if s.kind in ("person", "place")] == [
        ("person", "Kim Hwa Sik"),
        ("place", "Kimhwa"),
    ]


def test_a_slogan_in_marks_is_quoted_without_a_speaker():
    x = analyse(
        "T",
        "Meetings called for upholding this year's slogan \"Let us advance with fresh courage "
        'for the people!" Workers carried "clean and treated water" to the site.',
        PartialDate(2018, 1, 9),
    )
    assert [(q.speaker, q.text) for q in x.quotes] == [
        (None, "Let us advance with fresh courage for the people!")
    ]


def test_returning_home_is_an_arrival_not_where_they_came_from():
    x = analyse(
        "T",
        "A delegation led by Pak Song Chol, vice-chairman of the Friendship Association, "
        "returned home on Friday after visiting Amur Region of Russia.",
        PartialDate(2012, 8, 25),
    )
    assert [(e.type, str(e.date), e.place, e.participants) for e in x.events] == [
        ("arrival", "2012-08-24", None, ("Pak Song Chol",))
    ]


@pytest.mark.parametrize(
    ("text", "arrived"),
    [
        ("Choummaly Sayasone arrived at the airport on Friday.", True),
        ("The delegation arrived at Hamhung City on Monday evening.", True),
        ("The delegation led by Ri Chol Jin came back home Tuesday after the conference.", True),
        ("When he arrived at the venue of the photo session, all the participants cheered.", False),
        ("The youth brigade arrived at the site for recovery on Friday.", False),
    ],
)
def test_an_arrival_is_at_a_place_named_or_a_port_not_at_a_venue(text, arrived):
    x = analyse("T", text, PartialDate(2012, 8, 25))
    assert any(e.type == "arrival" for e in x.events) == arrived


@pytest.mark.parametrize(
    ("text", "visits"),
    [
        # the people at large: a visit nobody is named in, where and when as the sentence says
        ("Teachers, officials and pupils across the province visited the statues in their "
         "home towns. They laid flowers.", [("visit", None, None, ())]),
        ("On Monday many students visited the Museum of the Revolution in Hamhung.",
         [("visit", "2012-08-20", "Museum of the Revolution", ())]),
        # not a date or place the sentences before gave: the crowd came over days, all over
        ("The hall was built in Pyongyang in May 1970. Many officials and working people "
         "visited the hall.", [("visit", None, None, ())]),
        # someone named visits, or visited places are spoken of: no crowd
        ("Kim Jong Un, who gave the people new homes, visited the flooded areas.",
         [("visit", None, None, ("Kim Jong Un",))]),
        ("The people spoke of the farms visited by the leader.", []),
        ("The lecture ended. It visited old themes.", []),
    ],
)  # fmt: skip
def test_crowds_visiting_are_visits_nobody_is_named_in(text, visits):
    x = analyse("T", text, PartialDate(2012, 8, 25))
    found = [(e.type, e.date and e.date.iso, e.place, e.participants) for e in x.events]
    assert [v for v in found if v[0] == "visit"] == visits


def test_whose_greetings_are_brought_is_not_at_the_meeting():
    x = analyse(
        "T",
        "Ambassador Ri Chol Min met King Rama Tenth on Monday and conveyed the greetings from "
        "Kim Jong Un to him. Kim Jong Un sent a message to King Rama Tenth on Monday.",
        PartialDate(2024, 8, 7),
    )
    events = {e.type: set(e.participants) for e in x.events}
    assert "Ri Chol Min" in events["meeting"]
    assert "Kim Jong Un" not in events["meeting"] and "Kim Jong Un" in events["message"]


def test_who_greeted_the_visitors_took_part_in_their_arrival():
    arrival = analyse(
        "T",
        "Ana Ruiz Gomez, foreign minister of Peru, arrived here on Monday. Pak Song Chol, "
        "vice-minister of Foreign Affairs, warmly greeted the foreign minister.",
        PartialDate(2024, 8, 7),
    )
    assert set(arrival.events[0].participants) == {"Ana Ruiz Gomez", "Pak Song Chol"}
    message = analyse(
        "T",
        "Kim Jong Un sent a message to Ana Ruiz Gomez, president of Peru, on Monday. Pak Song "
        "Chol, a farmer, greeted the new year.",
        PartialDate(2024, 8, 7),
    )
    assert "Pak Song Chol" not in message.events[0].participants


def test_here_is_where_the_report_was_filed():
    published = PartialDate(2019, 3, 6)
    filed = analyse("T", "A delegation led by Ana Ruiz Gomez, minister of Culture of Peru, left "
                    "here for Lima on Tuesday.", published)  # fmt: skip
    assert [(e.type, e.place) for e in filed.events] == [("departure", "Pyongyang")]
    abroad = analyse("T", "Moscow, March 6 (KCNA) -- Pak Song Chol, minister of Culture of the "
                     "DPRK, arrived here on Tuesday.", published)  # fmt: skip
    assert [(e.type, e.place) for e in abroad.events] == [("arrival", "Moscow")]
    # A place the next sentence names is more exact than "here".
    greeted = analyse("T", "Ana Ruiz Gomez, minister of Culture of Peru, arrived here on Tuesday. "
                      "She was greeted at Pyongyang International Airport by Pak Song Chol, "
                      "minister of Culture.", published)  # fmt: skip
    assert [e.place for e in greeted.events] == ["Pyongyang International Airport"]
    # "here" before the event says who, not where: "the attaches here toured the mountains".
    corps = analyse("T", "Ana Ruiz Gomez, military attache here, toured factories on Tuesday.",
                    published)  # fmt: skip
    assert [e.place for e in corps.events] == [None]


def test_us_pronoun_is_not_the_united_states():
    countries = {m.name for m in find_entities("Let us see what the US does.").mentions("country")}
    assert countries == {"United States"}


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("on May 31", PartialDate(2018, 6, 1), "2018-05-31"),
        ("in April", PartialDate(2019, 5, 21), "2019-04"),
        ("on Tuesday", PartialDate(2024, 8, 28), "2024-08-27"),
        ("on Sept. 17", PartialDate(2024, 9, 18), "2024-09-17"),
        ("on Dec. 30", PartialDate(2025, 1, 2), "2024-12-30"),
        ("on December 18, 2023", PartialDate(2024, 1, 12), "2023-12-18"),
        # the Juche calendar counts from 1912; the year in brackets agrees
        ("One day in August Juche 52 (1963)", PartialDate(2024, 8, 13), "1963-08"),
        ("on October 10, Juche 34", PartialDate(2024, 10, 10), "1945-10-10"),
    ],
)
def test_relative_dates_resolve_against_publication(text, published, expected):
    [ref] = find_time_refs(text, published)
    assert ref.date.iso == expected


ARTICLE = (
    "Pyongyang, March 5 (KCNA) -- Choe Son Hui, minister of Foreign Affairs of the DPRK, met "
    "Chinese Foreign Minister Wang Yi at the Diaoyutai State Guesthouse in Beijing on Tuesday.\n\n"
    "They had talks on bilateral relations.\n\n"
    "She laid a wreath at the Friendship Monument on Wednesday.\n\n"
    "Wang Yi conveyed a letter from Xi Jinping to Kim Jong Un.\n\n"
    "\u201cThe friendship between our two countries will last forever,\u201d Choe Son Hui said.\n\n"
    "Both sides praised the \u201cnew era\u201d of ties.\n\n"
    "Our cooperation will grow stronger year after year, Wang Yi stressed."
)


def test_events_of_an_article():
    x = analyse("Talks", ARTICLE, PartialDate(2024, 3, 7))
    events = {(e.type, e.date.iso if e.date else None): e for e in x.events}
    meeting = events[("meeting", "2024-03-05")]
    assert meeting.place == "Diaoyutai State Guesthouse"
    assert set(meeting.participants) == {"Choe Son Hui", "Wang Yi"}
    assert ("talks", "2024-03-05") not in events  # the talks were part of the meeting
    letter = events[("letter", "2024-03-06")]  # undated: it continues the sentence before
    assert letter.place is None and set(letter.participants) == {
        "Wang Yi",
        "Xi Jinping",
        "Kim Jong Un",
    }
    wreath = events[("wreath-laying", "2024-03-06")]
    assert wreath.participants == ("Choe Son Hui",) and wreath.place == "Friendship Monument"
    assert x.dateline.place == "Pyongyang" and x.dateline.source == "KCNA"


def test_quotes_marked_and_unmarked_and_scare_quotes_skipped():
    x = analyse("Talks", ARTICLE, PartialDate(2024, 3, 7))
    quotes = {(q.speaker, q.text) for q in x.quotes}
    assert quotes == {
        ("Choe Son Hui", "The friendship between our two countries will last forever"),
        ("Wang Yi", "Our cooperation will grow stronger year after year"),
    }


def test_a_message_printed_whole_is_its_senders_words():
    x = analyse(
        "T",
        "Pyongyang, May 3 (KCNA) -- Kim Jong Un received a reply message from Ana Ruiz Gomez, "
        "president of Peru, on May 1.\n\nThe message said:\n\nI thank you for your warm "
        "congratulations on my election.\n\nI hope our ties grow stronger. -0-",
        PartialDate(2024, 5, 3),
    )
    assert [(q.speaker, q.text) for q in x.quotes] == [
        ("Ana Ruiz Gomez", "I thank you for your warm congratulations on my election."),
        ("Ana Ruiz Gomez", "I hope our ties grow stronger."),
    ]
    sent = analyse(
        "T",
        "Choe Son Hui sent a message to Ana Ruiz Gomez. The message said: Our friendship will grow.",
        None,
    )
    assert [(q.speaker, q.text) for q in sent.quotes] == [
        ("Choe Son Hui", "Our friendship will grow.")
    ]
    by = analyse(
        "T",
        "Kim Jong Un received a message sent by Ana Ruiz Gomez, president of Peru.\n\n"
        "The message said:\n\nWe send you warm greetings.",
        None,
    )
    assert [q.speaker for q in by.quotes] == ["Ana Ruiz Gomez"]
    # A committee's message has no person to quote, whoever else the report names.
    for report in (
        "The WPK Central Committee sent a message over the death of Ri Chol Min.",
        "Kim Jong Un received a message from the Lao Party.",
    ):
        x = analyse("T", report + "\n\nThe message said:\n\nWe share your deep grief.", None)
        assert x.quotes == (), report


def test_summit_between_two_heads_of_state():
    x = analyse(
        "Summit",
        "Kim Jong Un, general secretary of the WPK, met Vietnamese President "
        "To Lam in Hanoi on Monday.",
        PartialDate(2024, 6, 20),
    )
    [event] = x.events
    assert event.type == "summit" and event.place == "Hanoi" and event.date.iso == "2024-06-17"


def test_talks_between_two_heads_of_state_held_are_a_summit():
    x = analyse(
        "Talks",
        "Pyongyang, June 15 (KCNA) -- Tete-a-tete talks between General Secretary Kim Jong Il "
        "and President Lee Sung Ho of Farland were held here on June 14.",
        PartialDate(2000, 6, 15),
    )
    assert [(e.type, e.date.iso, e.place, set(e.participants)) for e in x.events] == [
        ("summit", "2000-06-14", "Pyongyang", {"Kim Jong Il", "Lee Sung Ho"})
    ]


@pytest.mark.parametrize(
    "text",
    [
        # two heads of the DPRK's own bodies receiving an ambassador hold no summit
        "Upon the authorization of Kim Jong Un, chairman of the State Affairs Commission of the "
        "DPRK, Choe Ryong Hae, president of the Presidium of the Supreme People's Assembly, "
        "received the credentials from Swedish Ambassador Per Bergstrom on Thursday.",
        # the head of a sports council or a firm leads no state: meeting one is no summit
        "Kim Yong Nam, president of the Presidium of the Supreme People's Assembly, met Omar "
        "Haddad, president of the Gulf Sports Council, and Li Wei, chairman of the Ruyi Group "
        "Company, on Thursday.",
        # the speaker of a legislature leads no state
        "Choe Thae Bok, chairman of the Supreme People's Assembly, met Dorj Bat, chairman of "
        "the State Great Hural of Mongolia, and Mongolian President Erdene Sukh on Thursday.",
    ],
)
def test_a_meeting_with_no_foreign_head_of_state_is_no_summit(text):
    assert [e.type for e in analyse("Meeting", text, PartialDate(2019, 12, 13)).events] == [
        "meeting"
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Choe Son Hui MET Wang Yi in Beijing on Tuesday.",  # capitals, ASCII
        "Choe Son Hui Met Wang Yi in Beijing on Tuesday \u2014 \u201cwarmly\u201d.",  # not ASCII
    ],
)
def test_triggers_and_follow_ons_ignore_case_in_any_text(sentence):
    x = analyse("Talks", sentence + " PRESENT THERE WERE Ri Son Gwon and Kim Song Nam.", None)
    [event] = x.events
    assert event.type == "meeting" and event.place == "Beijing"
    assert set(event.participants) == {"Choe Son Hui", "Wang Yi", "Ri Son Gwon", "Kim Song Nam"}


def test_a_date_needs_a_month_weekday_or_yesterday_in_its_sentence():
    published = PartialDate(2024, 6, 20)
    assert [r.date.iso for r in find_time_refs("on 3 June and yesterday", published)] == [
        "2024-06-03",
        "2024-06-19",
    ]
    assert find_time_refs("in 2019, 12 delegates of 30 states", published) == []


def test_eval_cli_counts_each_fields_hits_misses_and_extras(run, tmp_path):
    import json

    records = [json.loads(line) for line in Path(GOLD).read_text().splitlines()]
    exact = json.loads(run("eval", str(GOLD), "--articles", str(SEEDS), "--json", db=None).stdout)
    # the rules find exactly what the seeds' annotations hold: every annotation is a hit
    for field in ("people", "organizations", "places", "countries", "quotes"):
        held = sum(len(r[field]) for r in records)
        assert (exact["fields"][field]["tp"], exact["fields"][field]["fp"]) == (held, 0), field
        assert exact["fields"][field]["fn"] == 0 and exact["fields"][field]["f1"] == 1.0
    # One person taken out of the annotations (the rules still find him: an extra) and one
    # person put in who is not there (a miss).
    first = records[0]
    dropped = first["people"].pop()
    first["people"].append({"name": "Nobody Anywhere", "roles": []})
    changed = tmp_path / "eval" / "gold-changed.jsonl"
    changed.parent.mkdir()
    changed.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = run("eval", str(changed), "--articles", str(SEEDS), "--json", db=None).stdout
    people = json.loads(out)["fields"]["people"]
    held = exact["fields"]["people"]["tp"]
    assert (people["tp"], people["fp"], people["fn"]) == (held - 1, 1, 1), dropped
    assert people["precision"] == people["recall"] == pytest.approx((held - 1) / held, abs=1e-3)
    assert json.loads(out)["fields"]["places"] == exact["fields"]["places"]


def test_eval_finds_the_articles_in_the_folder_named_after_the_gold_file(run, tmp_path):
    import shutil

    shutil.copy(GOLD, tmp_path / "gold-mine.jsonl")
    no_folder = run("eval", str(tmp_path / "gold-mine.jsonl"), db=None)
    assert no_folder.exit_code == 2 and "no article file" in no_folder.stderr
    assert "--articles" in no_folder.stderr  # the message says how to name the folder
    shutil.copytree(SEEDS, tmp_path / "mine")
    result = run("eval", str(tmp_path / "gold-mine.jsonl"), db=None)
    assert result.exit_code == 0 and result.stdout.startswith("2 articles")


def test_eval_finds_the_articles_one_folder_up_as_the_seeds_beside_eval(run, tmp_path):
    import shutil

    (tmp_path / "eval").mkdir()
    shutil.copy(GOLD, tmp_path / "eval" / "gold-mine.jsonl")
    shutil.copytree(SEEDS, tmp_path / "mine")  # beside eval/, as seeds/ is
    result = run("eval", str(tmp_path / "eval" / "gold-mine.jsonl"), db=None)
    assert result.exit_code == 0 and result.stdout.startswith("2 articles")


EVAL = Path(__file__).resolve().parent.parent / "eval"
# Each hand-annotated set of real articles (eval/README.md), with floors a little under what was
# measured: the seeds know nothing of these articles, and half of the Rodong set and of the first
# KCNA set were never looked at while the rules were tuned.
FIELDS = ("people", "roles", "organizations", "places", "countries", "events", "event_places",
          "event_participants")  # fmt: skip
FLOORS = {  # in the order of FIELDS
    "kcna-2024":               (0.95, 0.90, 0.90, 0.90, 0.95, 0.85, 0.78, 0.80),
    "kcna-2024-second":        (0.95, 0.95, 0.88, 0.70, 0.95, 0.95, 0.90, 0.90),
    "kcna-2024-third":         (0.95, 0.95, 0.90, 0.95, 0.95, 0.70, 0.70, 0.85),
    "rodong-2018-2021":        (0.90, 0.85, 0.90, 0.95, 0.95, 0.90, 0.90, 0.75),
    "rodong-2018-2021-second": (0.95, 0.95, 0.85, 0.95, 0.95, 0.80, 0.65, 0.90),
    "rodong-2018-2021-third":  (0.95, 0.80, 0.80, 0.65, 0.95, 0.80, 0.80, 0.85),
    "rodong-topnews-2021-2022": (0.95, 0.90, 0.90, 0.95, 0.95, 0.85, 0.85, 0.85),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_each_evaluation_set_stays_above_its_floors(name):
    report = evaluate(EVAL / f"gold-{name}.jsonl", EVAL / name)
    for field, floor in zip(FIELDS, FLOORS[name], strict=True):
        assert report.scores[field].f1 >= floor, (field, report.scores[field].f1)


# KCNA 2011-2012 is annotated where it lies (GPL-3, not in the repository): its articles are read
# from the shared corpus beside the checkout, as `dipterm eval` does by default.
CORPUS_FLOORS = (0.95, 0.85, 0.78, 0.62, 0.95, 0.90, 0.75, 0.93)  # in the order of FIELDS


def test_the_kcna_2011_2012_set_stays_above_its_floors(run):
    from dipterm.extract.gold_records import default_corpus

    gold = EVAL / "gold-kcna-2011-2012.jsonl"
    if default_corpus(gold) is None:
        pytest.skip("the shared KCNA 2011-2012 corpus is not beside this checkout")
    result = run("eval", str(gold), "--json", db=None)
    scores = json.loads(result.stdout)["fields"]
    for field, floor in zip(FIELDS, CORPUS_FLOORS, strict=True):
        assert scores[field]["f1"] >= floor, (field, scores[field]["f1"])


# KCNA 1998-2010's texts are "All Rights Reserved": each developer fetches them into the git-ignored
# eval/kcna-1998-2010/ (eval/README.md), and the gold records name them by sha256.
FETCHED_FLOORS = (0.93, 0.70, 0.78, 0.35, 0.92, 0.40, 0.35, 0.42)  # in the order of FIELDS


def test_the_kcna_1998_2010_set_stays_above_its_floors():
    from dipterm.errors import InputError
    from dipterm.extract.evaluate import read_gold
    from dipterm.extract.gold_files import check_article_files

    gold, articles = EVAL / "gold-kcna-1998-2010.jsonl", EVAL / "kcna-1998-2010"
    try:
        check_article_files(gold, read_gold(gold), articles)
    except InputError as absent:
        pytest.skip(f"the KCNA 1998-2010 texts are not fetched: {absent}")
    report = evaluate(gold, articles)
    for field, floor in zip(FIELDS, FETCHED_FLOORS, strict=True):
        assert report.scores[field].f1 >= floor, (field, report.scores[field].f1)


# Events search a sentence only with the triggers whose words it holds: every trigger that
# matches a sentence must be among them, whatever the words and however they are glued.
_TRIGGER_TEXT = [
    "met", "meets", "received", "held", "had", "a", "the", "talks", "summit", "meeting", "sent",
    "letter", "messages", "laid", "wreath", "floral", "baskets", "paid", "call", "on", "courtesy",
    "visit", "visited", "toured", "signed", "arrived", "in", "left", "for", "banquet", "dinner",
    "his", "credentials", "was", "were", "there", "between", "took", "place", "will", "Kim", "him",
    "returned", "home", "flower", "flowers", "plenary", "enlarged", "sitting", "session", "fourth",
    "political", "bureau", "politburo", "convened", "opened", "which",
]  # fmt: skip


@given(
    st.lists(
        st.tuples(st.sampled_from(_TRIGGER_TEXT), st.sampled_from([" ", " ", "  ", "", "-", ", "])),
        max_size=12,
    )
)
def test_a_sentence_is_searched_with_every_trigger_that_matches_it(parts) -> None:
    from dipterm.extract.events import TRIGGERS, _needed_words, _triggers_in, _triggers_of

    text = "".join(word + gap for word, gap in parts)
    lowered = text.lower()
    searched = set(_triggers_in(text, lowered))
    matched = {t for t in TRIGGERS if t[1].search(text)}
    assert matched <= searched
    # and read from the text's words, as an ASCII article is
    if text.isascii():
        assert matched <= set(_triggers_of(set(_needed_words(text)[1])))


@given(st.text(alphabet="aZs9_.'\u2019- \n\t,", max_size=40))
def test_runs_of_capitalised_words_are_those_their_plain_pattern_finds(text: str) -> None:
    import re

    from dipterm.extract.spans import _RUN, CAPWORD

    plain = re.compile(rf"{CAPWORD}(?:[ \t]+{CAPWORD})*")
    assert [m.span() for m in _RUN.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.text(alphabet="aZ9_.'- \n\t,\x7f", max_size=40))
def test_ascii_text_splits_into_the_words_any_text_does(text: str) -> None:
    from dipterm.extract.gazetteer import _ASCII_TOKEN, _TOKEN

    assert _ASCII_TOKEN.split(text) == _TOKEN.split(text)


# "the ROLE" is looked for as a string in ASCII text and checked around: it must find what the
# pattern each role once compiled to finds, whatever stands around it.
_ROLE_TEXT = [
    "the ", "The ", "THE ", "the  ", "the\n", "xthe ", "_the ", "he ", "the", " ", ",", ".", "'",
    "Kim", " Kim", " kim", "s", "_", "\t", "\x1c", "-", "2", "é",
]  # fmt: skip
_ROLES = ["foreign minister", "Russian president", "chief of the General Staff.", "Party's head"]


@settings(max_examples=500)
@given(
    st.sampled_from(_ROLES),
    st.lists(
        st.one_of(st.sampled_from(_ROLE_TEXT), st.sampled_from(["role", "ROLE", "Role"])),
        max_size=10,
    ),
)
def test_a_role_referring_back_is_found_as_its_pattern_finds_it(role: str, parts) -> None:
    from dipterm.extract.role_holders import _role_reference, _role_references

    forms = {"role": role.lower(), "ROLE": role.upper(), "Role": role.title()}
    text = "".join(forms.get(part, part) for part in parts)
    expected = [(m.start(1), m.end(1)) for m in _role_reference(role).finditer(text)]
    assert list(_role_references(role, text, text.lower())) == expected


_SPAN = st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda s: (s[0], s[0] + s[1]))


@given(st.lists(_SPAN, max_size=6), _SPAN)
def test_a_mention_overlaps_what_was_taken_where_the_two_share_a_character(taken, span) -> None:
    from dipterm.extract.spans import Taken

    marks = Taken("x" * 40)
    for stretch in taken:
        marks.append(stretch)
    assert marks.overlaps(span) == any(span[0] < end and start < span[1] for start, end in taken)


def _participants(text: str) -> dict[str, set[str]]:
    """Who took part in each type of event of a text, its events of one type taken together."""
    events: dict[str, set[str]] = {}
    for e in analyse("T", text, PartialDate(2024, 7, 1)).events:
        events.setdefault(e.type, set()).update(e.participants)
    return events


def test_whose_likeness_is_honoured_takes_no_part():
    # paintings, pictures, images and old homes of anyone; a list goes on past names the
    # extractor does not know ("Kim Il") and past "standing together with"
    events = _participants(
        "Ri Chol Min laid a floral basket before the full-length painting of Pak Song Gun "
        "standing together with Kim Yong Su on Monday. Choe Un Bok placed flowers at the busts "
        "of O Jin U, Kim Il, Ri Man Sok, Kang Kon and Jo Hyon Chol on Tuesday. Pak Song Chol laid "
        "flowers at the busts of An Kil, Ri Kwang Su and Kim Hyong Sop on Wednesday."
    )
    assert events["wreath-laying"] == {"Ri Chol Min", "Choe Un Bok", "Pak Song Chol"}
    events = _participants("The delegation led by Ana Ruiz Gomez visited the old home of "
                           "Pak Song Gun and the mosaic depicting Kim Yong Su on Monday.")  # fmt: skip
    assert events["visit"] == {"Ana Ruiz Gomez"}


def test_whom_people_trust_or_are_loyal_to_takes_no_part():
    events = _participants(
        "Pak Song Gun met the delegation led by Ana Ruiz Gomez on Monday. She said her party "
        "had the boundless trust in President Ri Chol Min and Chairman Kim Yong Su, loyalty to "
        "Choe Un Bok and yearning for Jo Hyon Chol, under the guidance of Ri Man Sok."
    )
    assert events["meeting"] == {"Pak Song Gun", "Ana Ruiz Gomez"}
    events = _participants("Kim Yong Su gave a banquet on Monday to mark the 10th anniversary "
                           "of leader Ri Chol Min's visit to Laos.")  # fmt: skip
    assert events["banquet"] == {"Kim Yong Su"}
    events = _participants("Kim Yong Su, who held Kang Kon in high esteem, met Pak Song Chol "
                           "on Monday.")  # fmt: skip
    assert events["meeting"] == {"Kim Yong Su", "Pak Song Chol"}


def test_whose_things_are_named_in_the_possessive_takes_no_part():
    events = _participants(
        "Pak Song Gun visited the school on Monday. President Ri Chol Min's autographic "
        "proposition left for the first graduates was shown to Kim Yong Su."
    )
    assert "Ri Chol Min" not in events.get("departure", set())
    events = _participants("Ana Ruiz Gomez, minister of Culture of Peru, visited Ri Chol Min's "
                           "birthplace and Kim Yong Su's smiling portrait on Monday.")  # fmt: skip
    assert events["visit"] == {"Ana Ruiz Gomez"}
    # their own visit or talks are theirs; a letter's sender stays its sender
    events = _participants("Pak Song Gun hosted a banquet in welcome of Ri Chol Min's visit on "
                           "Monday. Kim Yong Su's letter was delivered to Choe Un Bok on Monday.")  # fmt: skip
    assert events["banquet"] == {"Pak Song Gun", "Ri Chol Min"}
    assert "Kim Yong Su" in events["letter"]


def test_a_name_after_led_by_and_a_two_word_title_is_a_person():
    # "led by national leader X", as "led by member X" was: the title's head is its last word
    text = ("Kim Yong Nam met the delegation of the Communist Party of Ruritania led by "
            "national leader Sandra Smith on Friday.")  # fmt: skip
    x = analyse("T", text, PartialDate(1998, 9, 26))
    assert "Sandra Smith" in {m.name for m in x.people}
    assert set(x.events[0].participants) == {"Kim Yong Nam", "Sandra Smith"}
    # not a title: "led by the late X" names nobody new
    late = analyse("T", "A delegation led by the late Hugo Sandoval visited here.",
                   PartialDate(1998, 9, 26))  # fmt: skip
    assert "Hugo Sandoval" not in {m.name for m in late.people}
