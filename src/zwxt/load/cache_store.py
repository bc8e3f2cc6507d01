"""The content cache's store: entries kept between runs in a SQLite file of the user's cache folder.

The way ruff and mypy keep theirs: an entry is the result for one file, keyed by the file's
path and the hash of its bytes, in a cache made for one version of zwxt's code and one pair
of data files (``fingerprint``). A file whose size, modification and change times and inode
are those recorded is taken to have the recorded hash without being read again, as git's index does;
any other file is read and hashed. Beside the files' entries it keeps each month's findings
and the ledgers loads ended with, under keys ``zwxt.load.cache`` makes.

Each repository has its own folder under the user's cache folder ($XDG_CACHE_HOME, else
~/.cache: zwxt/<hash of the repository's resolved path>/), never inside the repository: a
cache that came with a clone (committed by mistake, or planted) is never read, so it cannot
pass a broken report in CI.

The cache is a convenience, never a source of truth, so it fails silent: a cache that cannot
be opened or written, belongs to other code or other data files, or is locked by another run
is ignored (and rebuilt when it can be). It is SQLite, so an interrupted run leaves the last
committed state, never half a write. A damaged file is dropped and made anew: whatever reading
it raises (SQLite's errors, text that is not UTF-8), and each entry carries a CRC-32 of its
values (``row_seal``), so that a byte changed inside a stored value is a miss, never a wrong result.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
import zlib
from pathlib import Path
from typing import Any

from zwxt.store.repo import Stamp, file_stamp

_DATABASE = "results.sqlite3"
_FORMAT = "8"  # 8: in the user's cache folder, a result's facts read when first needed


def code_fingerprint(version: str, package: Path) -> str:
    """zwxt's version and the size and time of each of its modules: a build of the code."""
    digest = hashlib.blake2b(f"{_FORMAT}:{version}".encode(), digest_size=16)
    for module in sorted(package.rglob("*.py")):
        info = module.stat()
        digest.update(f"{module.relative_to(package)}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()


# A file is taken unchanged while its Stamp (size, times, inode) is the same. A file modified
# this recently may change again within its time's resolution unnoticed (git's "racy" files):
# its result is not stored until a later run.
_SETTLED_NS = 2_000_000_000
_BATCH = 2000  # results written to the database at a time
_LEDGERS = 3  # ledgers kept: of the last loads, whole or up to some month
_BATCH_READ = 500  # results read at a time (SQLite allows some hundreds of parameters a query)


def stamp(path: str | Path) -> Stamp | None:
    """The regular file's stamp, taken without following a link; None for anything else."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return file_stamp(info) if stat.S_ISREG(info.st_mode) else None


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class ResultCache:
    """Per-file results of one repository, for one fingerprint; see the module's docstring."""

    def __init__(self, connection: Any, path: Path, root: Path, fingerprint: str) -> None:
        self._db = connection
        self._path = path
        self._root = root
        self.fingerprint = fingerprint
        # rel: size, mtime, ctime, inode, digest. Results stay in the database until asked for, and new
        # ones go there in batches: 100,000 of them would hold some 400 MB.
        self._known: dict[str, tuple[int, int, int, int, str]] = {}
        self._new: list[tuple[str, int, int, int, int, str, str]] = []
        self._months: set[str] = set()  # the month keys this run asked for or stored
        self._new_months: list[tuple[str, str]] = []
        self._stale_months = False
        self._new_ledger: tuple[str, str] | None = None
        self._failed = False
        self._damaged = False  # reading raised: the file is dropped when the run ends

    @classmethod
    def open(cls, root: Path, fingerprint: str) -> ResultCache | None:
        """The cache of the repository at ``root``, or None when none can be used."""
        import sqlite3

        try:
            folder = cache_folder(root)
            if _within(folder, root):  # ($XDG_CACHE_HOME or $HOME in the checkout, as on some CI runners)
                return None
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / _DATABASE
            for _ in range(2):  # a damaged file is dropped and made anew, once
                connection = sqlite3.connect(path, timeout=0.2)  # writes in transactions: `with connection`
                try:
                    cache = cls(connection, path, root, fingerprint)
                    if not cache._matches():
                        cache._reset()
                    cache._known = cache._stamps()
                    return cache
                except (sqlite3.Error, ValueError) as exc:
                    connection.close()
                    if _busy(exc):
                        return None
                    _drop(path)
            return None
        except (OSError, RuntimeError, sqlite3.Error):  # (no home, a read-only one: no cache)
            return None

    def _stamps(self) -> dict[str, tuple[int, int, int, int, str]]:
        """The stamp and digest of each stored result (their seal is checked where the result is read)."""
        rows = self._db.execute("SELECT rel, size, mtime_ns, ctime_ns, inode, digest FROM files")
        return {rel: (size, mtime, ctime, inode, digest) for rel, size, mtime, ctime, inode, digest in rows
                if isinstance(rel, str) and isinstance(digest, str)}

    def unchanged(self, rel: str) -> bool:
        """Whether the file's stamp (size, times, inode) is the one its stored result was made for.

        A symbolic link is never taken as unchanged: where it leads is judged each time.
        """
        known = self._known.get(rel)
        return known is not None and stamp(os.path.join(self._root, rel)) == known[:4]

    def digest(self, rel: str) -> str | None:
        """The digest of the bytes the stored result for ``rel`` was made from, whatever its times."""
        known = self._known.get(rel)
        return None if known is None else known[4]

    def results(self, rels: list[str]) -> dict[str, str]:
        """The stored results of ``rels``, read a few hundred at a time: those still made for the
        bytes this run knows them by, in a cache still this run's (another run may have made it
        anew meanwhile, for other code or data files)."""
        import sqlite3

        found: dict[str, str] = {}
        try:
            self._db.execute("BEGIN")  # (what is read is one state of the database)
            try:
                if self._ours():
                    for start in range(0, len(rels), _BATCH_READ):
                        part = rels[start:start + _BATCH_READ]
                        asked = ",".join("?" * len(part))
                        for *row, seal in self._db.execute(
                                "SELECT rel, size, mtime_ns, ctime_ns, inode, digest, result, seal "
                                f"FROM files WHERE rel IN ({asked})", part):
                            rel, digest, result = row[0], row[5], row[6]
                            if _sealed(row, seal) and self.digest(rel) == digest:
                                found[rel] = result
                else:
                    self._failed = True
            finally:
                self._db.commit()
        except (sqlite3.Error, ValueError) as exc:
            self._fault(exc)  # what was not read is parsed
        return found

    def month(self, key: str) -> str | None:
        """The month-rule findings stored under ``key``, or None."""
        self._months.add(key)
        return self._stored("SELECT key, findings, seal FROM months WHERE key = ?", key)

    def store_month(self, key: str, findings: str) -> None:
        self._months.add(key)
        if _storable(findings):
            self._new_months.append((key, findings))

    def ledger(self, key: str) -> str | None:
        """The ledger stored under ``key`` (the chain of every month's results), or None."""
        return self._stored("SELECT key, state, seal FROM ledgers WHERE key = ?", key)

    def _stored(self, query: str, key: str) -> str | None:
        """The value stored under ``key``: None unless its row is the one asked for, sealed."""
        import sqlite3

        try:
            row = self._db.execute(query, (key,)).fetchone()
        except (sqlite3.Error, ValueError) as exc:
            self._fault(exc)
            return None
        if row is None or row[0] != key or not _sealed(row[:2], row[2]):
            return None
        return str(row[1])

    def _fault(self, exc: Exception) -> None:
        """Reading raised: unless another run holds the file, it is damaged."""
        if not _busy(exc):
            self._damaged = True

    def store_ledger(self, key: str, state: str) -> None:
        """Keep the ledger a load ended with; the last few are kept (a load up to an earlier
        month has its own)."""
        if _storable(state):
            self._new_ledger = (key, state)

    def forget_other_months(self) -> None:
        """After a load of every month: drop what months no longer as they were gave."""
        self._stale_months = True

    def store(self, rel: str, seen: Stamp, digest: str, result: str) -> None:
        """Remember ``result`` for the file at ``rel`` whose bytes hash to ``digest``, stamped
        ``seen`` as it was opened: a file changed since has another stamp, and is read again."""
        if time.time_ns() - seen[1] > _SETTLED_NS and _storable(rel, result):
            self._new.append((rel, *seen, digest, result))
            if len(self._new) >= _BATCH:
                self._flush()

    def close(self) -> None:
        """Write what is new; a cache that cannot be written stays as it was, and one found
        damaged is dropped, to be made anew by the next run."""
        import sqlite3

        try:
            if not self._damaged:
                self._flush()
        finally:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            if self._damaged:
                with contextlib.suppress(OSError):
                    _drop(self._path)

    def abandon(self) -> None:
        """Close without writing what is new: a load that failed ends so."""
        import sqlite3

        self._new, self._new_months, self._new_ledger, self._stale_months = [], [], None, False
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def _flush(self) -> None:
        """What is new, in one transaction: a run stopped midway leaves whole batches."""
        import sqlite3

        batch, self._new = self._new, []
        months, self._new_months = self._new_months, []
        stale, self._stale_months = self._stale_months, False
        ledger, self._new_ledger = self._new_ledger, None
        if not (batch or months or stale or ledger) or self._failed or self._damaged:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if self._ours():
                    self._write(batch, months, stale, ledger)
                else:  # another run made the cache anew, for other code or data files: it is theirs
                    self._failed = True
                self._db.commit()
            except BaseException:
                self._db.rollback()
                raise
        except (sqlite3.Error, ValueError) as exc:  # locked by another run, a full disk: not kept
            self._failed = True
            self._fault(exc)

    def _ours(self) -> bool:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        return row is not None and row[0] == self.fingerprint

    def _write(self, batch: list[tuple[str, int, int, int, int, str, str]], months: list[tuple[str, str]],
               stale: bool, ledger: tuple[str, str] | None) -> None:
        self._db.executemany("INSERT OR REPLACE INTO files (rel, size, mtime_ns, ctime_ns, inode, digest, "
                             "result, seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             [(*r, row_seal(r)) for r in batch])
        self._db.executemany("INSERT OR REPLACE INTO months (key, findings, seal) VALUES (?, ?, ?)",
                             [(*m, row_seal(m)) for m in months])
        if ledger is not None:
            self._db.execute("INSERT OR REPLACE INTO ledgers (key, state, seal) VALUES (?, ?, ?)",
                             (*ledger, row_seal(ledger)))
            self._db.execute("DELETE FROM ledgers WHERE rowid NOT IN "
                             f"(SELECT rowid FROM ledgers ORDER BY rowid DESC LIMIT {_LEDGERS})")
        if stale:
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
            self._db.execute("DELETE FROM kept")
            self._db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", [(k,) for k in self._months])
            self._db.execute("DELETE FROM months WHERE key NOT IN (SELECT key FROM kept)")

    def _matches(self) -> bool:
        import sqlite3

        try:
            rows = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.OperationalError:  # new, or not made by zwxt
            return False
        return rows.get("format") == _FORMAT and rows.get("fingerprint") == self.fingerprint

    def _reset(self) -> None:
        with self._db:
            self._db.execute("DROP TABLE IF EXISTS files")
            self._db.execute("DROP TABLE IF EXISTS meta")
            self._db.execute("DROP TABLE IF EXISTS months")
            self._db.execute("DROP TABLE IF EXISTS ledgers")
            self._db.execute("CREATE TABLE ledgers (key TEXT PRIMARY KEY, state TEXT NOT NULL, "
                             "seal INTEGER NOT NULL)")
            self._db.execute("CREATE TABLE months (key TEXT PRIMARY KEY, findings TEXT NOT NULL, "
                             "seal INTEGER NOT NULL)")
            self._db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self._db.execute("CREATE TABLE files (rel TEXT PRIMARY KEY, size INTEGER NOT NULL, "
                             "mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL, "
                             "digest TEXT NOT NULL, "
                             "result TEXT NOT NULL, seal INTEGER NOT NULL)")
            self._db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", _FORMAT),
                                                                ("fingerprint", self.fingerprint)])


