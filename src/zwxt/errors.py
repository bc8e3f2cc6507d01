"""The one hierarchy of fatal errors, mapped to exit codes at the CLI boundary."""

from __future__ import annotations


class ZwxtError(Exception):
    """A fatal condition with a message for the user (in Chinese)."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(ZwxtError):
    """The command line asks for something impossible: exit 2."""


class NotARepositoryError(ZwxtError):
    """No plan repository (a directory holding data/tasks.yaml) was found: exit 2."""
