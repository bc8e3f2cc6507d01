"""Units and groups by any spelling: the one place where a name becomes a canonical name.

The loader resolves every name it reads (report units, lead and support units, group
members) here; after it, code compares canonical names only. Command-line arguments are
resolved here too, which is the other border names cross.
"""

from __future__ import annotations

from collections.abc import Iterable

from zwxt.plan.units import Group, Unit, UnitsFile
from zwxt.textnorm import close_matches, name_key


class Directory:
    """Every unit and group of units.yaml, found by name, alias or width variant."""

    def __init__(self, units_file: UnitsFile) -> None:
        self.units: dict[str, Unit] = {}
        self.groups: dict[str, Group] = {}
        self._by_key: dict[str, str] = {}
        for unit in units_file.units:
            self.units.setdefault(unit.name, unit)
        for group in units_file.groups:
            self.groups.setdefault(group.name, group)
        # Canonical names first, so an alias never hides another record's own name.
        for name in [*self.units, *self.groups]:
            self._by_key.setdefault(name_key(name), name)
        records: list[Unit | Group] = [*units_file.units, *units_file.groups]
        for record in records:
            for alias in record.aliases:
                self._by_key.setdefault(name_key(alias), record.name)
        self._members = {name: self._member_units(group) for name, group in self.groups.items()}

    def resolve(self, name: str) -> str | None:
        """The canonical name of a unit or group, or None when nothing matches."""
        return self._by_key.get(name_key(name))

    def unit_of(self, name: str) -> str | None:
        """The canonical name of a single unit (not a group), or None."""
        canonical = self.resolve(name)
        return canonical if canonical in self.units else None

    def is_group(self, name: str) -> bool:
        return name in self.groups

    def expand(self, names: Iterable[str]) -> tuple[str, ...]:
        """The units that canonical ``names`` stand for, groups replaced by their members."""
        found: dict[str, None] = {}
        for name in names:
            for unit in self._members.get(name, (name,) if name in self.units else ()):
                found[unit] = None
        return tuple(found)

    def suggest(self, name: str, units_only: bool = False, limit: int = 3) -> list[str]:
        """Canonical names resembling ``name``, best first: the "did you mean" of every message."""
        spellings = [*self.units, *self.groups]
        for unit in self.units.values():
            spellings.extend(unit.aliases)
        for group in self.groups.values():
            spellings.extend(group.aliases)
        found: list[str] = []
        for guess in close_matches(name, spellings, limit=limit + 2):
            canonical = self.resolve(guess)
            if canonical and canonical not in found and (not units_only or canonical in self.units):
                found.append(canonical)
        return found[:limit]

    def _member_units(self, group: Group) -> tuple[str, ...]:
        found: dict[str, None] = {}
        for member in group.members:
            unit = self.unit_of(member)
            if unit is not None:
                found[unit] = None
        return tuple(found)
