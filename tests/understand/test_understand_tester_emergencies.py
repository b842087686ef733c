"""Emergencies a tester found missed, and their word families in all six languages.

The tester's own messages are in `tester-1.tsv`: measured once before the lexicons were
changed (`python -m bot.understand.evaluate tests/understand/tester-1.tsv`: 3 of 32 emergencies
caught, 1 of the right kind), then tuned on, so the set is no blind set. It is not in
`LABELLED_SETS` of test_understand_labelled.py: it does not cover every kind and language.
Besides the tester's exact words, every concept added for them (self-harm, drowning, poisoning
and swallowed pills, accidents, burns, labour, pills saved up, "going to God", typed violence,
a child beaten) is checked here in de, en, uk, ru, ar and fa, with everyday look-alikes that
must stay quiet. The last tests type the messages to the bot: the emergency answer comes first,
also in the middle of a flow and at a counsellor-request question.
"""

from __future__ import annotations

import pathlib

import pytest

from bot.content.loader import load_content_or_raise
from bot.content.model import Content
from bot.engine import Turn, step
from bot.events import EmergencyShown
from bot.i18n.direction import strip_marks
from bot.messages import Inbound
from bot.session import Session
from bot.settings import BUNDLED_CONTENT
from bot.understand import Understander
from bot.understand.evaluate import evaluate, format_report, read_examples
from tests.typist import typed, where

HERE = pathlib.Path(__file__).parent
TESTER_SET = HERE / "tester-1.tsv"
LANGUAGES = {"de", "en", "uk", "ru", "ar", "fa"}
SUICIDE_OR_MEDICAL = ("suicide", "medical")  # pills: medical (112, poison line) also answers

