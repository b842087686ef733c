"""The pure engine on the small test content: every node type and every command."""

from __future__ import annotations

from bot.content.model import Content
from bot.engine import Turn, step
from bot.events import AnswerSaved, ConversationStopped, DataDeletionRequested, HandoffRequested
from bot.i18n.direction import LRI, PDI, RLM, mark_rtl
from bot.messages import Inbound
from bot.session import Session

USER = "test:1"


def send(
    content: Content,
    session: Session,
    text: str | None = None,
    choice: str | None = None,
    **kw: str,
) -> Turn:
    return step(content, session, Inbound(USER, text=text, choice=choice, **kw))


def talk(content: Content, *messages: str, session: Session | None = None) -> Turn:
    turn = Turn(session or Session(USER), (), ())
    for message in messages:
        turn = send(content, turn.session, message)
    return turn


def last_text(turn: Turn) -> str:
    return turn.replies[-1].text


def test_first_message_shows_language_picker_with_native_names(small: Content) -> None:
    turn = talk(small, "hallo")
    labels = [c.label for c in turn.replies[-1].choices]
    assert labels[:1] == ["Deutsch"] and "Українська" in labels and "العربية" in labels
    assert turn.session.position is not None and turn.session.position.node == "language"


def test_language_hint_puts_guess_first_and_translates(small: Content) -> None:
    turn = send(small, Session(USER), "привіт", locale_hint="uk-UA")
    assert turn.replies[-1].text == "Будь ласка, оберіть мову."
    assert turn.replies[-1].choices[0].id == "lang.uk"


def test_language_button_confirms_and_continues_in_that_language(small: Content) -> None:
    turn = talk(small, "hi")
    turn = send(small, turn.session, choice="lang.uk")
    assert turn.session.language == "uk" and turn.session.language_confirmed
    assert [r.text for r in turn.replies] == [
        "Консультація безкоштовна і конфіденційна.",
        "Де ви живете?",
    ]


def test_missing_translation_falls_back_to_german_source(small: Content) -> None:
    turn = talk(small, "hi", "3", "1", "1")  # uk, Pirna, housing menu
    assert last_text(turn) == "Wie wohnen Sie?"  # not translated in the fixture: en -> de


def test_number_and_label_select_choices(small: Content) -> None:
    by_number = talk(small, "hi", "1", "1")
    by_label = talk(small, "hi", "deutsch", "pirna")
    assert by_number.session.answers == by_label.session.answers == {"place": "pirna"}
    assert last_text(by_number) == "Wobei brauchen Sie Hilfe?"


def test_unknown_input_explains_and_repeats_choices(small: Content) -> None:
    turn = talk(small, "hi", "1", "something else")
    assert "nicht verstanden" in last_text(turn) and "Wo wohnen Sie?" in last_text(turn)
    assert [c.id for c in turn.replies[-1].choices] == [
        "welcome.place.pirna",
        "welcome.place.elsewhere",
    ]


def test_input_node_validates_and_retries(small: Content) -> None:
    turn = talk(small, "hi", "1", "1", "1", "2")  # eviction -> persons
    assert last_text(turn) == "Wie viele Personen leben bei Ihnen?"
    retry = send(small, turn.session, "viele")
    assert "Zahl" in last_text(retry) and retry.session.position == turn.session.position
    too_many = send(small, turn.session, "99")
    assert too_many.session.position == turn.session.position
    ok = send(small, turn.session, "٤")  # Arabic-Indic four
    assert ok.session.answers["persons"] == "4"
    assert AnswerSaved("persons", "4") in ok.events


def test_branch_on_saved_place_and_info_then_offer(small: Content) -> None:
    turn = talk(small, "hi", "1", "1", "1", "2", "4")
    texts = [r.text for r in turn.replies]
    assert texts[0] == "In Pirna hilft die Flüchtlingssozialarbeit."
    assert texts[-1] == "Möchten Sie mit einer Beraterin oder einem Berater sprechen?"
    assert turn.session.answers["urgent"] == "yes" and turn.session.answers["topic"] == "housing"


def test_handoff_emits_event_with_answers(small: Content) -> None:
    turn = talk(small, "hi", "1", "1", "1", "2", "4", "1", "0151 2345678")
    handoffs = [e for e in turn.events if isinstance(e, HandoffRequested)]
    assert len(handoffs) == 1
    assert handoffs[0].topic == "housing" and handoffs[0].urgent
    assert handoffs[0].answers["phone"] == "01512345678"
    assert [c.id for c in turn.replies[-1].choices] == ["menu", "human"]  # end never a dead end


