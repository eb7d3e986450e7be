from __future__ import annotations

import pytest

from temoin.core.redact import Label
from tests.core.redact.helpers import covered, redacted, untouched


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Звоните маме: +7 (903) 412-77-19, лучше вечером.", "+7 (903) 412-77-19"),
        ("мій номер 0 6 7 3 1 2 4 4 5 9 пиши", "0 6 7 3 1 2 4 4 5 9"),
        ("Joignable au 06 44 18 20 97 le soir.", "06 44 18 20 97"),
        (
            "Телефон брата: плюс семь девятьсот три сорок один два ноль ноль "
            "один девять.",
            "плюс семь девятьсот три сорок один два ноль ноль один девять",
        ),
        ("my number is zero six four four one eight two zero nine seven", "zero six"),
    ],
)
def test_it_finds_phone_numbers_in_any_layout(text: str, phone: str) -> None:
    assert covered(text, phone)


@pytest.mark.parametrize(
    "contact",
    [
        "misha.free@proton.me",
        "misha.free [at] proton [dot] me",
        "misha.free (собака) yandex.ru",
        "misha.free at tuta dot io",
        "@misha_na_volne",
        "t.me/misha_na_volne",
        "vk.com/id4455667",
    ],
)
def test_it_finds_contacts_including_obfuscated_ones(contact: str) -> None:
    text = f"Пишите сюда: {contact} — отвечу."
    assert covered(text, contact)
    assert redacted(text)[0][1] is Label.CONTACT


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Служил в в/ч 31415 под Курском.", "в/ч 31415"),
        ("Направлен в войсковую часть № 27182.", "войсковую часть № 27182"),
        ("Він служив у військовій частині А4321.", "військовій частині А4321"),
        ("Il servait dans l'unité militaire 16180.", "unité militaire 16180"),
        ("He served in military unit 14142 until May.", "military unit 14142"),
        ("Воевал в 2-м батальоне 331-го полка.", "2-м батальоне 331-го полка"),
        (
            "Служив у 72-й окремій механізованій бригаді.",
            "72-й окремій механізованій бригаді",
        ),
        (
            "He was in the 64th separate motor rifle brigade.",
            "64th separate motor rifle brigade",
        ),
    ],
)
def test_it_finds_unit_codes_with_and_without_number_sign(text: str, unit: str) -> None:
    assert covered(text, unit)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Номер военного билета: АК № 1234567.", "АК № 1234567"),
        ("Личный номер Т-654321 выбит на жетоне.", "Т-654321"),
        ("Паспорт 4519 123456 остался дома.", "4519 123456"),
        ("СНИЛС 112-233-445 95 и всё.", "112-233-445 95"),
        ("Carte bancaire 4111 1111 1111 1111 bloquée.", "4111 1111 1111 1111"),
        ("Récépissé n° 7702245510, valable trois mois.", "7702245510"),
    ],
)
def test_it_finds_identity_numbers(text: str, number: str) -> None:
    assert covered(text, number)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Семья живёт: г. Орёл, ул. Садовая, д. 7, кв. 3.",
            "г. Орёл, ул. Садовая, д. 7, кв. 3",
        ),
        ("Адреса: м. Ковель, вул. Шевченка, 12.", "м. Ковель, вул. Шевченка, 12"),
        (
            "Il loge au 8 rue des Tanneurs, 67000 Strasbourg.",
            "8 rue des Tanneurs, 67000 Strasbourg",
        ),
        ("They rented a room at 14 Elm Street, Hull.", "14 Elm Street, Hull"),
    ],
)
def test_it_finds_street_addresses(text: str, address: str) -> None:
    assert covered(text, address)


def test_it_leaves_a_city_named_alone() -> None:
    assert untouched("Я живу в Ереване уже год.", "Ереване", "ru")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Сын, 1999 г.р., пропал в марте.", "1999 г.р"),
        ("Родился 3 апреля 1994 года в Ижевске.", "3 апреля 1994 года"),
        ("Дата народження: 12.09.1991.", "12.09.1991"),
        ("Né le 5 mai 1989 à Tver.", "5 mai 1989"),
        ("Born on the second of June 1996 in Omsk.", "the second of June 1996"),
    ],
)
def test_it_finds_birth_dates(text: str, date: str) -> None:
    assert covered(text, date)


def test_it_keeps_dates_of_public_events() -> None:
    text = (
        "24 февраля 2022 года всё изменилось, а 21 сентября 2022 года "
        "объявили мобилизацию."
    )
    assert redacted(text, "ru") == []


@pytest.mark.parametrize("plate", ["А 123 ВС 77", "ВН 4512 АК", "AB-123-CD"])
def test_it_finds_licence_plates(plate: str) -> None:
    text = f"Машина с номером {plate} стояла у дома."
    assert covered(text, plate)
