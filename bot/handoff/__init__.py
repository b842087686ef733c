"""Counsellor handoff: requests, office routing, the outbox, counsellor actions and relay."""
