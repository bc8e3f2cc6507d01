"""The content cache (in the user's cache folder): a second load parses only what changed, gives
exactly what a fresh load gives, and a cache that is corrupt, foreign or out of place is never trusted."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.support import PlanRepo, cache_database, cache_file, forge_no_findings, load_summary, run_cli
from zwxt.dates import Month
from zwxt.load import Keep, LoadedPlan, cache_store, files, load
from zwxt.load import months as month_step
from zwxt.plan.ledger import Ledger, ReportFacts
from zwxt.rules import MonthFiles
from zwxt.store.repo import Repository

DONE = "- task: 1\n  status: 已完成\n  completed: 2017-12-20\n"
BROKEN = "- task: 1\n  status: 已完成\n"  # P003: done without a completion date


def settle(root: Path) -> None:
    """Date every file a minute back: files written in the last seconds are not cached yet."""
    past = time.time_ns() - 60_000_000_000
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(past, past))


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The report files the loader parses, in order."""
    seen: list[str] = []
    real = files.check_report

    def counting(context: files.Context, rel: str, raw: bytes) -> files.FileResult:
        seen.append(rel)
        return real(context, rel, raw)

    monkeypatch.setattr(files, "check_report", counting)
    return seen


@pytest.fixture
def history(plan_repo: PlanRepo, cached: None) -> PlanRepo:
    plan_repo.report("2017-12", "市审计局", tasks=DONE)
    plan_repo.report("2017-12", "蓬江区", extra="problems: 人手不足\n")
    plan_repo.report("2018-01", "市审计局", tasks=BROKEN)
    plan_repo.report("2018-01", "蓬江区", extra="progress: 本月,我区完成清理\n")  # P008, a warning
    settle(plan_repo.root)
    return plan_repo


def loaded(repo: PlanRepo, **options: object) -> LoadedPlan:
    return load(Repository(repo.root), workers=1, **options)  # type: ignore[arg-type]


def test_a_second_load_parses_nothing_and_gives_the_same(history: PlanRepo, parsed: list[str]) -> None:
    fresh = loaded(history, cache=False)
    assert len(parsed) == 4
    first = loaded(history)
    assert len(parsed) == 8 and load_summary(first) == load_summary(fresh)
    second = loaded(history)
    assert len(parsed) == 8, "nothing parsed again"
    assert load_summary(second) == load_summary(fresh)
    assert [d.code for d in second.diagnostics] == ["P003", "P008"]
    assert [d.where for d in second.diagnostics] == ["tasks[0].status", "progress"]  # kept in the cache


def test_only_the_changed_file_is_parsed(history: PlanRepo, parsed: list[str]) -> None:
    loaded(history)
    parsed.clear()
    history.report("2018-01", "市审计局", tasks=DONE)  # the broken report fixed
    settle(history.root)
    again = loaded(history)
    assert parsed == ["reports/2018-01/市审计局.yaml"]
    assert [d.code for d in again.diagnostics] == ["P008"]
    assert load_summary(again) == load_summary(loaded(history, cache=False))


def test_a_touched_file_with_the_same_bytes_is_not_parsed(history: PlanRepo, parsed: list[str]) -> None:
    loaded(history)
    parsed.clear()
    path = history.root / "reports/2017-12/蓬江区.yaml"
    path.write_bytes(path.read_bytes())  # a new time, the same bytes
    settle(history.root)
    loaded(history)
    assert parsed == []


def test_a_change_to_the_data_files_checks_every_report_again(history: PlanRepo, parsed: list[str]) -> None:
    loaded(history)
    parsed.clear()
    units = history.root / "data/units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    loaded(history)
    assert len(parsed) == 4


def test_reports_a_command_keeps_in_full_are_parsed_for_their_text(history: PlanRepo,
                                                                   parsed: list[str]) -> None:
    from zwxt.dates import Month

    loaded(history)
    parsed.clear()
    kept = loaded(history, keep=Keep(months=frozenset({Month(2017, 12)}))).kept
    assert sorted(parsed) == ["reports/2017-12/市审计局.yaml", "reports/2017-12/蓬江区.yaml"]
    assert [k.record.problems for k in kept] == [None, "人手不足"]