# (kinds, text): the kind shown first must be one of `kinds`
CAUGHT: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "self-harm": [
        ("de", ("suicide",), "meine Tochter verletzt sich selbst"),
        ("de", ("suicide",), "mein Sohn ritzt sich"),
        ("de", ("suicide",), "meine Tochter schneidet sich die Arme auf"),
        ("en", ("suicide",), "my son cuts himself"),
        ("en", ("suicide",), "my daughter is cutting herself"),
        ("en", ("suicide",), "my teen is self harming"),
        ("uk", ("suicide",), "донька ріже собі руки, я не знаю що робити"),
        ("uk", ("suicide",), "син ріже себе"),
        ("uk", ("suicide",), "у доньки самоушкодження"),
        ("ru", ("suicide",), "дочь режет себе руки"),
        ("ru", ("suicide",), "дочка наносит себе порезы"),
        ("ru", ("suicide",), "она причиняет себе вред"),
        ("ar", ("suicide",), "بنتي عم تجرح حالها"),
        ("ar", ("suicide",), "ابني بيأذي حاله"),
        ("ar", ("suicide",), "بنتي بتشطب ايديها"),
        ("fa", ("suicide",), "دخترم خودزنی میکنه"),
        ("fa", ("suicide",), "پسرم به خودش آسیب میزنه"),
        ("fa", ("suicide",), "دخترم با تیغ دستشو میبره"),
    ],
    "suicide, indirect": [
        ("fa", ("suicide",), "قرصامو جمع کردم امشب همه رو میخورم"),
        ("fa", ("suicide",), "امشب همه قرصامو میخورم"),
        ("fa", ("suicide",), "دیگه طاقت ندارم میخوام برم پیش خدا"),
        ("fa", ("suicide",), "خدایا منو ببر"),
        ("fa", ("suicide",), "میخوام خودمو از پل پرت کنم"),
        ("fa", ("suicide",), "میخوام خودمو از ساختمون پرت کنم"),
        ("fa", ("suicide",), "دیگه نمیتونم ادامه بدم همه چی تمومه"),
        ("ar", ("suicide",), "جمعت الحبوب ورح اشربهم كلهم الليلة"),
        ("ar", ("suicide",), "رح اشرب كل الحبوب الليلة"),
        ("ar", ("suicide",), "رح ابلع كل الحبوب"),
        ("ar", ("suicide",), "خلص تعبت وبدي روح عند ربي"),
        ("ar", ("suicide",), "يا رب خدني"),
        ("ar", ("suicide",), "حياتي ما الها قيمة احسن ما كون"),
        ("de", ("suicide",), "ich will zu Gott"),
        ("de", SUICIDE_OR_MEDICAL, "heute Nacht nehme ich alle Tabletten"),
        ("en", ("suicide",), "I want to go to God"),
        ("en", ("suicide",), "god please take me"),
        ("en", ("suicide",), "I've been saving up my pills and will take them all tonight"),
        ("uk", ("suicide",), "хочу піти до Бога"),
        ("uk", ("suicide",), "Господи, забери мене"),
        ("uk", ("suicide",), "моє життя нічого не варте"),
        ("uk", SUICIDE_OR_MEDICAL, "я назбирала таблеток і вип'ю їх всі сьогодні вночі"),
        ("ru", ("suicide",), "хочу уйти к Богу"),
        ("ru", ("suicide",), "Господи забери меня"),
        ("ru", ("suicide",), "моя жизнь ничего не стоит"),
        ("ru", SUICIDE_OR_MEDICAL, "я накопила таблетки и выпью их все ночью"),
    ],
    "suicide, typos": [
        ("fa", ("suicide",), "فکر خودکوشی دارم"),
        ("fa", ("suicide",), "میخوام خودم رو بکوشم"),
        ("fa", ("suicide",), "خود کشی میکنم"),
        ("fa", ("suicide",), "khodkushi"),
    ],
    "drowning": [
        ("de", ("medical",), "mein Kind ist ins Wasser gefallen"),
        ("de", ("medical",), "mein Sohn ertrinkt"),
        ("de", ("medical",), "Kind im Pool untergegangen"),
        ("en", ("medical",), "my son fell into the pool"),
        ("en", ("medical",), "she almost drowned"),
        ("en", ("medical",), "kid fell in the river"),
        ("uk", ("medical",), "дитина тоне"),
        ("uk", ("medical",), "син впав у воду"),
        ("uk", ("medical",), "донька ледь не втопилася"),
        ("ru", ("medical",), "ребенок тонет"),
        ("ru", ("medical",), "сын упал в воду"),
        ("ru", ("medical",), "дочь чуть не утонула"),
        ("ar", ("medical",), "ابني غرق بالمسبح"),
        ("ar", ("medical",), "ابني وقع بالمي"),
        ("ar", ("medical",), "بنتي عم تغرق"),
        ("fa", ("medical",), "بچم غرق شده"),
        ("fa", ("medical",), "بچم افتاده تو آب"),
        ("fa", ("medical",), "پسرم داره غرق میشه"),
    ],
    "poisoning": [
        ("de", ("medical",), "mein Kind hat Spülmittel getrunken"),
        ("de", ("medical",), "Tochter hat Rattengift geschluckt"),
        ("en", ("medical",), "my toddler drank dish soap"),
        ("en", ("medical",), "my son ate a dishwasher tablet"),
        ("uk", ("medical",), "дитина випила засіб для посуду"),
        ("uk", ("medical",), "син проковтнув батарейку"),
        ("ru", ("medical",), "ребенок выпил средство для посуды"),
        ("ru", ("medical",), "дочь выпила хлорку"),
        ("ar", ("medical",), "ابني شرب سائل جلي"),
        ("ar", ("medical",), "ابني شرب فيري"),
        ("fa", ("medical",), "بچم مایع ظرفشویی خورده"),
        ("fa", ("medical",), "دخترم جوهر نمک خورده"),
    ],
    "swallowed pills": [
        ("uk", SUICIDE_OR_MEDICAL, "я проковтнула таблетки"),
        ("uk", SUICIDE_OR_MEDICAL, "я ковтнула багато пігулок"),
        ("ru", SUICIDE_OR_MEDICAL, "я проглотила таблетки"),
        ("ru", SUICIDE_OR_MEDICAL, "я выпила много таблеток"),
        ("de", SUICIDE_OR_MEDICAL, "ich habe viele Tabletten geschluckt"),
        ("en", SUICIDE_OR_MEDICAL, "i swallowed a lot of pills"),
        ("ar", SUICIDE_OR_MEDICAL, "بلعت حبوب كتير"),
        ("fa", SUICIDE_OR_MEDICAL, "یه بسته قرص خوردم"),
    ],
    "accident": [
        ("de", ("medical",), "wir hatten einen Autounfall"),
        ("de", ("medical",), "Unfall auf der Autobahn, mein Mann ist verletzt"),
        ("en", ("medical",), "we had a car accident"),
        ("en", ("medical",), "my husband was in a car crash"),
        ("uk", ("medical",), "ми потрапили в аварію"),
        ("uk", ("medical",), "ДТП, чоловік поранений"),
        ("ru", ("medical",), "мы попали в аварию"),
        ("ru", ("medical",), "мы разбились на машине"),
        ("ar", ("medical",), "عملنا حادث سيارة"),
        ("ar", ("medical",), "صار معنا حادث سير"),
        ("ar", ("medical",), "عملنا اكسيدان"),
        ("fa", ("medical",), "تصادف کردیم"),
        ("fa", ("medical",), "شوهرم تصادف کرده"),
        ("fa", ("medical",), "ماشین زد به پسرم"),
    ],
    "burn": [
        ("de", ("medical",), "ich habe mir die Hand mit kochendem Wasser verbrüht"),
        ("en", ("medical",), "I burned my hand with boiling water"),
        ("uk", ("medical",), "дитина обварилася гарячим чаєм"),
        ("uk", ("medical",), "обпекла руку окропом"),
        ("ru", ("medical",), "обожгла руку кипятком"),
        ("ar", ("medical",), "انحرقت ايدي بالمي المغلية"),
        ("ar", ("medical",), "ابني انكب عليه شاي سخن"),
        ("fa", ("medical",), "دستم سوخت با آب جوش"),
        ("fa", ("medical",), "بچم با چای داغ سوخت"),
    ],
    "labour": [
        ("de", ("medical",), "Blasensprung"),
        ("de", ("medical",), "meine Fruchtblase ist geplatzt"),
        ("en", ("medical",), "my water just broke"),
        ("uk", ("medical",), "у мене відійшли води"),
        ("ru", ("medical",), "у жены лопнул пузырь"),
        ("ar", ("medical",), "انفجر كيس المي"),
        ("ar", ("medical",), "نزلت مية الراس"),
        ("fa", ("medical",), "کیسه آب زنم ترکید"),
    ],
    "violence, typed": [
        ("fa", ("violence",), "شوهرم منو مزنه"),
        ("fa", ("violence",), "شوهرم منو میزنع"),
        ("fa", ("violence",), "شوهرم دست بزن داره"),
        ("uk", ("violence",), "чоловик бье мене i дитину"),
        ("uk", ("violence",), "cholovik bje mene"),
        ("ru", ("violence",), "муж бье меня каждый день"),
        ("ru", ("violence",), "muzh bje menja"),
        ("ru", ("violence",), "муж бъет меня"),
    ],
    "a child beaten": [
        ("uk", ("child",), "дочку бʼє вітчим"),
        ("uk", ("child",), "вітчим б'є сина"),
        ("ru", ("child",), "дочку бьет отчим"),
        ("en", ("child",), "stepfather beats my daughter"),
        ("de", ("child",), "der Stiefvater schlägt meine Tochter"),
        ("ar", ("child",), "زوج امي بيضرب اختي الصغيرة"),
        ("fa", ("child",), "ناپدری دخترمو میزنه"),
    ],
}

