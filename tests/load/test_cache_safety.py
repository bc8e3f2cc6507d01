"""The content cache never reads or writes in the repository, never makes a command fail, and a
command refused on its arguments writes nothing (zwxt issue 17, item 3). Real files, real links,
real damaged databases, through the command line as a user meets them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.load.test_cache import BROKEN, DONE, parsed, settle
from tests.support import PlanRepo, cache_database, cache_file, forge_no_findings, run_cli
from zwxt.load import load
from zwxt.store.repo import Repository

__all__ = ["parsed"]  # (the fixture, shared with tests/load/test_cache.py)

PLANTED = ".zwxt-cache"  # where the cache once lived, in the repository


@pytest.fixture
def repo(plan_repo: PlanRepo, cached: None) -> PlanRepo:
    """Two months with findings of a report rule (P003) and of a month rule (P001)."""
    plan_repo.report("2017-12", "市审计局", tasks=DONE)
    plan_repo.report("2017-12", "市公安局")  # P001: task 1, due this month, left out
    plan_repo.report("2018-01", "市审计局", tasks=BROKEN)  # P003
    plan_repo.report("2018-01", "蓬江区")
    settle(plan_repo.root)
    return plan_repo


def uncached() -> tuple[int, str]:
    result = run_cli("check", "--no-cache")
    assert result.code == 1 and "P003" in result.stdout and "P001" in result.stdout
    return result.code, result.stdout


def checked() -> tuple[int, str]:
    result = run_cli("check")
    return result.code, result.stdout


# ---- never in the repository ------------------------------------------------------------------

def test_a_cache_folder_a_clone_carries_is_never_opened(repo: PlanRepo, tmp_path: Path) -> None:
    """A clone can carry .zwxt-cache/ with links to anywhere (a CI runner's home), or a database."""
    outside = tmp_path / "outside"
    outside.mkdir()
    kept = outside / "someone's.sqlite3"
    sqlite3.connect(kept).close()
    before = kept.read_bytes()
    (repo.root / PLANTED).mkdir()
    (repo.root / PLANTED / ".gitignore").symlink_to(outside / "planted")
    (repo.root / PLANTED / "results.sqlite3").symlink_to(kept)
    assert checked() == uncached()
    assert checked() == uncached()
    assert sorted(p.name for p in outside.iterdir()) == ["someone's.sqlite3"] and kept.read_bytes() == before
    assert cache_file(repo.root).is_file(), "the cache is the one in the user's cache folder"


def test_a_cache_home_inside_the_repository_is_never_opened(repo: PlanRepo,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """$XDG_CACHE_HOME in the checkout (a CI job caching its workspace's .cache/): a database
    planted where zwxt would look, forged to find nothing wrong, is not read, nor written."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo.root.parent / "user-cache"))
    assert checked() == uncached()
    made = cache_file(repo.root).read_bytes()
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo.root / ".cache"))
    planted = cache_file(repo.root)
    planted.parent.mkdir(parents=True)
    planted.write_bytes(made)
    with cache_database(repo.root) as db:  # every report's result says: no findings
        forge_no_findings(db)
    before = planted.read_bytes()
    assert checked() == uncached()
    assert planted.read_bytes() == before
    assert sorted(p.name for p in planted.parent.iterdir()) == [planted.name]


def test_a_relative_cache_home_is_not_taken_for_a_folder_of_the_repository(
        repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A relative $XDG_CACHE_HOME is ignored (the XDG spec): ~/.cache is used."""
    monkeypatch.setenv("XDG_CACHE_HOME", "cache-here")
    monkeypatch.chdir(repo.root)
    assert checked() == uncached()
    assert not (repo.root / "cache-here").exists()
    assert cache_file(repo.root).is_relative_to(Path.home() / ".cache" / "zwxt")


def test_a_database_that_is_a_folder_is_not_used(repo: PlanRepo) -> None:
    cache_file(repo.root).mkdir(parents=True)
    assert checked() == uncached()
    assert list(cache_file(repo.root).iterdir()) == []


def test_a_cache_folder_that_is_a_file_means_no_cache_not_a_failure(repo: PlanRepo, tmp_path: Path) -> None:
    """$XDG_CACHE_HOME unusable (here a file): the command runs as without a cache (in a process)."""
    blocked = tmp_path / "cache-home"
    blocked.write_text("", encoding="utf-8")
    environ = {k: v for k, v in os.environ.items() if k != "ZWXT_NO_CACHE"}
    done = subprocess.run([sys.executable, "-m", "zwxt", "check"], cwd=repo.root, capture_output=True,
                          env={**environ, "XDG_CACHE_HOME": str(blocked),
                               "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
                          check=False, timeout=60)
    assert done.returncode == 1 and done.stdout.decode("utf-8") == uncached()[1]
    assert b"Traceback" not in done.stderr and blocked.read_text(encoding="utf-8") == ""


# ---- a damaged cache ----------------------------------------------------------------------------

def _damages(data: bytes) -> dict[str, bytes]:
    """The database with a byte changed in its header, its schema (page 1), each kind of row,
    or cut short."""
    schema = data.index(b"CREATE TABLE")

    def changed(at: int, mask: int) -> bytes:
        return bytes([*data[:at], data[at] ^ mask, *data[at + 1:]])

    return {
        "the header": changed(0, 0xA5),
        "the page size": changed(16, 0xA5),
        "page 1's b-tree header": changed(100, 0xA5),
        # (text that is not UTF-8 in the schema: SQLite's own message raises UnicodeDecodeError)
        "the schema's words": changed(schema + 3, 0xFF),
        "a table's name in the schema": changed(schema + len("CREATE TABLE "), 0xA5),
        "a column's name in the schema": changed(data.index(b"size INTEGER"), 0x20),
        "the fingerprint": changed(data.index(b"fingerprint"), 0x01),
        # (what SQLite cannot see: a value still of its type, P003 read as P002, P001 as P000)
        "a report's result": changed(data.index(b'"P003"') + 4, 0x01),
        "a month's findings": changed(data.rindex(b'"P001"') + 4, 0x01),
        "the last byte": changed(len(data) - 1, 0xA5),
        "cut short": data[: len(data) // 2],
        "cut to its header": data[:100],
    }


def test_damaged_caches_give_what_no_cache_gives_and_are_made_anew(repo: PlanRepo, parsed: list[str]) -> None:
    """A byte changed anywhere, or the file cut short: the command answers as without a cache,
    and the cache is whole again after a run, two when the damage is only found while reading."""
    expected = uncached()
    assert checked() == expected
    for what, data in _damages(cache_file(repo.root).read_bytes()).items():
        cache_file(repo.root).write_bytes(data)
        assert checked() == expected, what
        checked()
        parsed.clear()
        assert checked() == expected, what
        assert parsed == [], f"{what}: the cache is made anew"


def test_a_changed_byte_in_a_stored_result_is_found_and_the_row_made_anew(repo: PlanRepo,
                                                                         parsed: list[str]) -> None:
    """The row's seal does not match: the file is checked again, and its row written anew."""
    expected = uncached()
    checked()
    data = bytearray(cache_file(repo.root).read_bytes())
    data[data.index(b'"P003"') + 4] ^= 0x01  # P002
    cache_file(repo.root).write_bytes(bytes(data))
    parsed.clear()
    assert checked() == expected
    assert parsed == ["reports/2018-01/市审计局.yaml"]
    parsed.clear()
    checked()
    assert parsed == []


def test_a_load_that_fails_writes_nothing_to_the_cache(repo: PlanRepo) -> None:
    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load(Repository(repo.root), workers=1, progress=stop)
    database = sqlite3.connect(cache_file(repo.root))
    try:
        assert database.execute("SELECT count(*) FROM files").fetchone() == (0,)
    finally:
        database.close()


# ---- refused on its arguments: nothing written -------------------------------------------------

REFUSED = {
    "report new, a unit not in the plan": ("report", "new", "--unit", "市虚构局", "--month", "2018-02"),
    "report new, a group": ("report", "new", "--unit", "市直有关部门", "--month", "2018-02"),
    "status --unit": ("status", "--unit", "市虚构局"),
    "status --month --unit": ("status", "--month", "2018-01", "--unit", "市虚构局"),
    "notice, a date within the month": ("notice", "--month", "2018-01", "--date", "2018-01-15"),
    "notice --circular, a month before the first reports": ("notice", "--month", "2017-06", "--circular"),
    "render --summary, a date within the month": ("render", "--month", "2018-01", "--summary", "--date",
                                                  "2018-01-15"),
}


@pytest.mark.parametrize("args", REFUSED.values(), ids=list(REFUSED))
def test_a_command_refused_on_its_arguments_makes_no_cache(repo: PlanRepo, args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.code == 2, result.stderr
    assert not cache_file(repo.root).parent.exists()


@pytest.mark.parametrize("args", REFUSED.values(), ids=list(REFUSED))
def test_a_command_refused_on_its_arguments_leaves_the_cache_as_it_was(repo: PlanRepo,
                                                                      args: tuple[str, ...]) -> None:
    checked()
    repo.report("2018-01", "市公安局")  # a new file, which the refused command must not store
    settle(repo.root)
    before = {path.name: (path.read_bytes(), path.stat().st_mtime_ns)
              for path in cache_file(repo.root).parent.iterdir()}
    assert run_cli(*args).code == 2
    assert {path.name: (path.read_bytes(), path.stat().st_mtime_ns)
            for path in cache_file(repo.root).parent.iterdir()} == before
