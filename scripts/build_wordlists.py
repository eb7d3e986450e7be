"""Build the codename word lists, temoin/core/wordlists/{ru,en}.txt.

Usage::

    .venv/bin/pip install wordfreq==3.1.1   # build-time only, not a dependency
    .venv/bin/python scripts/build_wordlists.py          # write the lists
    .venv/bin/python scripts/build_wordlists.py --check  # fail if they differ

Each list holds exactly 7,776 words (6^5, the diceware size), chosen by
frequency so that witnesses know them, and filtered so that any two
codenames that look the same to a person are the same codename:

1. words from wordfreq's ``top_n_list`` in frequency order (ties in wordfreq's
   own stable order, so a given wordfreq version always gives the same list);
2. lower-cased, ё folded to е (witnesses type either, normalise_codename folds);
3. letters only: Cyrillic а-я for Russian, a-z for English;
4. length 4 to 8 letters, and at least one vowel: the 3-letter entries of a
   frequency list are mostly abbreviations (cia, fbi, лнр, днр), hard to
   remember and some of them incriminating; long words are tiresome to type
   on a phone;
5. no duplicates after steps 2-3 (so no two words differ only by ё);
6. no word from the blocklists below: obscene words, and words about war,
   armies, desertion, violence and politics, because a codename may be found
   written down or on a phone at a checkpoint and must not incriminate;
7. the first 7,776 words left, sorted.

Words need not be prefix-free: a codename's words are separated by spaces, so
it always splits one way. Both languages have far more than 7,776 words that
pass, so no filter had to be relaxed.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import sys
from pathlib import Path

WORDFREQ_VERSION = "3.1.1"
LIST_SIZE = 7776
MIN_LENGTH, MAX_LENGTH = 4, 8
OUTPUT_DIR = Path(__file__).resolve().parent.parent / "temoin" / "core" / "wordlists"

LETTERS = {"ru": re.compile(r"[а-я]+"), "en": re.compile(r"[a-z]+")}
VOWELS = {"ru": re.compile(r"[аеиоуыэюя]"), "en": re.compile(r"[aeiouy]")}

# An entry "x*" blocks words starting with x, "*x*" words containing x, and a
# bare entry that exact word.
BLOCKLIST = {
    "ru": """
        *хуй* *хуе* *хуя* *хую* *пизд* *ебан* *ебал* *ебат* *ебну* *блят* *бляд*
        ебл* заеб* уеб* выеб* бля* мудак* мудил* сука суки суку сукой сучк*
        шлюх* пидор* пидар* педик* жоп* говн* дерьм* срат* сран* гандон*
        долбо* залуп* дроч* трах* секс* порн* член*
        войн* воен* войск* вояк* арми* армей* солдат* офицер* дезерт* сбеж*
        побег* беглец* беглый* фронт* оруж* автомат* винтов* пулемет* снаряд*
        ракет* бомб* танк* мобилиз* призыв* повестк* военкомат* самовол*
        присяг* отказ* окоп* штурм* взвод* рота роты роту ротой полк*
        батальон* бригад* дивизи* генерал* командир* сержант* капитан* майор*
        полковник* лейтенант* ефрейтор* убий* убит* убив* убил* убей* казн*
        расстрел* смерт* труп* плен* тюрьм* тюрем* путин* зеленск* украин*
        росси* кремл* нато всу сво фсб кгб мвд полиц* милиц* шпион* предат*
        измен* терро* нацис* фашис* враг* бандер* вагнер* чечн* донбасс*
        донецк* луганск* крым* херсон* харьков* киев* границ* мариупол* бахмут*
        боев* бой бойц* взрыв* гибел* погиб* похорон* насил* изнас* пуля пули
        пулю ранен* стрел* захват* оккуп* заложн* теракт* каратель* спецоп*
        чвк сирия сирии сирию медведев* шойгу яценюк порошенк* навальн*
        лукашенк* пригожин* сталин* ленин* нарко* героин* воин* боец боях
        атак* штаб* флот* сизо гроб* умер* умру асср усср обсе тасс хрен* дура
        дурак*
        евре* жид жиды жидов* гей геи геев лесби* гомосек* педераст* трансгенд*
    """,
    "en": """
        fuck* shit* cunt* bitch* whore* slut* dick dicks cock cocks pussy
        porn* sex* rape* rapist* nigg* fag* nazi* anal anus penis vagina tits
        boob* cum cums jizz
        war wars warfare warrior* army armies military soldier* desert*
        troop* kill* murder* gun guns gunman gunmen weapon* bomb* missile*
        rocket* tank tanks rifle* sniper* shoot* shot shots dead death* die
        died dies dying corpse* prison* jail* torture* putin russia* ukrain*
        kremlin moscow kyiv kiev nato traitor* treason spy spies escape*
        flee* fled refugee* asylum* enemy enemies combat* battle* invasion
        invade* militia* terror* attack* officer* colonel sergeant* deploy*
        conscript* draft* mobiliz* veteran* navy marine* infantry
        blood* bullet bullets explode* explosi* funeral* hostage* occupied
        occupy suicide* hitler stalin lenin cocaine heroin drug drugs weed
        jew jews jewish gay gays lesbian* queer homosex* transgend* shelling
        cops gaza crap damn butt dope coke
    """,
}


def is_blocked(word: str, entries: list[str]) -> bool:
    """Return whether ``word`` matches one of the blocklist ``entries``."""
    for entry in entries:
        if entry.startswith("*") and entry.endswith("*"):
            if entry[1:-1] in word:
                return True
        elif entry.endswith("*"):
            if word.startswith(entry[:-1]):
                return True
        elif word == entry:
            return True
    return False


def build(lang: str) -> list[str]:
    """Return the sorted word list for ``lang`` ("ru" or "en")."""
    import wordfreq

    found = importlib.metadata.version("wordfreq")
    if found != WORDFREQ_VERSION:
        sys.exit(f"Use wordfreq {WORDFREQ_VERSION} (found {found}).")
    blocklist = BLOCKLIST[lang].split()
    chosen: list[str] = []
    seen: set[str] = set()
    for raw in wordfreq.top_n_list(lang, 300_000):
        word = raw.lower().replace("ё", "е")
        if not LETTERS[lang].fullmatch(word) or not VOWELS[lang].search(word):
            continue
        if not MIN_LENGTH <= len(word) <= MAX_LENGTH or word in seen:
            continue
        seen.add(word)
        if is_blocked(word, blocklist):
            continue
        chosen.append(word)
        if len(chosen) == LIST_SIZE:
            return sorted(chosen)
    sys.exit(f"Only {len(chosen)} {lang} words pass the filters.")


def main() -> None:
    """Write the lists, or with --check compare them with the committed ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    stale = []
    for lang in ("ru", "en"):
        text = "\n".join(build(lang)) + "\n"
        path = OUTPUT_DIR / f"{lang}.txt"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({LIST_SIZE} words)")
    if stale:
        sys.exit(f"Out of date: {', '.join(stale)}; run scripts/build_wordlists.py.")


if __name__ == "__main__":
    main()
