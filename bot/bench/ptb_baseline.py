"""The baselines of `bot.bench.compare`: the same conversation written the way a competent
developer would with python-telegram-bot alone.

A `ConversationHandler` with five states (language, place, topic, question, counsellor
request) that makes the same Bot API calls as Wegweiser for the recorded updates: a press is
answered, the pressed question edited to show the answer, the next question sent with an
inline keyboard, as HTML. Typed text is matched by keywords (a question about housing,
thanks; in the request state any text is the answer asked for). The texts it sends are the
ones Wegweiser sent in the recording (`bot.bench.recorded`), looked up by language, the
previous step and the update, so that both send the same bytes.

Three ways to keep the state: in memory (`ptb-memory`), PTB's `PicklePersistence` at its
defaults (`ptb-pickle`), and one aiosqlite upsert + commit per update with the project's
pragmas before anything is sent (`sqlite-floor`, the least a durable bot must do).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import aiosqlite
from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    PicklePersistence,
    filters,
)
from telegram.request import BaseRequest
from telegram.warnings import PTBUserWarning

from bot.bench.recorded import TOKEN, Script
from bot.storage.sqlite import _connect

LANGUAGE, PLACE, TOPIC, QUESTION, REQUEST = range(5)
KEYWORDS = {
    "question": ("wohnung", "flat", "житло", "жильё", "سكن", "خانه"),
    "thanks": ("danke", "thank", "дякую", "спасибо", "شكر", "ممنون"),
}
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
UPSERT = (
    "INSERT INTO state (user, data) VALUES (?, ?) "
    "ON CONFLICT(user) DO UPDATE SET data = excluded.data"
)
Reply = tuple[tuple[str, Any], ...]


def reply_table(scripts: list[Script]) -> dict[tuple[str, str, str], Reply]:
    """(language, previous key, key) -> the messages to send, from the recordings."""
    table: dict[tuple[str, str, str], Reply] = {}
    for script in scripts:
        previous = ""
        for step in script.steps:
            sends = tuple(
                (text, InlineKeyboardMarkup.de_json(markup, None) if markup else None)
                for text, markup in step.sends
            )
            table[(script.language, previous, step.key)] = sends
            previous = step.key
    return table


class SqliteState:
    """One upsert and one commit per update (autocommit), with the project's pragmas."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection

    @classmethod
    async def open(cls, path: Path) -> SqliteState:
        connection = await _connect(str(path))
        await connection.execute("CREATE TABLE IF NOT EXISTS state (user TEXT PRIMARY KEY, data)")
        return cls(connection)

    async def save(self, user: int, data: dict[str, Any]) -> None:
        await self.connection.execute(UPSERT, (str(user), json.dumps(data)))

    async def close(self) -> None:
        await self.connection.close()


class BaselineBot:
    """The handlers; `store` makes every update durable before it is answered."""

    def __init__(
        self, table: dict[tuple[str, str, str], Reply], store: SqliteState | None = None
    ) -> None:
        self.table = table
        self.store = store

    def conversation(self, persistent: bool = False) -> ConversationHandler[Any]:
        typed = filters.TEXT & ~filters.COMMAND
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PTBUserWarning)  # per_message=False, as intended
            return ConversationHandler(
                entry_points=[CommandHandler("start", self.start)],
                states={
                    LANGUAGE: [CallbackQueryHandler(self.language, pattern=r"^lang\.")],
                    PLACE: [CallbackQueryHandler(self.pressed(TOPIC))],
                    TOPIC: [CallbackQueryHandler(self.topic)],
                    QUESTION: [
                        MessageHandler(typed, self.typed),
                        CommandHandler("human", self.human),
                    ],
                    REQUEST: [
                        CallbackQueryHandler(self.pressed(REQUEST)),
                        MessageHandler(typed, self.answer_typed),
                    ],
                },
                fallbacks=[CommandHandler("start", self.start)],
                name="wegweiser-baseline",
                persistent=persistent,
            )

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        context.user_data.clear()
        context.user_data["language"] = (update.effective_user.language_code or "de")[:2]
        await self._reply(update, context, "start", LANGUAGE)
        return LANGUAGE

    async def language(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        context.user_data["language"] = update.callback_query.data.removeprefix("lang.")
        return await self.pressed(PLACE)(update, context)

    async def topic(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        context.user_data["topic"] = update.callback_query.data.rsplit(".", 1)[-1]
        return await self.pressed(QUESTION)(update, context)

    def pressed(self, state: int) -> Any:
        async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
            query = update.callback_query
            await query.answer()
            await self._edit(query.message, query.data)
            await self._reply(update, context, query.data, state)
            return state

        return handle

    async def typed(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        text = update.message.text.lower()
        key = next((k for k, words in KEYWORDS.items() if any(w in text for w in words)), "")
        await self._reply(update, context, key, QUESTION)
        return QUESTION

    async def human(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        await self._reply(update, context, "human", REQUEST)
        return REQUEST

    async def answer_typed(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
        context.user_data.setdefault("answers", {})[context.user_data["last"]] = update.message.text
        await self._reply(update, context, "name", REQUEST)
        return REQUEST

    async def _edit(self, message: Message | None, data: str) -> None:
        if not isinstance(message, Message) or message.reply_markup is None:
            return
        rows = message.reply_markup.inline_keyboard
        label = next((b.text for row in rows for b in row if b.callback_data == data), None)
        if label is not None and message.text:
            await message.edit_text(
                f"{message.text}\n\n✅ {label}",
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
            )

    async def _reply(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, key: str, state: int
    ) -> None:
        data = context.user_data
        language, previous = data.get("language", "de"), data.get("last", "")
        data["last"], data["state"] = key, state
        if self.store is not None:
            await self.store.save(update.effective_chat.id, data)
        for text, markup in self.table.get((language, previous, key), ()):
            await context.bot.send_message(
                update.effective_chat.id,
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                link_preview_options=NO_PREVIEW,
            )


def baseline_application(
    bot: BaselineBot,
    request: BaseRequest,
    *,
    pickle_file: Path | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The PTB application at its defaults (updates one after another, which also keeps a
    person's next update from overtaking the state change of the previous one); updates are
    put on its update queue by the benchmark's poller."""
    builder = ApplicationBuilder().token(TOKEN).request(request).updater(None)
    if pickle_file is not None:
        builder = builder.persistence(PicklePersistence(filepath=pickle_file))
    application = builder.build()
    application.add_handler(bot.conversation(persistent=pickle_file is not None))
    return application
