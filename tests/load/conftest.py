"""Fixtures of the load tests: the validation tests run on both YAML composers, as the parse's do."""

from __future__ import annotations

from tests.parse.conftest import composer

__all__ = ["composer"]
