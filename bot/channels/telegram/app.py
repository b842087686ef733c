"""Builds the python-telegram-bot Application: transport, rate limits, ordering, handlers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Bot, BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter
from telegram.request import BaseRequest

from bot.channels.port import ConversationPort
from bot.channels.telegram.adapter import (
    CounsellorGroups,
    CounsellorHook,
    GroupMoved,
    TelegramAdapter,
)
from bot.channels.telegram.inbox import TelegramInbox
from bot.channels.telegram.ordering import ChatOrderedProcessor
from bot.channels.telegram.ratelimit import ChatRateLimiter
from bot.channels.telegram.redact import describe_error
from bot.channels.telegram.sender import TelegramSender
from bot.channels.telegram.settings import TelegramSettings
from bot.channels.telegram.transport import QueuedRequest

log = logging.getLogger(__name__)

ALLOWED_UPDATES = (
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.CHANNEL_POST,
)
# Language of the command menu for people whose Telegram language has no menu of its own.
DEFAULT_MENU_LANGUAGE = "en"
# How often a request is retried after Telegram answered 429 Too Many Requests.
RATE_LIMIT_RETRIES = 3


@dataclass(frozen=True)
class TelegramChannel:
    """The running pieces: the PTB application, and the sender the host may push through."""

    application: Application
    sender: TelegramSender
    adapter: TelegramAdapter
    inbox: TelegramInbox | None = None


def build_channel(
    settings: TelegramSettings,
    conversation: ConversationPort,
    *,
    webhook: bool = False,
    counsellor_groups: CounsellorGroups = (),
    counsellor_hook: CounsellorHook | None = None,
    on_group_moved: GroupMoved | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limiter: BaseRateLimiter | None = None,
    inbox: TelegramInbox | None = None,
) -> TelegramChannel:
    """The Telegram channel. `webhook` leaves out the Updater (updates come through the web
    app); `request`, `get_updates_request` and `rate_limiter` are for tests and benchmarks.
    With an `inbox`, updates are stored before they are acknowledged and marked processed by
    their turn; polling then runs through `bot.channels.telegram.polling`, not PTB's Updater."""
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.api_url)
        .rate_limiter(rate_limiter or ChatRateLimiter(max_retries=RATE_LIMIT_RETRIES))
        .concurrent_updates(ChatOrderedProcessor(inbox=inbox))
        .post_init(_post_init(conversation))
    )
    if webhook or inbox is not None:
        builder = builder.updater(None)
    builder = builder.request(request or QueuedRequest())
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    application = builder.build()
    sender = TelegramSender(application.bot)
    adapter = TelegramAdapter(
        conversation,
        sender,
        counsellor_groups=counsellor_groups,
        counsellor_hook=counsellor_hook,
        on_group_moved=on_group_moved,
    )
    application.add_handlers(adapter.handlers())
    application.add_error_handler(adapter.on_error)
    return TelegramChannel(application=application, sender=sender, adapter=adapter, inbox=inbox)


def _post_init(conversation: ConversationPort) -> Callable[[Application], Awaitable[None]]:
    async def post_init(application: Application) -> None:
        await set_command_menus(application.bot, conversation)

    return post_init


async def set_command_menus(bot: Bot, conversation: ConversationPort) -> None:
    """One localized command menu per language, plus the default for all other languages.
    A failure is logged: the bot works without menus."""
    for language in (None, *conversation.languages):
        menu = conversation.command_menu(language or DEFAULT_MENU_LANGUAGE)
        commands = [BotCommand(command, description) for command, description in menu]
        try:
            await bot.set_my_commands(commands, language_code=language)
        except TelegramError as error:
            log.warning("command menu for %s not set: %s", language, describe_error(error))


async def run_post_init(application: Application) -> None:
    """What `run_polling`/`run_webhook` would do after initialize; our runners start by hand."""
    if application.post_init is not None:
        await application.post_init(application)
