"""Test infrastructure shared by every app's tests (no production code imports it)."""
