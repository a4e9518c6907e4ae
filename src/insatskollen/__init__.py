"""Insatskollen."""
