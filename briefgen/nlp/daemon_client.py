"""Finding, starting and talking to the NLP daemon (`briefgen.nlp.daemon`), without importing spaCy.

There is one daemon per user, model and version of briefgen's code, Python and spaCy, in a private folder
(mode 0700): `$BRIEFGEN_DAEMON_DIR`, else `$XDG_RUNTIME_DIR/briefgen`, else `<tmp>/briefgen-<uid>`. Its
files share a stem: `.sock` (the socket), `.key` (the secret a client proves it knows), `.lock` (held by
the live daemon) and `.log` (its stderr). Messages are pickled, so only a client holding the key is heard.
"""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client, Connection
from pathlib import Path
from typing import Any

from briefgen.cache import code_fingerprint, digest, metadata_files, model_meta
from briefgen.models import Article, Extraction, Problem

START_WAIT = 20.0  # seconds a client waits for a daemon it started to listen
DIED_WAIT = 3.0  # seconds after which a daemon it started and that holds no lock has died
Reply = tuple[bool, list[Extraction] | list[Problem]]


def daemon_dir() -> Path | None:
    """The private folder of this user's daemons, made if missing; None where daemons cannot run safely."""
    if not hasattr(socket, "AF_UNIX"):
        return None
    if named := os.environ.get("BRIEFGEN_DAEMON_DIR"):
        folder = Path(named)
    elif runtime := os.environ.get("XDG_RUNTIME_DIR"):
        folder = Path(runtime) / "briefgen"
    else:
        folder = Path(tempfile.gettempdir()) / f"briefgen-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    private = info.st_uid == os.getuid() and not info.st_mode & 0o077 and not folder.is_symlink()
    return folder if private else None


@dataclass(frozen=True)
class Paths:
    """The files of one daemon."""

    stem: Path

    @property
    def socket(self) -> Path:
        return self.stem.with_suffix(".sock")

    @property
    def key(self) -> Path:
        return self.stem.with_suffix(".key")

    @property
    def lock(self) -> Path:
        return self.stem.with_suffix(".lock")

    @property
    def log(self) -> Path:
        return self.stem.with_suffix(".log")


def daemon_paths(model: str) -> Paths | None:
    """Where the daemon for `model` and this code lives; a daemon of other code is never reached."""
    folder = daemon_dir()
    if folder is None:
        return None
    spacy = [f"{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in metadata_files(["spacy", "thinc"])]
    version = str(model_meta(model).get("version", ""))
    key = digest(model, version, code_fingerprint(), sys.executable, *spacy)[:16]
    return Paths(folder / f"nlp-{key}")


def is_running(paths: Paths) -> bool:
    """Whether a daemon holds the lock of these paths."""
    try:
        with paths.lock.open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


# Forks before importing anything, so the build waits only for an interpreter to start; the daemon lives on
# in a session of its own, adopted by init, and no build has to reap it.
LAUNCH = "import os, runpy; os.fork() and os._exit(0); runpy.run_module('briefgen.nlp.daemon', run_name='__main__')"


def start(model: str, paths: Paths, idle: float) -> None:
    """Start a daemon in the background, announced on stderr; it gives up at once if another one holds the lock."""
    life = f"{idle / 60:.0f} idle minutes" if idle >= 60 else f"{idle:.0f} idle seconds"
    print(
        f"briefgen: starting an NLP daemon that keeps {model} loaded for the next builds; it exits after {life}"
        " ('briefgen daemon stop' ends it now)",
        file=sys.stderr,
    )
    with paths.log.open("w") as log:
        launcher = subprocess.Popen(
            [sys.executable, "-c", LAUNCH, _absolute(model), str(paths.stem), str(idle)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
    launcher.wait()


def _absolute(model: str) -> str:
    """A model given as a folder, made absolute: the daemon runs from `/`."""
    return str(Path(model).resolve()) if Path(model).is_dir() else model


def ensure_running(model: str, idle: float) -> None:
    """Start the daemon for `model` unless it runs already, so that the next small build finds it."""
    paths = daemon_paths(model)
    if paths is not None and not is_running(paths):
        start(model, paths, idle)


def _connect(paths: Paths) -> Connection:
    return Client(str(paths.socket), "AF_UNIX", authkey=paths.key.read_bytes())


class Link:
    """One build's connection to the daemon, which is started if it is not running."""

    def __init__(self, model: str, idle: float) -> None:
        self.model = model
        self.idle = idle
        self._conn: Connection | None = None
        self._unreachable = False  # tried once and failed: the rest of this build extracts itself

    def open(self) -> bool:
        """Connect, starting the daemon if needed; False when no daemon can be reached."""
        if self._conn is None and not self._unreachable:
            paths = daemon_paths(self.model)
            self._conn = self._connect(paths) if paths is not None else None
            self._unreachable = self._conn is None
        return self._conn is not None

    def _connect(self, paths: Paths) -> Connection | None:
        started = 0.0
        deadline = time.monotonic() + START_WAIT
        while True:
            try:
                return _connect(paths)
            except (OSError, EOFError, AuthenticationError) as err:  # no socket or key yet, a stale one, a new key
                now = time.monotonic()
                if not started and not is_running(paths):
                    start(self.model, paths, self.idle)
                    started = now
                elif now > deadline or (started and now - started > DIED_WAIT and not is_running(paths)):
                    print(f"briefgen: no NLP daemon ({err}); extracting in this build", file=sys.stderr)
                    return None
                time.sleep(0.02)

    def extract(self, articles: list[Article]) -> Reply:
        """The daemon's extractions of `articles`, or this process's own when it cannot be reached."""
        from briefgen.nlp.extract import extract_chunk

        if self.open():
            assert self._conn is not None
            try:
                self._conn.send(("extract", articles))
                reply: Reply = self._conn.recv()
                return reply
            except (OSError, EOFError):  # the daemon went away mid-request
                self.close()
        return extract_chunk(self.model, articles)

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()


def running() -> Iterator[tuple[Path, dict[str, Any]]]:
    """Each live daemon of this user (its socket and what it says of itself)."""
    folder = daemon_dir()
    for sock in sorted(folder.glob("nlp-*.sock")) if folder is not None else []:
        paths = Paths(sock.with_suffix(""))
        if not is_running(paths):
            continue
        try:
            with _connect(paths) as conn:
                conn.send(("status",))
                yield sock, conn.recv()
        except (OSError, EOFError, AuthenticationError):
            continue


def stop_all() -> int:
    """Ask every live daemon of this user to exit; returns how many were asked."""
    count = 0
    for sock, _ in list(running()):
        try:
            with _connect(Paths(sock.with_suffix(""))) as conn:
                conn.send(("stop",))
                conn.recv()
            count += 1
        except (OSError, EOFError, AuthenticationError):
            continue
    return count
