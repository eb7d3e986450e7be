"""Places in every grammatical case and spelling, through the gazetteer."""

from __future__ import annotations

import pytest

from temoin.core.gazetteer import distance_km, load_gazetteer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Я служил в Бахмуте два месяца.", ["Bakhmut"]),
        ("Нас бросили под Авдеевкой.", ["Avdiivka"]),
        ("Мы отступили из Херсона в ноябре.", ["Kherson"]),
        (
            "Я був у Запоріжжі, потім у Харкові та Києві.",
            ["Zaporizhzhia", "Kharkiv", "Kyiv"],
        ),
        ("Перекинули до Нової Каховки, потім під Кринки.", ["Nova Kakhovka", "Krynky"]),
        ("We were stationed near Bakhmut, then in Kharkiv.", ["Bakhmut", "Kharkiv"]),
        (
            "Nous étions à Marioupol puis près de Zaporijjia.",
            ["Mariupol", "Zaporizhzhia"],
        ),
        (
            "Учения были в Белгородской области, потом в Ростове-на-Дону.",
            ["Belgorod Oblast", "Rostov-on-Don"],
        ),
        (
            "Под Артёмовском, в Кривом Роге, в Донбассе.",
            ["Bakhmut", "Kryvyy Rih", "Donbas"],
        ),
    ],
)
def test_it_finds_places_in_any_case_and_spelling(
    text: str, expected: list[str]
) -> None:
    found = [match.place.en for match in load_gazetteer().find(text)]
    assert found == expected


def test_it_ignores_common_words_at_sentence_start_and_lower_case() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.find("Мирные жители уехали. мирный город.") == []
    assert [m.place.en for m in gazetteer.find("Потом город Мирный.")] == ["Mirny"]


def test_it_knows_names_in_three_scripts_and_coordinates() -> None:
    gazetteer = load_gazetteer()
    bakhmut = gazetteer.find("Bakhmut")[0].place
    assert (bakhmut.ru, bakhmut.uk, bakhmut.en) == ("Бахмут", "Бахмут", "Bakhmut")
    avdiivka = gazetteer.find("Авдіївка")[0].place
    assert avdiivka.ru == "Авдеевка"
    assert 20 < distance_km(bakhmut, avdiivka) < 70
    assert bakhmut in gazetteer.near(avdiivka, 70)
    assert gazetteer.get(bakhmut.id) == bakhmut


def test_it_ships_regions_and_cities_of_both_countries() -> None:
    gazetteer = load_gazetteer()
    assert len(gazetteer) > 1200
    kursk = gazetteer.find("в Курской области")[0].place
    assert kursk.is_region and kursk.country == "RU"
    assert gazetteer.find("Одеса")[0].place.country == "UA"
