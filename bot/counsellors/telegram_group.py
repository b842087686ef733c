"""The counsellors' side in their office group: buttons, replies, topics and two commands.

- Buttons under a request: claim, propose an appointment, ask the person, close.
- A reply to the bot's appointment prompt with '2.12. 14:00 Place' proposes it.
- Any other message of an allowed counsellor in a request's topic, or in reply to one of its
  messages, reaches the person through the bot (the counsellor's account stays hidden); editing
  such a message sends the person a correction.
- `/termin WG-7K3F 2.12. 14:00 Place` and `/frage WG-7K3F text` work anywhere in the group.
- Anonymous group admins act only where the config allows it (`anonymous_admins: true`);
  otherwise they are asked to write without anonymity. In a group without topics, a message
  that reaches no request gets a hint how to reach a person.
"""

from __future__ import annotations

import logging

from telegram import ForceReply, Message, Update
from telegram.error import TelegramError

from bot.channels.telegram.redact import describe_error, describe_update
from bot.handoff.group import parse_action
from bot.handoff.reference import find_reference
from bot.handoff.service import Actor, HandoffService, Outcome
from bot.handoff.store import RequestStore
from bot.i18n.placeholders import fill

log = logging.getLogger(__name__)

PROMPTS = {"propose": "propose_prompt", "ask": "ask_prompt"}
COMMANDS = ("/termin", "/frage")


class CounsellorDesk:
    def __init__(self, handoff: HandoffService, store: RequestStore) -> None:
        self._handoff = handoff
        self._store = store

    async def on_update(self, update: Update) -> None:
        try:
            if update.callback_query is not None:
                await self._on_button(update)
            elif update.message is not None and update.message.text:
                await self._on_message(update.message)
            elif update.edited_message is not None and update.edited_message.text:
                await self._on_edit(update.edited_message)
        except TelegramError as error:
            log.warning(
                "%s counsellor action failed: %s", describe_update(update), describe_error(error)
            )

    async def _on_button(self, update: Update) -> None:
        query = update.callback_query
        assert query is not None
        parsed = parse_action(query.data or "")
        if parsed is None:
            await query.answer()
            return
        action, ref = parsed
        actor = Actor(query.from_user.id, query.from_user.first_name or "")
        if action in PROMPTS:
            outcome = await self._handoff.check(ref, actor)
            await query.answer(outcome.message or None, show_alert=not outcome.ok)
            if outcome.ok and isinstance(query.message, Message):
                await self._prompt(query.message, action, ref)
            return
        outcome = await self._handoff.act(ref, action, actor)
        await query.answer(outcome.message, show_alert=not outcome.ok)

    async def _prompt(self, message: Message, action: str, ref: str) -> None:
        text = fill(
            self._handoff.content.staff_text(PROMPTS[action]),
            ref=ref,
            example=self._handoff.counsellors.example(),
        )
        prompt = await message.chat.send_message(
            text,
            message_thread_id=message.message_thread_id if message.is_topic_message else None,
            reply_markup=ForceReply(selective=False, input_field_placeholder=ref),
        )
        await self._store.link_message(prompt.chat_id, prompt.message_id, ref)

    async def _on_message(self, message: Message) -> None:
        actor = self._actor(message)
        if actor is None:
            if _is_anonymous_admin(message):
                await message.reply_text(self._handoff.content.staff_text("anonymous_admin"))
            return
        text = message.text or ""
        command, _, rest = text.partition(" ")
        if command.split("@")[0] in COMMANDS:
            await self._command(message, actor, command.split("@")[0], rest)
            return
        ref = await self._request_of(message)
        if ref is None:
            if not message.chat.is_forum and message.reply_to_message is None:
                await self._hint(message, actor)
            return  # otherwise: ordinary talk among colleagues
        replied = message.reply_to_message
        if replied is not None and self._is_prompt(replied, "propose", ref):
            outcome = await self._handoff.propose(ref, actor, text)
        else:
            outcome = await self._handoff.relay_to_person(ref, actor, text)
            await self._link_relayed(message, ref, outcome)
        await self._answer(message, outcome)

    async def _on_edit(self, message: Message) -> None:
        """An edited message that had reached the person reaches them again as a correction."""
        actor = self._actor(message)
        if actor is None:
            return
        ref = await self._store.linked_request(message.chat_id, message.message_id)
        if ref is None:
            return
        text = message.text or ""
        command, _, rest = text.partition(" ")
        if command.split("@")[0] == "/frage":
            text = rest.strip().partition(" ")[2].strip()
        outcome = await self._handoff.correct(ref, actor, text)
        await self._answer(message, outcome)

    async def _command(self, message: Message, actor: Actor, command: str, rest: str) -> None:
        first, _, body = rest.strip().partition(" ")
        ref = find_reference(first)
        if ref is None:
            await self._answer(
                message, Outcome(False, self._handoff.content.staff_text("unknown_request"))
            )
            return
        if command == "/termin":
            outcome = await self._handoff.propose(ref, actor, body.strip())
        else:
            outcome = await self._handoff.relay_to_person(ref, actor, body.strip())
            await self._link_relayed(message, ref, outcome)
        await self._answer(message, outcome)

    async def _hint(self, message: Message, actor: Actor) -> None:
        if self._handoff.counsellors.is_counsellor(actor):
            await message.reply_text(self._handoff.content.staff_text("no_request_hint"))

    async def _link_relayed(self, message: Message, ref: str, outcome: Outcome) -> None:
        if outcome.ok:  # so that editing it later sends a correction
            await self._store.link_message(message.chat_id, message.message_id, ref)

    def _actor(self, message: Message) -> Actor | None:
        """Who wrote: a person, or the group itself for an allowed anonymous admin."""
        if _is_anonymous_admin(message):
            office = self._handoff.config.office_of_group(message.chat_id)
            if office and self._handoff.config.office(office).anonymous_admins:
                return Actor(message.chat_id, message.author_signature or message.chat.title or "")
            return None
        if message.from_user is None or message.from_user.is_bot:
            return None
        return Actor(message.from_user.id, message.from_user.first_name or "")

    async def _request_of(self, message: Message) -> str | None:
        if message.reply_to_message is not None:
            linked = await self._store.linked_request(
                message.chat_id, message.reply_to_message.message_id
            )
            if linked:
                return linked
        if message.is_topic_message and message.message_thread_id is not None:
            return await self._store.linked_request(message.chat_id, message.message_thread_id)
        return None

    def _is_prompt(self, replied: Message, action: str, ref: str) -> bool:
        template = self._handoff.content.staff_text(PROMPTS[action])
        prefix = fill(template.split("{example}")[0], ref=ref)
        return (replied.text or "").strip().startswith(prefix.strip())

    async def _answer(self, message: Message, outcome: Outcome) -> None:
        await message.reply_text(outcome.message)


def _is_anonymous_admin(message: Message) -> bool:
    return message.sender_chat is not None and message.sender_chat.id == message.chat_id
