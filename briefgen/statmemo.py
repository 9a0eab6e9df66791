"""What was derived from files, remembered by their stat, as git's index remembers its working tree.

An entry holds a file's size, mtime and inode when it was read, and what was derived from its bytes. While
the file still has them, the derived values stand without reading it again. A file whose mtime is not older
than the memo file itself is "racy": it may have changed within one tick of the clock after it was read,
so it is read again. Only the standard library is imported here (the up-to-date check uses it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

Entry = tuple[int, int, int, tuple[str, ...]]  # size, mtime_ns, inode, what was derived


class StatMemo:
    """A memo file (none: nothing is remembered). Entries not used since it was read are dropped on save."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: dict[str, Entry] = {}
        self.found: dict[str, Entry] = {}
        self.made = 0  # the memo's mtime: entries not older than it are racy
        if path is None:
            return
        try:
            self.made = path.stat().st_mtime_ns
            raw = json.loads(path.read_bytes())
            self.known = {str(k): (int(s), int(m), int(i), tuple(map(str, d))) for k, (s, m, i, d) in raw.items()}
        except (OSError, ValueError, TypeError, AttributeError):
            self.known = {}

    def get(self, key: str, st: os.stat_result) -> tuple[str, ...] | None:
        """What was derived from the file `key` if it still has stat `st` and is not racy."""
        entry = self.known.get(key)
        if entry is None or entry[:3] != (st.st_size, st.st_mtime_ns, st.st_ino) or st.st_mtime_ns >= self.made:
            return None
        self.found[key] = entry
        return entry[3]

    def put(self, key: str, st: os.stat_result, derived: tuple[str, ...]) -> None:
        """Remember what was derived from the file `key`, read after its stat `st` was taken."""
        self.found[key] = (st.st_size, st.st_mtime_ns, st.st_ino, derived)

    def save(self) -> None:
        """Keep the memo when anything changed or is racy (so that a racy file is vouched for once the clock
        has ticked); atomically, and a read-only folder only costs the next build its time."""
        racy = any(entry[1] >= self.made for entry in self.found.values())
        if self.path is None or (self.found == self.known and not racy):
            return
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(json.dumps(self.found, separators=(",", ":")).encode())
            os.replace(tmp, self.path)
            self.made = self.path.stat().st_mtime_ns
        except OSError:
            tmp.unlink(missing_ok=True)
            return
        self.known = dict(self.found)
