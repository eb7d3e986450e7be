from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from temoin.core.redact import KeepList, detect_language, find_spans, redact


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Я ушёл из части и сейчас в Казахстане.", "ru"),
        ("Я пішов з частини і зараз у Польщі.", "uk"),
        ("Je suis parti de mon unité et je suis en France.", "fr"),
        ("I left my unit and I am now in Georgia.", "en"),
        ("ок я уже в ереване всё норм", "ru"),
    ],
)
def test_it_detects_the_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_it_gives_the_same_pseudonym_to_every_case_form() -> None:
    text = "Мой друг Платон Гусельников ушёл первым. Гусельникову помогли волонтёры."
    result = redact(text, "ru")
    assert result.text == "Мой друг [ИМЯ 1] ушёл первым. [ИМЯ 1] помогли волонтёры."


def test_it_numbers_different_people_apart_and_localises_labels() -> None:
    result = redact("His friends Luka Bakhmetev and Ilya Terentyev left.", "en")
    assert "[NAME 1]" in result.text and "[NAME 2]" in result.text
    assert "[NOM 1]" in redact("Il a vu Matvei Bagrov.", "fr").text


def test_it_masks_without_numbers() -> None:
    result = redact("Позвоните: +7 916 555 12 34.", "ru", mode="mask")
    assert result.text == "Позвоните: [КОНТАКТ]."


def test_it_refuses_an_unknown_mode_or_language() -> None:
    with pytest.raises(ValueError, match="mode"):
        redact("text", "en", mode="shred")
    with pytest.raises(ValueError, match="language"):
        find_spans("text", "de")


def test_it_accepts_an_extra_keep_list() -> None:
    text = "Об этом рассказал адвокат Дымарский из Берлина."
    assert find_spans(text, "ru")
    assert find_spans(text, "ru", keep=["Дымарский"]) == []
    assert find_spans(text, "ru", keep=KeepList.from_entries(["Дымарский"])) == []


def test_it_handles_empty_and_huge_texts() -> None:
    assert find_spans("", "ru") == []
    huge = "Мы стояли под Авдеевкой. " * 4_000
    assert find_spans(huge, "ru") == []


@settings(max_examples=20, deadline=None)
@given(st.text(max_size=300))
def test_it_returns_sorted_non_overlapping_spans_inside_the_text(text: str) -> None:
    spans = find_spans(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start


@settings(max_examples=10, deadline=None)
@given(st.from_regex(r"\+7 9\d\d \d\d\d \d\d \d\d", fullmatch=True))
def test_it_never_leaks_a_phone_number_from_the_redacted_text(phone: str) -> None:
    result = redact(f"Мой номер {phone}, звони.", "ru")
    assert phone not in result.text
    assert phone.replace(" ", "") not in result.text.replace(" ", "")
