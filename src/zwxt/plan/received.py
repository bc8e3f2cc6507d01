"""A report the coordinator received from a unit and committed on its behalf: the git trailers
that say so at the end of the commit's message, written and read by this one definition.

::

    市审计局 2018年3月进展报告（2018年4月2日收到，统筹单位代为提交）

    Received-For: 市审计局
    Received-On: 2018-04-02
    Received-File-SHA256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08

They are read as ``git interpret-trailers --parse`` reads them, only more strictly: from the
message's last paragraph alone, which must not be its first (the subject) and whose every
line must be a ``Key: value`` trailer, each of the three keys (in any case) exactly once.
So a trailer quoted in the middle of a message, a block mixed with prose, or a key given
twice with two values, says nothing, and the commit is judged as any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

UNIT_KEY = "Received-For"  # the unit whose report it is, as units.yaml names it
DATE_KEY = "Received-On"  # the day the coordinator received the file, YYYY-MM-DD
SHA256_KEY = "Received-File-SHA256"  # the received file's SHA-256, 64 hex digits
KEYS = (UNIT_KEY, DATE_KEY, SHA256_KEY)

_TRAILER = re.compile(r"([A-Za-z0-9][A-Za-z0-9-]*):[ \t]*(.*?)[ \t]*")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Received:
    """Who a report was received from, the day it was received, and the received file's SHA-256."""

    unit: str
    on: date
    sha256: str

    def trailers(self) -> str:
        """The trailer block, to end a commit's message after a blank line."""
        return f"{UNIT_KEY}: {self.unit}\n{DATE_KEY}: {self.on.isoformat()}\n{SHA256_KEY}: {self.sha256}\n"


def is_sha256(text: str) -> bool:
    return _SHA256.fullmatch(text) is not None


def received_trailers(message: str) -> Received | None:
    """What a commit's ``message`` says it received, or None when its trailers do not say it whole."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", message.replace("\r\n", "\n").strip()) if p.strip()]
    if len(paragraphs) < 2:
        return None
    values: dict[str, list[str]] = {}
    for line in paragraphs[-1].split("\n"):
        found = _TRAILER.fullmatch(line)
        if found is None:
            return None
        values.setdefault(found[1].casefold(), []).append(found[2])
    unit, day, sha256 = (values.get(key.casefold(), []) for key in KEYS)
    if len(unit) != 1 or len(day) != 1 or len(sha256) != 1 or not unit[0]:
        return None
    if _DAY.fullmatch(day[0]) is None or not is_sha256(sha256[0].lower()):
        return None
    try:
        on = date.fromisoformat(day[0])
    except ValueError:
        return None
    return Received(unit[0], on, sha256[0].lower())
