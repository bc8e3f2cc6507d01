"""The settings a command runs with: one frozen object, passed down, never global."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    root: str | None = None