def test_two_processes_give_what_one_gives(history: PlanRepo) -> None:
    one = loaded(history, cache=False)
    load(Repository(history.root), workers=2)  # fills the cache from the workers' results
    assert load_summary(load(Repository(history.root), workers=2)) == load_summary(one)


def test_a_corrupt_cache_is_rebuilt(history: PlanRepo, parsed: list[str]) -> None:
    loaded(history)
    cache_file(history.root).write_bytes(b"\x00not a database" * 100)
    parsed.clear()
    assert load_summary(loaded(history)) == load_summary(loaded(history, cache=False))
    parsed.clear()
    loaded(history)
    assert parsed == [], "rebuilt"


def test_a_cache_entry_that_is_not_zwxts_is_parsed_again(history: PlanRepo, parsed: list[str]) -> None:
    loaded(history)
    with cache_database(history.root) as db:
        db.execute("UPDATE files SET result = '{\"claim\": 1}'")
    parsed.clear()
    assert load_summary(loaded(history)) == load_summary(loaded(history, cache=False))
    assert len(parsed) == 8  # both loads: the entries were not usable


def test_a_cache_in_the_repository_is_never_read(history: PlanRepo) -> None:
    """A cache committed to the repository, or planted, cannot pass a broken report: the cache
    lives in the user's cache folder, and what a clone carries in .zwxt-cache/ is not opened.

    Here the broken report's entry is forged to say it has no findings: in the user's cache
    folder the forgery is served (it is this user's own), copied into the repository it is not.
    """
    rel = "reports/2018-01/市审计局.yaml"
    assert "P003" in [d.code for d in loaded(history).diagnostics]
    with cache_database(history.root) as db:
        forge_no_findings(db, [rel])
    assert "P003" not in [d.code for d in loaded(history).diagnostics]  # the user's own cache
    planted = history.root / ".zwxt-cache"
    planted.mkdir()
    (planted / "results.sqlite3").write_bytes(cache_file(history.root).read_bytes())
    cache_file(history.root).unlink()
    assert "P003" in [d.code for d in loaded(history).diagnostics]
    assert (planted / "results.sqlite3").read_bytes() != cache_file(history.root).read_bytes()


def test_each_repository_has_its_own_cache(history: PlanRepo, tmp_path: Path) -> None:
    """Two clones of one plan: the cache of one is not the other's (each is keyed by its path)."""
    other = tmp_path / "clone"
    import shutil

    shutil.copytree(history.root, other)
    loaded(history)
    assert cache_file(history.root).is_file() and not cache_file(other).exists()
    assert cache_file(history.root).parent.parent == cache_file(other).parent.parent


def test_a_file_edited_in_place_with_its_times_set_back_is_read_again(history: PlanRepo) -> None:
    """(The change time, which no one can set back, is part of a file's stamp.)"""
    path = history.root / "reports/2018-01/市审计局.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("已完成", "推进中"), encoding="utf-8")
    settle(history.root)
    assert "P003" not in [d.code for d in loaded(history).diagnostics]
    info = path.stat()
    with path.open("r+b") as handle:  # broken again in place: the same inode and size
        handle.write(path.read_bytes().replace("推进中".encode(), "已完成".encode()))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_mtime_ns == info.st_mtime_ns and path.stat().st_size == info.st_size
    assert "P003" in [d.code for d in loaded(history).diagnostics]