def test_back_returns_to_previous_question(small: Content) -> None:
    turn = talk(small, "hi", "1", "1", "1")
    assert last_text(turn) == "Wie wohnen Sie?"
    back = send(small, turn.session, "/back")
    assert last_text(back) == "Wobei brauchen Sie Hilfe?"


def test_menu_help_and_unknown_command_work_anywhere(small: Content) -> None:
    turn = talk(small, "hi", "1", "1", "1")
    assert last_text(send(small, turn.session, "/menu")) == "Wobei brauchen Sie Hilfe?"
    helped = send(small, turn.session, "/help")
    assert "/menu" in last_text(helped) and last_text(helped).endswith("Wie wohnen Sie?")
    unknown = send(small, turn.session, "/nonsense")
    assert "/help" in last_text(unknown) and unknown.replies[-1].choices


def test_human_command_enters_handoff(small: Content) -> None:
    turn = talk(small, "hi", "1", "/human")
    assert last_text(turn) == "Unter welcher Nummer können wir Sie anrufen?"


def test_stale_button_repeats_current_question(small: Content) -> None:
    turn = talk(small, "hi", "1", "1", "1")
    stale = send(small, turn.session, choice="welcome.place.pirna")
    assert "früheren Frage" in last_text(stale) and stale.session.position == turn.session.position


def test_language_command_changes_language_and_repeats_question(small: Content) -> None:
    turn = talk(small, "hi", "1")
    picker = send(small, turn.session, "/language")
    assert len(picker.replies[-1].choices) == 6
    changed = send(small, picker.session, choice="lang.uk")
    assert last_text(changed).endswith("Де ви живете?")


def test_rtl_marks_paragraphs_and_isolates_numbers(small: Content) -> None:
    turn = talk(small, "hi", "5")  # Arabic
    reply = turn.replies[-1]
    assert reply.rtl and all(line.startswith(RLM) for line in reply.text.split("\n") if line)
    session = turn.session
    retry = talk(small, "1", "1", "2", "x", session=session)  # housing eviction -> number retry
    assert f"3{PDI}" in last_text(
        retry
    )  # German fallback: the Latin run with the number is isolated


def test_rtl_keeps_phone_numbers_and_references_left_to_right() -> None:
    marked = mark_rtl("اتصل 0800 111 0 111 أو WG-7K3F\n116 117")
    assert (
        marked == f"{RLM}اتصل {LRI}0800 111 0 111{PDI} أو {LRI}WG-7K3F{PDI}\n{RLM}{LRI}116 117{PDI}"
    )


def test_rtl_keeps_an_email_address_in_one_left_to_right_run() -> None:
    """A tester: «asyl@caritas-dresden.de» showed as "caritas-dresden.de@asyl" in Arabic."""
    marked = mark_rtl("البريد: asyl@caritas-dresden.de")
    assert marked == f"{RLM}البريد: {LRI}asyl@caritas-dresden.de{PDI}"


def test_stop_then_any_message_starts_again(small: Content) -> None:
    turn = talk(small, "hi", "1", "/stop")
    assert any(isinstance(e, ConversationStopped) for e in turn.events)
    assert [c.id for c in turn.replies[-1].choices] == ["start"]
    again = send(small, turn.session, "hallo")
    assert last_text(again) == "Wo wohnen Sie?"


def test_mydata_and_delete(small: Content) -> None:
    turn = talk(small, "hi", "1", "1", "/mydata")
    assert "Wohnort: Pirna" in last_text(turn)
    confirm = send(small, turn.session, "/delete")
    assert [c.id for c in confirm.replies[-1].choices] == ["delete.yes", "delete.no"]
    deleted = send(small, confirm.session, choice="delete.yes")
    assert any(isinstance(e, DataDeletionRequested) for e in deleted.events)
    assert deleted.session.answers == {} and deleted.session.position is None


def test_unsupported_kinds_and_hostile_text_never_break(small: Content) -> None:
    turn = talk(small, "hi", "1")
    for kind in ("voice", "photo", "sticker", "location", "edited"):
        reply = step(small, turn.session, Inbound(USER, kind=kind))
        assert reply.replies[-1].choices, kind
    for text in ("", "x" * 10_000, "🙂🏠", "\x00\x07\x1b[31m", "/", "  \n "):
        reply = send(small, turn.session, text)
        assert reply.replies and reply.replies[-1].choices, repr(text)


def test_typed_number_answers_the_buttons_last_shown(small: Content) -> None:
    turn = talk(small, "hi", "1", "/language", "3")  # the picker, not the place question
    assert turn.session.language == "uk" and last_text(turn).endswith("Де ви живете?")
    confirm = send(small, turn.session, "/delete")
    deleted = send(small, confirm.session, "1")
    assert any(isinstance(e, DataDeletionRequested) for e in deleted.events)
