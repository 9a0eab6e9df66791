"""The NLP daemon: a background process that keeps the spaCy model loaded between builds, like Gradle's.

A build with a few articles to extract sends them here instead of starting a worker that imports spaCy and
loads the model (1.4 s on our machine). It exits after `idle` seconds without a request, on `briefgen daemon
stop` and on SIGTERM. Started by `daemon_client.start`, with the arguments MODEL STEM IDLE.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import signal
import sys
import threading
import time
from multiprocessing import AuthenticationError
from multiprocessing.connection import Connection, Listener
from pathlib import Path
from typing import IO, Any, NoReturn

from briefgen.nlp.daemon_client import Paths

NO_MODEL_IDLE = 5.0  # seconds a daemon whose model would not load waits for another request
LOCK_TRIES = 50  # a client checking whether a daemon runs holds the lock for a moment: try again meanwhile


class _Server:
    def __init__(self, model: str, paths: Paths, idle: float, lock: IO[str]) -> None:
        self.model = model
        self.paths = paths
        self.idle = idle
        self.lock = lock  # held, so open, while this daemon lives
        self.started = time.time()
        self.requests = 0
        self.active = 0
        self.last = time.monotonic()
        self.state = threading.Lock()  # guards the counters above
        self.nlp = threading.Lock()  # one extraction at a time

    def run(self, listener: Listener) -> None:
        threading.Thread(target=self._warm, daemon=True).start()
        threading.Thread(target=self._watch_idle, daemon=True).start()
        while True:
            try:
                conn = listener.accept()
            except (OSError, EOFError, AuthenticationError):  # a client without the key, or one that hung up
                continue
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _warm(self) -> None:
        from briefgen.errors import BriefgenError
        from briefgen.nlp.model import load_model, model_rules

        with self.nlp:
            try:
                load_model(self.model)("A first text warms the pipeline up.")
                model_rules(self.model)
            except BriefgenError:  # each request is told why; a daemon with no model soon goes
                self.idle = min(self.idle, NO_MODEL_IDLE)
        self._count(0)  # idle from now on

    def _serve(self, conn: Connection) -> None:
        with conn:
            while True:
                try:
                    request = conn.recv()
                except (OSError, EOFError):
                    break
                self._count(+1)
                try:
                    conn.send(self._answer(request))
                except OSError:
                    break
                finally:
                    self._count(-1)
                if request[0] == "stop":
                    self.exit()

    def _answer(self, request: tuple[Any, ...]) -> Any:
        from briefgen.nlp.extract import extract_chunk

        if request[0] == "extract":
            with self.nlp:
                return extract_chunk(self.model, request[1])
        if request[0] == "status":
            return {
                "pid": os.getpid(),
                "model": self.model,
                "up": time.time() - self.started,
                "requests": self.requests,
            }
        return "bye"

    def _count(self, step: int) -> None:
        with self.state:
            self.active += step
            if step > 0:
                self.requests += 1
            self.last = time.monotonic()

    def _watch_idle(self) -> None:
        while True:
            time.sleep(min(1.0, self.idle))
            with self.state:
                if self.active == 0 and time.monotonic() - self.last > self.idle:
                    self.exit()

    def exit(self) -> NoReturn:
        for path in (self.paths.socket, self.paths.key):
            path.unlink(missing_ok=True)
        os._exit(0)


def _lock(paths: Paths) -> IO[str] | None:
    """The lock file, locked (keep it open: closing it unlocks), or None if another daemon holds it."""
    lock = paths.lock.open("a")
    for _ in range(LOCK_TRIES):
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return lock
        except BlockingIOError:
            time.sleep(0.02)
    lock.close()
    return None


def main(argv: list[str]) -> None:
    model, stem, idle = argv[0], Paths(Path(argv[1])), float(argv[2])
    os.chdir("/")  # holds no folder of the build that started it
    lock = _lock(stem)
    if lock is None:
        return  # another daemon of the same model and code is running
    key = secrets.token_bytes(32)
    fresh = stem.key.with_suffix(".key-new")
    fresh.unlink(missing_ok=True)
    fresh.touch(mode=0o600)
    fresh.write_bytes(key)
    stem.socket.unlink(missing_ok=True)  # left by a daemon that was killed
    listener = Listener(str(stem.socket), "AF_UNIX", backlog=16, authkey=key)
    fresh.replace(stem.key)
    server = _Server(model, stem, idle, lock)
    signal.signal(signal.SIGTERM, lambda *_: server.exit())
    server.run(listener)


if __name__ == "__main__":
    main(sys.argv[1:])
