"""`briefgen serve` on the command line: flags, the printed URL, a clean stop on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.cli import main
from tests.serve_site import get, write_site


def test_serve_help_lists_flags(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    for flag in ("--host", "--port", "--open", "--config", "--content", "--output", "--strict"):
        assert flag in out


@pytest.mark.slow
def test_serve_prints_the_url_serves_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    write_site(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "serve", "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},  # SIGABRT on a hang prints every thread's stack
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.match(r"Serving http://127\.0\.0\.1:(\d+)/ ", line)
        assert match, line
        status, _, body = get(int(match.group(1)), "/library-reopens/index.html")
        assert status == 200 and b"livereload.js" in body
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)
            pytest.fail(f"serve did not stop within 30 s of Ctrl-C; its threads:\n{proc.communicate()[1][-8000:]}")
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_port_in_use_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_site(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--config", str(config), "--port", str(port)]) == 1
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
