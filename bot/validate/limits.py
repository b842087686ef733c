"""Telegram and WhatsApp limits, so staff learn at edit time and not in production."""

from __future__ import annotations

import os
from collections.abc import Mapping

from bot.content.model import Content, Flow
from bot.content.problems import Problem, Severity
from bot.content.texts import content_texts
from bot.nodes.ask import Ask, AskChoice

CALLBACK_BYTES = 64
TELEGRAM_TEXT = 4096
WHATSAPP_BODY = 1024
MESSAGE_TARGET = 600
WHATSAPP_BUTTON = 20
WHATSAPP_ROW = 24
WHATSAPP_DESCRIPTION = 72
WHATSAPP_BUTTONS = 3
WHATSAPP_ROWS = 10


def whatsapp_severity(environ: Mapping[str, str] | None = None) -> Severity:
    """WhatsApp limits are errors when the WhatsApp channel is configured (WhatsApp silently
    drops a message whose labels are too long), warnings otherwise."""
    env = os.environ if environ is None else environ
    enabled = any(
        env.get(n, "").strip() for n in ("WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_ACCESS_TOKEN")
    )
    return "error" if enabled else "warning"


def check_limits(content: Content) -> list[Problem]:
    problems = _text_lengths(content)
    for flow in content.flows.values():
        for node in flow.nodes.values():
            if isinstance(node, Ask):
                problems += _ask_limits(content, flow, node)
    return problems


def _text_lengths(content: Content) -> list[Problem]:
    problems = []
    for located in content_texts(content):
        for language in content.languages:
            text = content.catalogs.translate(located.text.source, language)[0]
            if len(text) > TELEGRAM_TEXT:
                problems.append(
                    Problem(
                        located.file,
                        located.text.line,
                        f"[{language}] text has {len(text)} characters; Telegram allows {TELEGRAM_TEXT} — split it",
                        node=located.node,
                    )
                )
            elif len(text) > MESSAGE_TARGET:
                problems.append(
                    Problem(
                        located.file,
                        located.text.line,
                        f"[{language}] text has {len(text)} characters; keep messages under {MESSAGE_TARGET} — split it into two nodes",
                        "warning",
                        located.node,
                    )
                )
    return problems


def _ask_limits(content: Content, flow: Flow, node: Ask) -> list[Problem]:
    problems = []
    if len(node.choices) > WHATSAPP_ROWS:
        problems.append(
            Problem(
                flow.file,
                node.line,
                f"has {len(node.choices)} choices; WhatsApp lists hold at most {WHATSAPP_ROWS}"
                " (the rest is paged behind a 'More…' row)",
                "warning",
                node.id,
            )
        )
    for choice in node.choices:
        callback = f"{flow.id}.{node.id}.{choice.id}"
        size = len(callback.encode())
        if size > CALLBACK_BYTES:
            problems.append(
                Problem(
                    flow.file,
                    choice.line,
                    f"button id '{callback}' has {size} bytes; Telegram allows {CALLBACK_BYTES} — shorten the flow, node or choice id",
                    node=node.id,
                )
            )
        problems += _whatsapp_label(content, flow, node, choice)
    return problems


def _whatsapp_label(content: Content, flow: Flow, node: Ask, choice: AskChoice) -> list[Problem]:
    buttons = len(node.choices) <= WHATSAPP_BUTTONS
    label = choice.short or choice.text
    cut = [lang for lang in content.languages if len(_shown(content, label, lang)) > WHATSAPP_ROW]
    listed = [
        lang
        for lang in content.languages
        if buttons and lang not in cut and len(_shown(content, label, lang)) > WHATSAPP_BUTTON
    ]
    long_description = [
        lang
        for lang in content.languages
        if choice.description
        and len(_shown(content, choice.description, lang)) > WHATSAPP_DESCRIPTION
    ]
    found = []
    if cut:
        found.append(
            f"label over {WHATSAPP_ROW} characters in {', '.join(cut)}; WhatsApp would cut it — add a 'short' label"
        )
    if listed:
        found.append(
            f"label over {WHATSAPP_BUTTON} characters in {', '.join(listed)}; WhatsApp would show a list instead of buttons — add a 'short' label"
        )
    if long_description:
        found.append(
            f"description over {WHATSAPP_DESCRIPTION} characters in {', '.join(long_description)}; WhatsApp would cut it"
        )
    severity = whatsapp_severity()
    return [
        Problem(
            flow.file,
            choice.line,
            f"choice '{choice.id}': {text}",
            "warning" if "instead of buttons" in text else severity,
            node.id,
        )
        for text in found
    ]


def _shown(content: Content, text: object, language: str) -> str:
    return content.catalogs.translate(text.source, language)[0]  # type: ignore[attr-defined]
