"""Hypothesis profiles: a fixed set of examples in ``make test``, many random ones in ``make fuzz``.

``make test`` runs the ``default`` profile: derandomized (each property runs the same examples,
generated from its own fixed seed, on every run and on every xdist worker) and without the
example database, so that a run neither depends on nor writes ``.hypothesis/``: a failure there
fails again on the next run, and on a fresh clone. Exploration is ``make fuzz``
(``HYPOTHESIS_PROFILE=fuzz``): random examples, many more of them, and the database that replays
what it found. Tests that are slow per example ask for a share of the profile's count
(``tests.properties.strategies.examples``), so that both profiles scale them alike.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# The autouse fixture of tests/conftest.py that keeps tests out of $HOME is function-scoped:
# one home per test, shared by its examples, is all it promises.
_SUPPRESS = [HealthCheck.function_scoped_fixture]

settings.register_profile("default", max_examples=100, deadline=None, suppress_health_check=_SUPPRESS,
                          derandomize=True, database=None, print_blob=True)
settings.register_profile("fuzz", max_examples=4000, deadline=None, suppress_health_check=_SUPPRESS,
                          derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
