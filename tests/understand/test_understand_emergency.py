"""Emergencies are caught in every language; everyday speech does not raise an alarm."""

from __future__ import annotations

import pytest

from bot.understand import Understander

POSITIVE = [
    # (text, kind)
    ("he beats me", "violence"),
    ("my husband hits me", "violence"),
    ("Mein Mann schlägt mich", "violence"),
    ("чоловік мене б'є", "violence"),
    ("муж меня бьёт", "violence"),
    ("جوزي بيضربني", "violence"),
    ("شوهرم منو میزنه", "violence"),
    ("shoharam mano mizane", "violence"),
    ("someone wants to kill me", "threat"),
    ("er hat gesagt er bringt mich um", "threat"),
    ("мені погрожують вбити", "threat"),
    ("он угрожает меня убить", "threat"),
    ("اخوي هددني بالقتل", "threat"),
    ("یه نفر میخواد منو بکشه", "threat"),
    ("I want to die", "suicide"),
    ("i dont want to live anymore", "suicide"),
    ("ich will nicht mehr leben", "suicide"),
    ("я не хочу жити", "suicide"),
    ("не хочу больше жить", "suicide"),
    ("بدي انتحر", "suicide"),
    ("bdi mot", "suicide"),
    ("میخوام خودمو بکشم", "suicide"),
    ("ميخوام خودمو بكشم", "suicide"),
    ("i was raped", "sexual_violence"),
    ("er hat mich vergewaltigt", "sexual_violence"),
    ("мене зґвалтували", "sexual_violence"),
    ("меня изнасиловали", "sexual_violence"),
    ("في واحد عم يتحرش فيني", "sexual_violence"),
    ("به من تجاوز کردن", "sexual_violence"),
    ("my stepfather beats my son", "child"),
    ("сусіди б'ють свою дитину", "child"),
    ("پدرش بچه رو کتک میزنه", "child"),
    ("my child is not breathing", "medical"),
    ("mein kind atmet nicht", "medical"),
    ("дитина не дихає", "medical"),
    ("ребенок не дышит", "medical"),
    ("ابني ما عم يتنفس", "medical"),
    ("بچم نفس نمیکشه", "medical"),
    ("my friend is unconscious", "medical"),
    ("heavy bleeding after birth", "medical"),
    ("Feuer in der Wohnung", "fire"),
    ("there is a fire in our building", "fire"),
    ("у квартирі пожежа", "fire"),
    ("пожар в доме", "fire"),
    ("في حريق بالبيت", "fire"),
    ("خونه اتیش گرفته", "fire"),
    ("we sleep on the street tonight", "shelter"),
    ("wir schlafen heute nacht auf der straße", "shelter"),
    ("сьогодні нам ніде ночувати", "shelter"),
    ("нам негде спать сегодня ночью", "shelter"),
    ("ما عنا مكان ننام فيه الليلة", "shelter"),
    ("امشب جایی برای خواب نداریم", "shelter"),
    ("im pregnant and desperate, i dont know what to do", "pregnancy"),
    ("Ich bin schwanger und verzweifelt", "pregnancy"),
    ("я вагітна і в повному відчаї", "pregnancy"),
    ("حامله ام و خیلی ناامیدم", "pregnancy"),
    # typos, transliteration, wrong keyboard
    ("my husband hitts me", "violence"),
    ("ne hochu zhyty", "suicide"),
    ("ya hochu umeret", "suicide"),
    ("vergewaltigtt", "sexual_violence"),
]

NEGATIVE = [
    "I need a doctor appointment for my child",
    "my child is sick with a cold",
    "I want to kill time",
    "the Jobcenter is killing me with paperwork",
    "where is the hospital for a vaccination",
    "Kündigung meiner Wohnung",
    "fire department letter about a fee",
    "Feuerwehr hat mir einen Brief wegen einer Gebühr geschickt",
    "Die Wohnung ist zu teuer",
    "I was fired from my job",
    "i am pregnant, where can i find a gynecologist",
    "meine Frau ist schwanger, wir suchen eine Frauenärztin",
    "Er schlägt vor, einen Termin zu machen",
    "my son hit his head at school and has a bump",
    "I killed it at my job interview today",
    "my neighbour smokes on the balcony and the smoke comes into our flat",
    "Огонь в печке не разжигается",
    "світло горить у коридорі",
    "хочу убить время",
    "الاجار نار والمصاري ما بتكفي",
    "جاب سنتر منو کشت با این کاغذبازی",
    "حرف میزنه با من",
    "دلم براش میسوزه",
    "ما بقدر نام من التفكير",
    "скорая приезжала вчера, теперь пришел счет",
    "Mir droht die Abschiebung",
    "the jobcenter threatened me with sanctions",
    "ich will nicht mehr in diesem Heim leben",
    "не хочу жити в цьому гуртожитку",
    "Die Ausländerbehörde reagiert nicht auf meine Mails",
    "my child is missing school because of the move",
    "Hallo, ich habe eine Frage zum Kindergeld",
]


@pytest.mark.parametrize(("text", "kind"), POSITIVE)
def test_emergency_is_caught(understander: Understander, text: str, kind: str) -> None:
    assert understander.understand(text).emergency == kind


@pytest.mark.parametrize("text", NEGATIVE)
def test_everyday_speech_is_no_emergency(understander: Understander, text: str) -> None:
    assert understander.understand(text).emergency is None


def test_emergency_words_do_not_count_as_topic(understander: Understander) -> None:
    result = understander.understand("my child is not breathing")
    assert result.emergency == "medical"
    assert result.area is None


def test_topic_next_to_an_emergency_is_kept(understander: Understander) -> None:
    result = understander.understand("Feuer in der Wohnung")
    assert (result.emergency, result.area) == ("fire", "housing")