# Everyday messages with the same words: no emergency, no check question.
QUIET = [
    "ні, все добре, просто втомилась",
    "нет, все хорошо, просто устала",
    "донька ріже собі хліб",
    "дочь режет хлеб",
    "I cut my hair myself",
    "das Essen ist verbrannt",
    "I burned the toast",
    "الاكل انحرق",
    "غذا سوخت",
    "دلم سوخت",
    "I'm drowning in paperwork",
    "я тону в долгах",
    "тону в боргах",
    "غرقان بالديون",
    "ابني غرقان بالدراسة",
    "غرق کار شدم وقت ندارم",
    "my phone fell in the water, can the jobcenter pay",
    "گوشیم افتاد تو آب",
    "البيت غرق مي من التسريب",
    "Frage zur Unfallversicherung",
    "what insurance do I need in case of a car accident",
    "Wer zahlt, wenn ich einen Unfall habe? nur eine Frage",
    "اذا صار حادث سير شو لازم اعمل",
    "سال پیش تصادف کردم و الان بیمه پول نمیده",
    "تصادفی دیدمش توی خیابون",
    "عملنا شغل كتير اليوم",
    "Ich habe eine rote Ampel überfahren und einen Bußgeldbescheid bekommen",
    "could you run over the documents with me",
    "я выпила таблетку от головы",
    "я пью таблетки от давления, нужен рецепт",
    "I take my pills every night",
    "بشرب الحبوب كل يوم بالليل",
    "قرصامو هر شب میخورم",
    "عندي حبوب بوجهي بدي دكتور جلدية",
    "تشطيب الشقة مش خالص والمالك بدو الايجار",
    "ich will zu Gott beten, gibt es eine Moschee in Pirna",
    "we go to church to pray to God",
    "Gott sei Dank",
    "الحمد لله",
    "слава богу все хорошо",
    "کیسه آب گرم لازم دارم برای کمر درد",
    "Angst vor der Geburt",
    "ich habe mir die Hand leicht verbrannt, welche Salbe",
    "دستم سوخت یه کم، پماد چی بزنم؟",
    "بابام دست بزن نداره خدارو شکر",
    "صديقتي مزنه من سوريا",
    "тато бʼє по мʼячу",
    "сын бьет по мячу",
    "бьет часы",
    "the tone of the letter is rude",
]


