"""Stage 6, write: put pages on disk atomically.

The site is built in a fresh folder beside the output (`.site.new-*`) and swapped into place only
when complete: on Linux with one renameat2(RENAME_EXCHANGE) call, so at every instant `site/` is
either the whole previous site or the whole new one, whenever the process is killed. Elsewhere two
renames are used, and a build killed between them is repaired by the next one. Leftover folders of
killed builds are removed by the next build. Files whose bytes did not change are hard-linked from
the previous site instead of rewritten, so warm builds write almost nothing.

To know which bytes did not change without reading them, each write leaves a ledger (in the cache): every
file's sha256 with the size, mtime and inode it had, as git's index does for its working tree. A file that
still has them holds those bytes; a file whose mtime is not older than the ledger itself is "racy" (it may
have been edited within one tick of the clock) and is compared byte by byte, like any file the ledger does
not vouch for. A page kept in the cache is then linked without reading either its blob or the old file.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefgen.errors import BuildError
from briefgen.models import Page, Problem
from briefgen.records import SitePage, StoredPage

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_LEDGER_VERSION = 1

Entry = tuple[str, int, int, int]  # sha256 of the bytes, size, mtime_ns, inode


@dataclass(frozen=True, slots=True)
class WriteStats:
    written: int  # files written
    linked: int  # unchanged files hard-linked from the previous site


def write_site(
    pages: Iterable[Page | StoredPage], output: Path, reuse: bool = True, ledgers: Path | None = None
) -> WriteStats:
    """Write all pages into a fresh folder, then swap it into `output` atomically.

    With `reuse`, files identical to those of the previous site are hard-linked, not rewritten. With a
    `ledgers` folder, the ledger of the last write into `output` kept there says which files are unchanged
    without reading them (see the module's docstring); a new one replaces it.
    If writing fails (or the process dies) the previous site stays exactly as it was; an OS error
    becomes a BuildError naming the path.
    """
    output = output.resolve()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with _locked(output):
            _recover(output)
            ledger = Ledger(ledgers, output) if ledgers is not None else None
            previous = output if reuse and output.is_dir() else None
            staging = _fresh_dir(output, "new")
            pending: Path | None = None
            try:
                known = ledger.read(previous) if ledger is not None and previous is not None else {}
                stats, entries = _fill(staging, pages, previous, known)
                pending = ledger.prepare(staging, entries) if ledger is not None else None
                _swap(staging, output)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                if pending is not None:
                    pending.unlink(missing_ok=True)
                raise
            if ledger is not None and pending is not None:
                ledger.commit(pending)
    except OSError as err:
        where = str(err.filename or output)
        raise BuildError([Problem(where, f"cannot write the site: {err.strerror or err}")]) from err
    return stats


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def output_problems(output: Path, content: Path, project: Path) -> list[Problem]:
    """Refuse outputs whose replacement would destroy something: the content, the project, a foreign folder."""
    output, content, project = output.resolve(), content.resolve(), project.resolve()
    where = f"output_dir ({output})"
    if _overlaps(output, content):
        return [Problem(where, "overlaps the content dir; every build replaces the output folder entirely")]
    if project.is_relative_to(output):
        return [Problem(where, "contains the site's config; every build replaces the output folder entirely")]
    if output.is_dir() and not (output / "index.html").is_file() and any(output.iterdir()):
        return [Problem(where, "exists but is not a briefgen site (no index.html); refusing to replace it")]
    return []


def _leftovers(output: Path, kind: str) -> list[Path]:
    return sorted(output.parent.glob(f".{output.name}.{kind}-*"))


@contextmanager
def _locked(output: Path) -> Iterator[None]:
    """Serialise writers of one output folder (the lock dies with the process).

    The lock file lives in the temp dir, keyed by the output path, so builds of other outputs in the
    same parent folder never wait for each other and nothing is left beside the site.
    """
    import tempfile  # only writing builds need it; a no-op warm build never gets here

    key = hashlib.sha256(str(output).encode()).hexdigest()[:20]
    fd = os.open(Path(tempfile.gettempdir()) / f"briefgen-{key}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _recover(output: Path) -> None:
    """Undo what killed builds left: restore a site caught between two renames, drop temp folders."""
    old = _leftovers(output, "old")
    if not output.exists() and old:
        os.rename(old[-1], output)
        old = old[:-1]
    for path in _leftovers(output, "new") + old:
        shutil.rmtree(path, ignore_errors=True)


def _fresh_dir(output: Path, kind: str) -> Path:
    """A new empty folder `.NAME.KIND-XXXXXXXX` beside the output (permissions from the umask)."""
    while True:
        path = output.parent / f".{output.name}.{kind}-{secrets.token_hex(4)}"
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue


def _relative(page_path: str) -> str:
    """The page's path in its canonical form ("a/./b" is "a/b"); ValueError for one that leaves the folder."""
    if "\\" not in page_path and all(part not in ("", ".", "..") for part in page_path.split("/")):
        return page_path  # already canonical: the common case, without pathlib's cost
    rel = PurePosixPath(page_path)
    if rel.is_absolute() or not rel.parts or any(part in ("", ".", "..") for part in rel.parts) or "\\" in page_path:
        raise ValueError(f"unsafe page path {page_path!r}: must stay inside the output folder")
    return rel.as_posix()


class Ledger:
    """What the last write put in one output folder: each file's sha256 and the stat it was left with.

    The ledger's own mtime is the time it was made (by the file system's clock, the one file mtimes use):
    a file not older than that may have changed after it was recorded, so it is not vouched for.
    """

    def __init__(self, folder: Path, output: Path) -> None:
        self.output = str(output)
        self.path = folder / f"{hashlib.sha256(self.output.encode()).hexdigest()[:32]}.json"

    def read(self, output: Path) -> dict[str, Entry]:
        """The entries still worth checking: none if the ledger is missing, damaged, of another folder or of
        another device (the site was replaced by a copy), and none that are racy."""
        try:
            made = self.path.stat().st_mtime_ns
            raw = json.loads(self.path.read_bytes())
            if raw["version"] != _LEDGER_VERSION or raw["output"] != self.output:
                return {}
            if raw["device"] != output.stat().st_dev:
                return {}
            files = raw["files"]
            return {
                str(rel): (str(sha), int(size), int(mtime), int(ino))
                for rel, (sha, size, mtime, ino) in files.items()
                if int(mtime) < made
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def prepare(self, staging: Path, entries: dict[str, Entry]) -> Path | None:
        """Write the new ledger beside the old one, not yet in its place (None if the cache is read-only).

        Made after the last page is written and before the swap, its mtime is later than every page's and
        earlier than any edit made to the site once it is in place."""
        record = {"version": _LEDGER_VERSION, "output": self.output, "device": 0, "files": entries}
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            record["device"] = staging.stat().st_dev
            tmp.write_bytes(json.dumps(record, separators=(",", ":")).encode())
        except OSError:
            tmp.unlink(missing_ok=True)
            return None
        return tmp

    def commit(self, pending: Path) -> None:
        """Put the ledger prepared for the site just swapped in into its place."""
        try:
            os.replace(pending, self.path)
        except OSError:
            pending.unlink(missing_ok=True)


def _same_bytes(path: str, content: bytes) -> bool:
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(content):
            return False
        with open(path, "rb") as f:
            return f.read() == content
    except OSError:
        return False


def _vouched(old: str, entry: Entry | None) -> os.stat_result | None:
    """The old file's stat if the ledger's entry for it still describes it (so its bytes have the entry's sha)."""
    if entry is None:
        return None
    try:
        st = os.lstat(old)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or (st.st_size, st.st_mtime_ns, st.st_ino) != entry[1:]:
        return None
    return st


def _fill(
    staging: Path, pages: Iterable[SitePage], previous: Path | None, known: dict[str, Entry]
) -> tuple[WriteStats, dict[str, Entry]]:
    """Write or link every page into `staging`; the stats and the new ledger's entries (paths are strings:
    pathlib's cost per page was a tenth of a warm build's write)."""
    written = linked = 0
    made: set[str] = {str(staging)}
    entries: dict[str, Entry] = {}
    for page in pages:
        rel = _relative(page.path)
        if rel in entries:
            raise ValueError(f"two pages have the same path {page.path!r}")
        target = os.path.join(staging, rel)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        sha = page.sha if isinstance(page, StoredPage) else hashlib.sha256(page.content).hexdigest()
        if previous is not None:
            old = os.path.join(previous, rel)
            entry = known.get(rel)
            vouched = _vouched(old, entry)
            same = entry is not None and entry[0] == sha if vouched is not None else _same_bytes(old, page.content)
            if same:
                try:
                    os.link(old, target)
                    st = vouched or os.lstat(target)
                    entries[rel] = (sha, st.st_size, st.st_mtime_ns, st.st_ino)
                    linked += 1
                    continue
                except OSError:
                    pass
        with open(target, "wb") as out:
            out.write(page.content)
            out.flush()
            st = os.fstat(out.fileno())
        entries[rel] = (sha, st.st_size, st.st_mtime_ns, st.st_ino)
        written += 1
    return WriteStats(written, linked), entries


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step with Linux renameat2; False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap(staging: Path, output: Path) -> None:
    if not output.exists() and not output.is_symlink():
        os.rename(staging, output)
        return
    if not output.is_dir() or output.is_symlink():
        raise NotADirectoryError(errno.ENOTDIR, "the output must be a folder", str(output))
    old = output.parent / staging.name.replace(".new-", ".old-", 1)
    if _exchange(staging, output):
        os.rename(staging, old)  # now holds the previous site
    else:
        os.rename(output, old)
        os.rename(staging, output)
    shutil.rmtree(old, ignore_errors=True)
