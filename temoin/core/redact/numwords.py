"""Numbers written out in words, in ru, uk, fr and en.

Phone numbers dictated over a call or typed to dodge filters arrive as
«плюс семь девятьсот пятьдесят два…» or «zero six twelve…».
"""

from __future__ import annotations

import re

NUMBER_WORDS: frozenset[str] = frozenset(
    " ".join(
        [
            # ru
            "ноль нуль один одна два две три четыре пять шесть семь восемь девять",
            "десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать",
            "шестнадцать семнадцать восемнадцать девятнадцать двадцать тридцать",
            "сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто сто",
            "двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот",
            # uk
            "нуль один одна два дві три чотири п'ять шість сім вісім дев'ять",
            "десять одинадцять дванадцять тринадцять чотирнадцять п'ятнадцять",
            "шістнадцять сімнадцять вісімнадцять дев'ятнадцять двадцять",
            "тридцять сорок п'ятдесят шістдесят сімдесят вісімдесят дев'яносто",
            "сто двісті триста чотириста п'ятсот шістсот сімсот вісімсот дев'ятсот",
            # fr
            "zéro zero un une deux trois quatre cinq six sept huit neuf dix onze",
            "douze treize quatorze quinze seize vingt trente quarante cinquante",
            "soixante cent cents quatre-vingt quatre-vingts quatre-vingt-dix",
            "soixante-dix dix-sept dix-huit dix-neuf",
            # en
            "zero oh one two three four five six seven eight nine ten eleven",
            "twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
            "twenty thirty forty fifty sixty seventy eighty ninety hundred",
            "double triple",
        ]
    ).split()
)
PLUS_WORDS = frozenset({"плюс", "plus"})
JOINERS = frozenset({"и", "і", "et", "and", "-"})

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")


def find_number_word_runs(text: str, min_words: int) -> list[tuple[int, int]]:
    """(start, end) of runs of at least `min_words` number words in a row.

    A leading «плюс»/«plus» and digits mixed in are part of the run.
    """
    runs: list[tuple[int, int]] = []
    start = end = -1
    count = 0
    for m in _TOKEN.finditer(text):
        word = m.group().lower().replace("’", "'")
        gap = text[end : m.start()] if end >= 0 else ""
        contiguous = end >= 0 and re.fullmatch(r"[\s,.\-–]*", gap) is not None
        is_number = word in NUMBER_WORDS
        part_of_run = is_number or word.isdigit() or word in JOINERS
        if start >= 0 and contiguous and part_of_run:
            count += int(is_number)
            if word not in JOINERS:
                end = m.end()
            continue
        if count >= min_words:
            runs.append((start, end))
        start, end, count = -1, -1, 0
        if is_number or word in PLUS_WORDS:
            start, end, count = m.start(), m.end(), int(is_number)
    if count >= min_words:
        runs.append((start, end))
    return runs
