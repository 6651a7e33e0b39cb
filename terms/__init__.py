"""Shared terms of zhibiao: one home for what db, etl, pages and the CLI all mean by a number."""
