"""The web UI tests use the personas and `browser_for` of tests/conftest.py."""
