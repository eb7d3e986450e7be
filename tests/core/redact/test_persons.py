from __future__ import annotations

import pytest

from tests.core.redact.helpers import covered, untouched


def test_it_finds_a_russian_name_in_every_case() -> None:
    text = (
        "Нашим взводом командовал капитан Игнат Сорокопудов. Сорокопудову "
        "никто не верил, а о Сорокопудове потом писали в газетах."
    )
    for form in ("Игнат Сорокопудов", "Сорокопудову", "Сорокопудове"):
        assert covered(text, form, "ru"), form


def test_it_finds_diminutives_and_lowercase_messenger_names() -> None:
    text = (
        "короче сашка звонил вчера сказал что витька уже в грузии\nпередай людке привет"
    )
    for name in ("сашка", "витька", "людке"):
        assert covered(text, name, "ru"), name


def test_it_finds_a_name_that_is_also_a_common_word() -> None:
    text = "Мою племянницу зовут Вера. Вера прячется у подруги."
    assert covered(text, "Вера", "ru")


def test_it_finds_call_signs_in_quotes() -> None:
    text = "Командиром роты был человек с позывным «Бобёр», а до него — «Штиль»."
    assert covered(text, "Бобёр", "ru")
    assert covered(text, "Штиль", "ru")


def test_it_keeps_public_figures_and_places() -> None:
    text = (
        "После мятежа Пригожина нас перебросили под Бахмут. Шойгу обещал "
        "ротацию. Мой друг Тарас Гребенюк остался в Луганске."
    )
    assert untouched(text, "Пригожина", "ru")
    assert untouched(text, "Бахмут", "ru")
    assert untouched(text, "Шойгу", "ru")
    assert untouched(text, "Луганске", "ru")
    assert covered(text, "Тарас Гребенюк", "ru")


def test_it_finds_initials_with_a_surname() -> None:
    text = "На беседе присутствовали В. К. Ломоносова и адвокат."
    assert covered(text, "В. К. Ломоносова", "ru")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Мене звуть Остап Гнатюк, я служив під Куп'янськом.", "Остап Гнатюк"),
        ("Разом зі мною пішов побратим Явтух.", "Явтух"),
        ("Командир роти Гнатюка бив нас.", "Гнатюка"),
    ],
)
def test_it_finds_ukrainian_names(text: str, name: str) -> None:
    assert covered(text, name, "uk")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Il est hébergé chez Mme Bernadette Quillivic à Quimper.",
            "Bernadette Quillivic",
        ),
        ("Son camarade, Fiodor Tchistiakov, est resté au front.", "Fiodor Tchistiakov"),
        ("Le dossier est suivi par Maître Lenormand-Ruiz.", "Lenormand-Ruiz"),
    ],
)
def test_it_finds_french_names(text: str, name: str) -> None:
    assert covered(text, name, "fr")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("His brother Matvey Zhukovsky picked him up in Tbilisi.", "Matvey Zhukovsky"),
        ("The platoon was led by Captain Grebenshchikov.", "Grebenshchikov"),
        ("ok so lyosha is safe now, he stays with vitalik", "lyosha"),
    ],
)
def test_it_finds_english_and_transliterated_names(text: str, name: str) -> None:
    assert covered(text, name, "en")


def test_it_keeps_public_figures_in_latin_script() -> None:
    text = "He says Putin and Shoigu lied; he later flew from Yerevan to Paris."
    for public in ("Putin", "Shoigu", "Yerevan", "Paris"):
        assert untouched(text, public, "en"), public
