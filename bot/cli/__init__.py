"""Command-line entry points: `python -m bot <command>`."""
