"""Looking up units by any spelling, and expanding groups to their members."""

from __future__ import annotations

from collections.abc import Iterable

from zwxt.model.units import Group, Unit, UnitsFile
from zwxt.textnorm import name_key


class Directory:
    """Every unit and group of units.yaml, found by name, alias or width variant."""

    def __init__(self, units_file: UnitsFile | None) -> None:
        self.units: dict[str, Unit] = {}
        self.groups: dict[str, Group] = {}
        self._by_key: dict[str, str] = {}
        if units_file is None:
            return
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

    def resolve(self, name: str) -> str | None:
        """The canonical name of a unit or group, or None when nothing matches."""
        return self._by_key.get(name_key(name))

    def is_group(self, name: str) -> bool:
        return name in self.groups

    def spellings(self) -> list[str]:
        """Canonical names and aliases, for suggesting close matches."""
        names = [*self.units, *self.groups]
        entries: list[Unit | Group] = [*self.units.values(), *self.groups.values()]
        for record in entries:
            names.extend(record.aliases)
        return names

    def expand(self, names: Iterable[str]) -> tuple[str, ...]:
        """The canonical units that ``names`` stand for, groups replaced by their members."""
        found: dict[str, None] = {}
        for name in names:
            canonical = self.resolve(name)
            if canonical in self.groups:
                for member in self.groups[canonical].members:
                    resolved = self.resolve(member)
                    if resolved in self.units:
                        found[resolved] = None
            elif canonical is not None:
                found[canonical] = None
        return tuple(found)

    def display_name(self, unit: str) -> str:
        record = self.units.get(unit)
        return record.full_name or record.name if record else unit
