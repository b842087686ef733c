"""Flows and interface messages the engine relies on."""

from __future__ import annotations

from collections.abc import Mapping

from bot.content.model import Content
from bot.content.problems import Problem
from bot.domain import EMERGENCY_KINDS

REQUIRED_FLOWS = ("welcome", "menu", "handoff")
REQUIRED_MESSAGES = (
    "not_understood",
    "greeting_reply",
    "thanks_reply",
    "clarify",
    "help",
    "welcome_back",
    "back_none",
    "stale_button",
    "stopped",
    "unsupported_message",
    "edited_message",
    "group_not_supported",
    "flood_notice",
    "unknown_command",
    "end_default",
    "language_prompt",
    "language_changed",
    "content_changed",
    "error_loop",
    "mydata_header",
    "mydata_empty",
    "mydata_footer",
    "delete_confirm",
    "delete_kept",
    "deleted",
    "status_none",
    "status_header",
    "button_menu",
    "button_human",
    "button_start",
    "button_back",
    "button_delete_yes",
    "button_delete_no",
    "button_cancel_request",
    "button_cancel_request_also",
    "cancel_confirm",
    "button_cancel_yes",
    "button_cancel_no",
    "cancel_kept",
    "button_new_request",
    "button_new_request_also",
    "retry_text",
    "retry_number",
    "retry_date",
    "retry_phone",
    "retry_postcode",
    "cmd_start",
    "cmd_menu",
    "cmd_language",
    "cmd_help",
    "cmd_human",
    "cmd_status",
    "cmd_delete",
    "cmd_back",
    "cmd_mydata",
    "cmd_stop",
    "media_forwarded",
    "request_created",
    "counsellor_message",
)


def check_required(content: Content, unread: Mapping[str, str] | None = None) -> list[Problem]:
    """`unread`: ids in files that could not be read (not reported missing: see the syntax error)."""
    problems = [
        Problem(
            f"flows/{flow}.yaml",
            1,
            f"flow '{flow}' is missing; the bot needs it — create flows/{flow}.yaml",
        )
        for flow in REQUIRED_FLOWS
        if flow not in content.flow_files
    ]
    problems += [
        Problem(
            "knowledge/ui.yaml",
            1,
            f"message '{key}' is missing; add it under 'messages:' in German",
        )
        for key in REQUIRED_MESSAGES
        if key not in content.ui and key not in (unread or {})
    ]
    emergency = content.flows.get("emergency")
    if content.understanding is not None:
        if emergency is None:
            problems.append(
                Problem(
                    "flows/emergency.yaml",
                    1,
                    "flow 'emergency' is missing; emergencies typed as text jump into it",
                )
            )
        else:
            problems += [
                Problem(
                    emergency.file,
                    emergency.line,
                    f"node '{kind}' is missing; detected emergencies of kind '{kind}' jump to it",
                )
                for kind in EMERGENCY_KINDS
                if kind not in emergency.nodes
            ]
    return problems
