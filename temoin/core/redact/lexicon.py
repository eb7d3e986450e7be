"""Word lists the person detector reads context from, in ru, uk, fr and en."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS as _EN
from spacy.lang.fr.stop_words import STOP_WORDS as _FR
from spacy.lang.ru.stop_words import STOP_WORDS as _RU
from spacy.lang.uk.stop_words import STOP_WORDS as _UK


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that are never a name, whatever their capital letter.
STOP_WORDS: frozenset[str] = frozenset(_EN | _FR | _RU | _UK) | _words(
    # months and days, which English and French capitalise
    "january february march april may june july august september october "
    "november december monday tuesday wednesday thursday friday saturday sunday "
    "janvier février mars avril mai juin juillet août septembre octobre "
    "novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche "
    # openings and labels of notes, chats and interviews
    "q a в о dear hello hi regards thanks ok yo bro bonjour salut merci cordialement "
    "привет здравствуйте спасибо привіт дякую вопрос ответ питання відповідь "
    "question réponse answer note notes re fw fwd "
    "i je я "
    # messenger words that are also rare first names
    "ник бро чел кент"
)

# Ranks, titles and relations: the word after one of them is a person.
# Cyrillic entries are dictionary forms; inflected forms are lemmatised first.
CUE_WORDS: frozenset[str] = _words(
    # ranks and roles, ru
    "рядовой ефрейтор сержант старшина прапорщик лейтенант капитан майор "
    "подполковник полковник генерал командир комбат комроты комвзвода ротный "
    "взводный замполит начальник зампотех старлей летёха юрист адвокат "
    "волонтёр волонтер врач медик следователь координатор "
    # relations, ru
    "брат сестра жена муж супруга супруг мать мама отец папа сын дочь друг "
    "подруга товарищ сослуживец дядя тётя тетя бабушка дедушка племянник "
    "племянница кузен двоюродный знакомый знакомая сосед соседка невеста "
    "жених звать имя фамилия позывной отчество кличка погоняло "
    # ranks and roles, uk
    "солдат сержант старшина прапорщик лейтенант капітан майор підполковник "
    "полковник генерал командир комбат ротний взводний адвокат юрист волонтер "
    "лікар медик слідчий "
    # relations, uk
    "брат сестра дружина чоловік мати мама батько тато син донька дочка друг "
    "подруга побратим товариш дядько тітка бабуся дідусь племінник сусід "
    "сусідка наречена звати ім'я прізвище позивний по-батькові "
    # fr
    "m mme mlle me maître dr docteur monsieur madame soldat caporal sergent "
    "adjudant lieutenant capitaine commandant major colonel lieutenant-colonel "
    "général frère sœur soeur femme mari épouse époux mère père fils fille ami "
    "amie camarade cousin cousine oncle tante avocat avocate voisin voisine "
    "appelé appelée nommé nommée prénom prénommé surnommé s'appelle m'appelle "
    "bénévole "
    # en
    "mr mrs ms miss sir private corporal sergeant lieutenant captain major "
    "colonel general commander brother sister wife husband mother mom mum "
    "father dad son daughter friend comrade cousin uncle aunt partner "
    "girlfriend boyfriend fiancée fiancee lawyer neighbour neighbor named "
    "called name nickname callsign surname volunteer"
)
# Words between a cue and the name: «his name is X», «name as X».
CUE_BRIDGES: frozenset[str] = _words("is was as est c'est это — colonel")
TITLE_ABBREVIATIONS: frozenset[str] = _words("m mme mlle me dr mr mrs ms")

CALL_SIGN_CUE = re.compile(
    r"позывн|позивн|call\s?-?sign|indicatif|nom de guerre|кличк|прозвищ|"
    r"прізвиськ|nickname|surnom|погоняло",
    re.IGNORECASE,
)
# A quoted word after one of these names a group or a place, not a person.
GROUP_WORDS: frozenset[str] = _words(
    "в во из у на к с от при под за для о об про "
    "у в з із до на від під за про "
    "in at to from for of into with by "
    "dans à au aux de du des chez par pour avec en sur "
    "чвк пвк компания компании фонд фонда группа группы движение движения "
    "батальон батальона отряд отряда бригада бригады полк полка операция "
    "операции программа программы канал канала газета газеты журнал проект "
    "организация организации подразделение легион легиона партия банк "
    "магазин кафе издание телеканал радио сайт бот чат приложение "
    "батальйон загін група рух організація компанія "
    "group company battalion operation newspaper channel pmc app "
    "groupe compagnie bataillon opération journal chaîne application"
)
# Lower-case words inside a full name: «Gérald d'Harcourt», «Solène Le Du».
PARTICLES: frozenset[str] = _words(
    "de d' du le la van von der ben ibn bin al el da di dos"
)