def _storable(*texts: str) -> bool:
    """Whether SQLite can hold the texts: a file name that is not UTF-8 (read as surrogates)
    cannot be, nor what names it; such files are simply not cached."""
    try:
        for text in texts:
            text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def row_seal(values: tuple[object, ...] | list[object]) -> int:
    """CRC-32 of a row's values as text: a byte of the row changed on disk does not give the
    row's seal. (A value read back as another type reads as other text too: a number's bytes
    taken for text are not its digits.)"""
    return zlib.crc32("\0".join(map(str, values)).encode("utf-8", "surrogatepass"))


def _sealed(values: tuple[object, ...] | list[object], seal: object) -> bool:
    return type(seal) is int and row_seal(values) == seal


def cache_folder(root: Path) -> Path:
    """The folder of the repository at ``root``'s cache, in the user's cache folder
    ($XDG_CACHE_HOME when it is an absolute path, as the XDG spec says, else ~/.cache)."""
    home = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(home):
        home = (Path.home() / ".cache").as_posix()
    name = hashlib.blake2b(os.fsencode(root.resolve()), digest_size=10).hexdigest()
    return Path(home) / "zwxt" / name


def _within(folder: Path, root: Path) -> bool:
    """Whether the cache folder would lie in the repository: a cache there comes with the
    checkout (planted, or committed), so it is never opened (the module's note)."""
    return folder.resolve().is_relative_to(root.resolve())


def _busy(exc: Exception) -> bool:
    """Whether SQLite's error says another run holds the database (locked, busy), not that it is damaged."""
    code = getattr(exc, "sqlite_errorcode", None)  # (Python 3.11 and later)
    if code is None:
        return "locked" in str(exc)
    return code & 0xFF in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (with their extended codes)


def _drop(path: Path) -> None:
    """Remove a damaged database and its journal: the next connection makes it anew."""
    for name in (path.name, f"{path.name}-journal", f"{path.name}-wal", f"{path.name}-shm"):
        path.with_name(name).unlink(missing_ok=True)
