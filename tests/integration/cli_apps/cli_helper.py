"""A helper module imported by ``alias_app.py`` from the same folder."""

GREETING = "hello from the helper"
