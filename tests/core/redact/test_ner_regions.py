"""The statistical models read only the sentences where their verdict can
matter; the outcome must be the one they give when reading everything."""

from __future__ import annotations

import pytest

from temoin.core.redact import find_spans, name_ner, name_tokens, persons
from temoin.core.redact.keep import default_keep_list
from tests.core.redact.helpers import covered

TEXTS = [
    (
        "ru",
        "Нас привезли под Авдеевку в феврале. Было очень холодно, еды не "
        "хватало. Командиром был майор Елисей Тихомиров, его заместителем — "
        "Кондрат Шульгин. Потом нас отвели в Донецк. Мать писала мне каждый "
        "день. Сестра Ульяна Ветрова уехала в Грузию. Прохор Зайцев остался. "
        "Под Курском Игнат ждал нас. Вчера Кондрат уехал.",
    ),
    (
        "ru",
        "короче вчера говорил с ефимом он уже в ереване\nмы с любкой пока "
        "тут\nнапиши матвею когда сможешь\nденег нет совсем",
    ),
    (
        "ru",
        "Протокол подписали Н. Б. Селиванова и В. Ф. Круглов. Документы "
        "остались в части. Москва молчит. Роман Гуляев ушёл в СОЧ.",
    ),
    (
        "uk",
        "Мене мобілізували у квітні. Ми стояли під Часовим Яром. Побратим "
        "Тарас Остапчук загинув, а Северин Гуменюк потрапив у полон. Дружина "
        "Оксана чекає на мене в Житомирі. Командир роти Дорошенко бив нас.",
    ),
    (
        "fr",
        "Il a quitté son unité en mars. Ensuite il a traversé la Géorgie. À "
        "Tbilissi, Anatoli Verchinine l'a hébergé. Paris Agafya l'attendait. "
        "Son avocate, Maître Clervaux, a écrit à l'OFPRA. Hier Kozodoïev est "
        "venu. La Croix-Rouge n'a pas répondu.",
    ),
    (
        "en",
        "He deserted in May. Nothing happened for weeks. Then Captain "
        "Pechorsky sent him to the front. His friend Zakhar Bubnov drove him "
        "to the border. London Khariton was his nickname. The Red Cross did "
        "not answer. We stayed with Mr. Whitcombe in Dover.",
    ),
    (
        "en",
        "ok so tikhon got out yesterday\nstaying with arseniy in batumi\ntell "
        "marfa hes fine",
    ),
]


def _spans_reading_everything(
    monkeypatch: pytest.MonkeyPatch, text: str, lang: str
) -> list[tuple[int, int, str]]:
    with monkeypatch.context() as m:
        m.setattr(
            persons, "ner_regions", lambda text, *_: [(0, len(text))] if text else []
        )
        return [(s.start, s.end, str(s.label)) for s in find_spans(text, lang)]


def _regions(text: str, lang: str) -> list[tuple[int, int]]:
    tokens = name_tokens.tokenize(text, lang)
    candidates = [i for i, tok in enumerate(tokens) if tok.capital]
    for i in candidates:
        persons._score(tokens[i])
    return name_ner.ner_regions(text, tokens, candidates, set(), False)


@pytest.mark.parametrize(("lang", "text"), TEXTS)
def test_it_redacts_as_if_the_models_read_the_whole_text(
    monkeypatch: pytest.MonkeyPatch, lang: str, text: str
) -> None:
    everything = _spans_reading_everything(monkeypatch, text, lang)
    assert everything, "the text should hold something to redact"
    regions = [(s.start, s.end, str(s.label)) for s in find_spans(text, lang)]
    assert regions == everything


def test_it_reads_only_the_sentences_that_hold_a_possible_name() -> None:
    text = (
        "Мы шли три дня без воды. Потом нас встретил Сорокопудов. "
        "Было холодно, и все молчали."
    )
    regions = _regions(text, "ru")
    assert [text[a:b].strip() for a, b in regions] == [
        "Потом нас встретил Сорокопудов."
    ]


def test_it_ends_no_sentence_at_an_initial_or_a_title() -> None:
    text = "Всё решил Ф. Р. Гарипов. Потом пришла Mme Roux. Больше никто."
    starts = name_ner.sentence_starts(text)
    assert [text[a:].split()[0] for a in starts] == ["Потом", "Больше"]


def test_it_finds_a_name_only_the_statistical_model_knows() -> None:
    # Neither dictionary knows «Kerbrat-Oyarzabal»: only spaCy's verdict, read
    # in the one sentence that needs it, makes it a name.
    text = (
        "Nous avons marché longtemps. Le soir, Kerbrat-Oyarzabal nous a "
        "accueillis. La nuit était froide."
    )
    assert covered(text, "Kerbrat-Oyarzabal", "fr")


def test_it_reads_nothing_in_a_text_without_a_possible_name() -> None:
    text = "Мы долго шли через поле. Было холодно. Потом начался обстрел."
    assert _regions(text, "ru") == []
    assert find_spans(text, "ru", default_keep_list()) == []
