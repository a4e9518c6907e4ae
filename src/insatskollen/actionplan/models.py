"""Åtgärdsplan och orsaksredovisning."""

from django.db import models  # noqa: F401
