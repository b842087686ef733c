"""The WhatsApp Cloud API channel: webhook, Graph API client, rendering, 24-hour window."""