def test_files_written_seconds_ago_are_not_cached_yet(plan_repo: PlanRepo, parsed: list[str], cached: None,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # (an hour rather than the 2 s a file must have stood: a busy machine may take longer than that)
    monkeypatch.setattr(cache_store, "_SETTLED_NS", 3600 * 10**9)
    plan_repo.report("2017-12", "市审计局", tasks=DONE)
    loaded(plan_repo)
    loaded(plan_repo)
    assert parsed == ["reports/2017-12/市审计局.yaml"] * 2


def test_the_cache_is_kept_out_of_the_repository(history: PlanRepo) -> None:
    before = sorted(path for path in history.root.rglob("*"))
    loaded(history)
    assert cache_file(history.root).is_file()
    assert sorted(path for path in history.root.rglob("*")) == before, "nothing written in the repository"
    assert cache_file(history.root).is_relative_to(Path(os.environ["XDG_CACHE_HOME"]) / "zwxt")


def test_a_cache_folder_that_cannot_be_written_leaves_the_run_without_a_cache(
        history: PlanRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder", encoding="utf-8")  # (root may write anywhere: a file is no folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert load_summary(loaded(history)) == load_summary(loaded(history, cache=False))
    result = run_cli("check")
    assert result.code == 1 and "P003" in result.stdout


def test_no_cache_neither_reads_nor_writes_it(history: PlanRepo) -> None:
    result = run_cli("check", "--no-cache")
    assert result.code == 1 and "P003" in result.stdout
    assert not cache_file(history.root).exists()
    assert run_cli("check").code == 1
    assert cache_file(history.root).is_file()
    cached = run_cli("check")
    assert cached.code == 1 and cached.stdout == run_cli("check", "--no-cache").stdout


def test_the_environment_can_turn_the_cache_off(history: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWXT_NO_CACHE", "1")
    assert run_cli("check").code == 1
    assert not cache_file(history.root).exists()


def test_a_broken_plan_writes_no_cache(history: PlanRepo) -> None:
    history.write("data/units.yaml", "units: [\n")
    assert run_cli("check").code == 1
    assert not cache_file(history.root).exists()


# ---- the month rules' findings, kept per month -----------------------------------------------

@pytest.fixture
def months_checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The months whose month rules (R306, P001, P005) the loader runs, in order."""
    seen: list[str] = []
    real = month_step.month_findings

    def counting(files: MonthFiles, plan: object, ledger: object) -> object:
        seen.append(str(files.month))
        return real(files, plan, ledger)  # type: ignore[arg-type]

    monkeypatch.setattr(month_step, "month_findings", counting)
    return seen


REGRESSED = "- task: 1\n  status: 推进中\n"


@pytest.fixture
def months(plan_repo: PlanRepo, cached: None) -> PlanRepo:
    """Three months with a finding of each month rule."""
    plan_repo.report("2017-12", "市审计局", tasks=DONE)
    plan_repo.report("2017-12", "市公安局")  # P001: task 1, due this month, left out
    plan_repo.report("2018-01", "市审计局", tasks=REGRESSED)  # P005: done before, not now
    plan_repo.report("2018-01", "市公安局")  # P001 again: still open
    plan_repo.report("2018-02", "蓬江区")
    plan_repo.report("2018-02", "蓬江区", name="蓬江区政府")  # R306, both files (and R302)
    plan_repo.report("2018-02", "市审计局", tasks=DONE.replace("2017-12-20", "2018-02-20"))
    settle(plan_repo.root)
    return plan_repo


def test_a_months_findings_come_from_the_cache_when_nothing_it_reads_changed(
        months: PlanRepo, months_checked: list[str]) -> None:
    fresh = loaded(months, cache=False)
    assert {"P001", "P005", "R306"} <= {d.code for d in fresh.diagnostics}
    months_checked.clear()
    assert load_summary(loaded(months)) == load_summary(fresh)
    assert months_checked == ["2017-12", "2018-01", "2018-02"]
    assert load_summary(loaded(months)) == load_summary(fresh)
    assert months_checked == ["2017-12", "2018-01", "2018-02"], "no month checked again"


def test_a_comment_moves_its_months_findings_without_running_the_rules(
        months: PlanRepo, months_checked: list[str]) -> None:
    loaded(months)
    months_checked.clear()
    path = months.root / "reports/2017-12/市公安局.yaml"
    path.write_text("# 本月无新进展\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    settle(months.root)
    again = loaded(months)
    assert months_checked == [], "the results are as they were: the findings are only located again"
    assert load_summary(again) == load_summary(loaded(months, cache=False))
    moved = [d for d in again.diagnostics if d.code == "P001" and d.path == "reports/2017-12/市公安局.yaml"]
    assert [d.line for d in moved] == [2]  # line 1 without the comment


def test_a_changed_fact_checks_its_month_and_every_month_after(
        months: PlanRepo, months_checked: list[str]) -> None:
    loaded(months)
    months_checked.clear()
    months.report("2017-12", "市公安局", tasks=DONE)  # task 1 done: nothing to report in 2018-01
    settle(months.root)
    again = loaded(months)
    assert months_checked == ["2017-12", "2018-01", "2018-02"]
    assert load_summary(again) == load_summary(loaded(months, cache=False))
    assert not [d for d in again.diagnostics if d.code == "P001"]


def test_a_load_up_to_a_month_keeps_the_months_after_it(months: PlanRepo, months_checked: list[str]) -> None:
    loaded(months)
    loaded(months, until=Month(2018, 1))
    months_checked.clear()
    loaded(months)
    assert months_checked == []


# ---- the ledger a load ends with -----------------------------------------------------------

@pytest.fixture
def folded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The reports folded into a ledger, in order."""
    seen: list[str] = []
    real = Ledger.record

    def counting(self: Ledger, facts: ReportFacts) -> None:
        seen.append(facts.path)
        real(self, facts)

    monkeypatch.setattr(Ledger, "record", counting)
    return seen


def test_a_load_whose_months_are_as_they_were_takes_the_stored_ledger(months: PlanRepo,
                                                                      folded: list[str]) -> None:
    fresh = loaded(months, cache=False)
    assert fresh.ledger.state().earlier_statements, "a ledger that remembers the month before"
    loaded(months)
    folded.clear()
    again = loaded(months)
    assert folded == [], "no report folded again"
    assert load_summary(again) == load_summary(fresh)


def test_a_comment_keeps_the_stored_ledger_of_its_month_and_after(months: PlanRepo,
                                                                  folded: list[str]) -> None:
    loaded(months)
    folded.clear()
    path = months.root / "reports/2018-01/市审计局.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 已核对\n", encoding="utf-8")
    settle(months.root)
    again = loaded(months)
    assert folded == [], "January's findings are located again, no rule runs, the ledger is the stored one"
    assert load_summary(again) == load_summary(loaded(months, cache=False))


def test_a_changed_fact_folds_the_ledger_again(months: PlanRepo, folded: list[str]) -> None:
    loaded(months)
    folded.clear()
    months.report("2018-01", "市审计局", tasks=DONE.replace("2017-12-20", "2018-01-20"))
    settle(months.root)
    again = loaded(months)
    assert "reports/2018-01/市审计局.yaml" in folded
    fresh = loaded(months, cache=False)
    assert load_summary(again) == load_summary(fresh)
    assert fresh.ledger.statement("市审计局", 1) is not None and fresh.ledger.statement("市审计局", 1).done


def test_each_month_a_load_ends_with_has_its_own_ledger(months: PlanRepo, folded: list[str]) -> None:
    loaded(months)
    loaded(months, until=Month(2018, 1))
    folded.clear()
    up_to_january = loaded(months, until=Month(2018, 1))
    whole = loaded(months)
    assert folded == []
    assert load_summary(up_to_january) == load_summary(loaded(months, until=Month(2018, 1), cache=False))
    assert load_summary(whole) == load_summary(loaded(months, cache=False))


def test_a_stored_ledger_that_is_not_zwxts_is_folded_again(months: PlanRepo, folded: list[str]) -> None:
    loaded(months)
    with cache_database(months.root) as db:
        db.execute("UPDATE ledgers SET state = '[1, 2'")
    folded.clear()
    again = loaded(months)
    # every report without errors (P001 refuses 市公安局's, R306 both of 蓬江区's)
    assert folded == [f"reports/{month}/市审计局.yaml" for month in ("2017-12", "2018-01", "2018-02")]
    assert load_summary(again) == load_summary(loaded(months, cache=False))


def test_a_run_whose_cache_another_run_made_anew_neither_writes_nor_reads_it(plan_repo: PlanRepo,
                                                                             cached: None) -> None:
    """Two runs at once around a change of the data files: the one with the old plan must not
    leave its results in the cache the other made anew for the new plan."""
    from zwxt.load.cache_store import ResultCache

    old = ResultCache.open(plan_repo.root, "old plan")
    assert old is not None
    new = ResultCache.open(plan_repo.root, "new plan")  # made anew: another fingerprint
    assert new is not None
    past = time.time_ns() - 60_000_000_000
    seen = (10, past, past, 1)
    new.store("reports/2018-01/市审计局.yaml", seen, "d1", "new plan's result")
    new.close()
    old._known["reports/2018-01/市审计局.yaml"] = (*seen, "d1")
    assert old.results(["reports/2018-01/市审计局.yaml"]) == {}, "the new plan's result is not the old one's"
    old.store("reports/2018-02/市审计局.yaml", seen, "d2", "old plan's result")
    old.close()
    with cache_database(plan_repo.root) as db:
        rows = dict(db.execute("SELECT rel, result FROM files"))
    assert rows == {"reports/2018-01/市审计局.yaml": "new plan's result"}


def _tamper_file(text: str, rel: str) -> str:
    head, _, facts = text.partition("\n")
    claim, rows, known = json.loads(head)
    told = json.loads(facts)
    if rows:
        rows[0][0] = "第一行"  # a line that is text
    if told is not None:
        told[1] = 201803  # a month that is a number
    return json.dumps([claim, rows, known]) + "\n" + json.dumps(told)


TAMPERINGS = {
    "file rows": ("UPDATE files SET result = ?1 WHERE rel = ?2", _tamper_file,
                  "SELECT result, rel FROM files"),
    "month rows": ("UPDATE months SET findings = ?1 WHERE key = ?2",
                   lambda text, _: text.replace(', 0, "', ', "0", "'), "SELECT findings, key FROM months"),
    "ledgers": ("UPDATE ledgers SET state = ?1 WHERE key = ?2",
                lambda text, _: text.replace("[1, ", '["1", '), "SELECT state, key FROM ledgers"),
}


@pytest.mark.parametrize("table", TAMPERINGS)
def test_a_hand_edited_cache_is_read_past_not_trusted(months: PlanRepo, table: str) -> None:
    """Entries of the right shape with values of the wrong types: the files are read again."""
    update, tampered, select = TAMPERINGS[table]
    loaded(months)
    with cache_database(months.root) as db:
        rows = db.execute(select).fetchall()
        assert rows
        db.executemany(update, [(tampered(text, key), key) for text, key in rows])
        assert db.execute(select).fetchall() != rows, "tampered"
    assert load_summary(loaded(months)) == load_summary(loaded(months, cache=False))


def test_a_report_of_a_unit_not_in_the_plan_is_not_parsed_again(history: PlanRepo, parsed: list[str]) -> None:
    history.report("2018-01", "某某局")  # R301: its facts name no unit
    settle(history.root)
    first = loaded(history)
    assert "R301" in [d.code for d in first.diagnostics]
    parsed.clear()
    assert load_summary(loaded(history)) == load_summary(first)
    assert parsed == []


def test_a_file_name_that_is_not_utf8_is_checked_and_left_out_of_the_cache(history: PlanRepo) -> None:
    folder = os.fsencode(history.root / "reports/2018-01")
    with open(os.path.join(folder, b"x\xff.yaml"), "wb") as handle:
        handle.write("unit: 市公安局\nmonth: 2018-01\nlead_office: 办公室\n".encode())
    settle(history.root)
    fresh = loaded(history, cache=False)
    assert "reports/2018-01/x\udcff.yaml" in {d.path for d in fresh.diagnostics}  # R302: its name
    assert load_summary(loaded(history)) == load_summary(fresh)
    assert load_summary(loaded(history)) == load_summary(fresh)


def test_findings_located_in_a_file_that_changed_meanwhile_are_not_kept(
        months: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file saved while a load runs: its findings were located in other bytes than those its
    results came from, and such lines are not kept for the file as it was."""
    loaded(months)
    rel = "reports/2018-01/市审计局.yaml"  # with P005
    path = months.root / rel
    path.write_text("# 已核对\n" + path.read_text(encoding="utf-8"), encoding="utf-8")  # located again
    settle(months.root)
    real = Repository.read

    def saved_meanwhile(self: Repository, wanted: str) -> bytes:
        raw = real(self, wanted)
        return b"# \n" * 5 + raw if wanted == rel else raw

    with monkeypatch.context() as patched:
        patched.setattr(Repository, "read", saved_meanwhile)
        loaded(months)
    assert os.environ.get("ZWXT_NO_CACHE") is None, "the cache still on"
    assert load_summary(loaded(months)) == load_summary(loaded(months, cache=False))