def test_the_testers_messages_get_the_emergency_answer_at_once(
    understander: Understander,
) -> None:
    report = evaluate(understander, read_examples(TESTER_SET))
    assert report.recall.rate == 1.0, format_report(report)
    assert report.certain.rate == 1.0, format_report(report)
    assert report.kind.rate == 1.0, format_report(report)
    assert report.false_alarms.rate == 0.0 and report.checks.rate == 0.0, format_report(report)


def _caught() -> list[object]:
    return [
        pytest.param(kinds, text, id=f"{concept} [{language}]: {text}")
        for concept, cases in CAUGHT.items()
        for language, kinds, text in cases
    ]


@pytest.mark.parametrize(("kinds", "text"), _caught())
def test_word_families_in_every_language(
    understander: Understander, kinds: tuple[str, ...], text: str
) -> None:
    assert understander.understand(text).emergency in kinds


def test_every_added_concept_is_in_all_six_languages() -> None:
    for concept, cases in CAUGHT.items():
        if concept in ("suicide, typos", "violence, typed"):
            continue  # the tester's typos belong to one language each
        assert {language for language, _, _ in cases} == LANGUAGES, concept


@pytest.mark.parametrize("text", QUIET)
def test_everyday_look_alikes_stay_quiet(understander: Understander, text: str) -> None:
    found = understander.understand(text)
    assert (found.emergency, found.check) == (None, None)


# --- typed to the bot --------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Content:
    return load_content_or_raise(BUNDLED_CONTENT)


def shows_emergency_first(content: Content, turn: Turn, kind: str, language: str) -> None:
    assert turn.events == (EmergencyShown(kind),)
    title = content.knowledge[f"emergency_{kind}"].title
    assert title is not None
    expected = content.catalogs.translate(title.source, language)[0]
    assert strip_marks(turn.replies[0].text).startswith(strip_marks(expected))
    assert where(turn) == "emergency.after"


TYPED = [
    # (language, kind, message): one per language and kind the tester found missed
    ("fa", "suicide", "قرصامو جمع کردم امشب همه رو میخورم"),
    ("fa", "suicide", "دیگه طاقت ندارم میخوام برم پیش خدا"),
    ("fa", "medical", "بچم غرق شده"),
    ("fa", "medical", "تصادف کردیم"),
    ("fa", "violence", "شوهرم دست بزن داره"),
    ("ar", "suicide", "خلص تعبت وبدي روح عند ربي"),
    ("ar", "medical", "عملنا حادث سيارة"),
    ("ar", "medical", "انفجر كيس المي"),
    ("uk", "suicide", "донька ріже собі руки, я не знаю що робити"),
    ("uk", "child", "дочку бʼє вітчим"),
    ("uk", "medical", "я проковтнула таблетки"),
    ("ru", "violence", "муж бье меня каждый день"),
    ("ru", "suicide", "дочь режет себе руки"),
    ("en", "suicide", "my son cuts himself"),
    ("de", "suicide", "meine Tochter verletzt sich selbst"),
    ("de", "medical", "mein Kind ist ins Wasser gefallen"),
]
# Where the person stands when they type it (the lines typed before, in the chat's order):
# the housing question, and two questions of a counsellor request.
PLACES = {
    "in a topic": ("4", "1"),
    "at the consent question of a request": ("1", "9"),
    "at the contact question of a request": ("1", "9", "1", "1"),
}


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize(("language", "kind", "text"), TYPED)
def test_the_emergency_answer_comes_first_wherever_it_is_typed(
    bundled: Content, language: str, kind: str, text: str, place: str
) -> None:
    turns = typed(bundled, language, *PLACES[place], text)
    before = where(turns[-2])
    assert not before.startswith("emergency.")
    shows_emergency_first(bundled, turns[-1], kind, language)
    back = step(bundled, turns[-1].session, Inbound("typist", text="1"))  # "back where I was"
    assert where(back) == before


