"""The counsellors in their Telegram office group (no person channel of its own)."""
