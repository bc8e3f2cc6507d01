"""A unit as a user names it (its name, an alias, another width), or a clear refusal."""

from __future__ import annotations

from zwxt.errors import UsageError
from zwxt.plan.resolved import Plan
from zwxt.store import layout
from zwxt.textnorm import did_you_mean, quoted_list


def resolve_unit(plan: Plan, name: str) -> str:
    """The canonical unit for a name, alias or width variant; groups and unknowns refused."""
    directory = plan.directory
    unit = directory.unit_of(name)
    if unit is not None:
        return unit
    canonical = directory.resolve(name)
    if canonical is not None:
        members = directory.expand([canonical])
        raise UsageError(f"「{name}」是单位组，不是单个单位",
                         f"请指定其中一个成员，如 {quoted_list(members[:3])}")
    guesses = directory.suggest(name, units_only=True)
    raise UsageError(f"没有名为「{name}」的单位",
                     did_you_mean(guesses) + f"单位名称以 {layout.UNITS_FILE} 为准")
