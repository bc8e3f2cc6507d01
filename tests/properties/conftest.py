"""Hypothesis profiles: a few examples in ``make test``, many in ``make fuzz``.

``HYPOTHESIS_PROFILE=fuzz`` (what ``make fuzz`` sets) runs the same properties with many
more examples; tests that are slow per example ask for a share of the profile's count
(``tests.properties.strategies.examples``), so that both profiles scale them alike.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# The autouse fixture of tests/conftest.py that keeps tests out of $HOME is function-scoped:
# one home per test, shared by its examples, is all it promises.
_SUPPRESS = [HealthCheck.function_scoped_fixture]

settings.register_profile("default", max_examples=100, deadline=None, suppress_health_check=_SUPPRESS)
settings.register_profile("fuzz", max_examples=4000, deadline=None, suppress_health_check=_SUPPRESS)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
