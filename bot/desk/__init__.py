"""The counsellor desk: a small server-rendered web interface under `/desk` (Starlette, Jinja2,
plain forms). Accounts (`accounts`), sign-in and forms (`auth`), the pages (`app`), the command
`python -m bot desk` (`cli`)."""
