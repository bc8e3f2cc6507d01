"""Fixtures of the parse tests: each parsing test runs on both YAML composers."""

from __future__ import annotations

import pytest

from zwxt.parse import libyaml


@pytest.fixture(params=["c", "pure"])
def composer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test on libyaml's composer and on ruamel's pure-Python fallback."""
    if request.param == "pure":
        monkeypatch.setattr(libyaml, "_c_composer", lambda: None)
    else:
        assert libyaml._c_composer() is not None, "the C extension should be installed"
    return str(request.param)
