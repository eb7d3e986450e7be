"""Codename word lists (package data, built by scripts/build_wordlists.py)."""