@pytest.mark.parametrize(("language", "kind", "text"), TYPED)
def test_the_emergency_answer_comes_first_in_a_first_message(
    bundled: Content, language: str, kind: str, text: str
) -> None:
    first = step(
        bundled,
        Session("typist", language=language, language_confirmed=True),
        Inbound("typist", text=text),
    )
    shows_emergency_first(bundled, first, kind, language)


# Messages that get the suicide check question ("are you in danger right now?")
CHECKED = {
    "uk": "мене вже не буде",
    "ru": "меня скоро не будет",
    "en": "soon I won't be here anymore",
    "de": "bald bin ich nicht mehr da",
    "ar": "قريبا ما رح كون موجود",
    "fa": "به زودی دیگه نیستم",
}


@pytest.mark.parametrize(
    ("language", "reply"),
    [
        ("uk", "ні, все добре, просто втомилась"),
        ("ru", "нет, всё хорошо, просто устала"),
        ("en", "no, all good, just tired"),
        ("de", "nein, alles gut, nur müde"),
        ("ar", "لا، كلشي تمام بس تعبانة"),
        ("fa", "نه، همه چی خوبه فقط خسته ام"),
    ],
)
def test_no_all_good_at_the_check_question_is_no(
    bundled: Content, language: str, reply: str
) -> None:
    """A reply that starts with "no" and then says why there is no danger is a "no", although
    "good" / "تمام" are also yes words."""
    turns = typed(bundled, language, "4", "1", CHECKED[language], reply)
    assert turns[-2].session.answers.get("_check_kind") == "suicide"  # the check question
    assert not turns[-1].events
    assert turns[-1].session.answers.get("emergency_check") == "no"


@pytest.mark.parametrize(("language", "word"), [("fa", "اورژانس"), ("de", "Notfall")])
def test_the_emergency_buttons_label_typed_at_the_menu_opens_the_emergency_menu(
    bundled: Content, language: str, word: str
) -> None:
    turns = typed(bundled, language, "4", word)
    assert where(turns[-2]) == "menu.topics"
    assert where(turns[-1]) == "emergency.what"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fa", "شوهرمنو ميزنه"),
        ("fa", "مرد همسایه با قمه افتاده دنبال زنش تو راهرو"),
        ("uk", "Чоловік напився і кидається на мене з кулаками, діти плачуть"),
    ],
)
def test_no_danger_now_still_gets_the_violence_information(
    bundled: Content, language: str, message: str
) -> None:
    """ "No" to "are you in danger right now?" about violence typed at the housing question
    is no answer to that question: the violence information (Hilfetelefon 116 016, shelters)
    comes instead of "not understood", not marked urgent, and "back" returns to the question."""
    turns = typed(bundled, language, "4", "1", message, "2")
    assert turns[-2].session.answers.get("_check_kind") == "violence"
    shown = turns[-1]
    assert "116 016" in strip_marks(shown.replies[0].text)
    assert where(shown) == "emergency.after"
    assert not shown.events  # no emergency shown: the person said they are not in danger now
    assert "urgent" not in shown.session.answers and "emergency" not in shown.session.answers
    back = step(bundled, shown.session, Inbound("typist", text="1"))
    assert where(back) == where(turns[2])  # the housing question again
