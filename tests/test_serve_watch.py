"""Watching: editor temp files are ignored, the output dir is ignored, bursts of saves become one batch."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefgen.serve.watcher import ChangeQueue, Watcher, WatchPlan, is_temp_file


@pytest.mark.parametrize(
    "name",
    [".a.md.swp", ".a.md.swo", "a.md~", ".#a.md", "#a.md#", "4913", "a.tmp", ".DS_Store", "a.md.kate-swp", ".~lock.x#"],
)
def test_editor_temp_files_are_ignored(name: str) -> None:
    assert is_temp_file(name)


@pytest.mark.parametrize("name", ["a.md", "notes.txt", "event.yaml", "style.css", "base.html", "4913.md"])
def test_real_files_are_watched(name: str) -> None:
    assert not is_temp_file(name)


def _plan(root: Path) -> WatchPlan:
    return WatchPlan(root / "briefgen.yaml", (root / "content", root / "themes" / "mine"), root / "site")


def test_plan_keeps_inputs_and_drops_output_and_staging(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    assert plan.relevant(tmp_path / "briefgen.yaml")
    assert plan.relevant(tmp_path / "content" / "ev" / "a.md")
    assert plan.relevant(tmp_path / "themes" / "mine" / "templates" / "base.html")
    assert plan.relevant(tmp_path / "themes")  # a theme folder appearing
    assert not plan.relevant(tmp_path / "content" / "ev" / ".a.md.swp")
    assert not plan.relevant(tmp_path / "site" / "index.html")
    assert not plan.relevant(tmp_path / ".site.new-x1y2" / "index.html")
    assert not plan.relevant(tmp_path / "README.md")
    assert not plan.relevant(tmp_path / "content" / ".git" / "index")


def test_plan_schedules_each_existing_folder_once(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    plan = WatchPlan(tmp_path / "briefgen.yaml", (tmp_path / "content", tmp_path / "content" / "x"), tmp_path / "o")
    assert plan.schedules() == [(tmp_path, False), (tmp_path / "content", True)]


def test_queue_coalesces_a_burst_into_one_batch() -> None:
    q = ChangeQueue(quiet=0.2)
    for i in range(5):
        q.add([Path(f"/c/{i}.md")])
        time.sleep(0.01)
    assert q.take() == {Path(f"/c/{i}.md") for i in range(5)}


def test_queue_hands_out_a_steady_stream_after_max_wait() -> None:
    q = ChangeQueue(quiet=0.2, max_wait=0.3)
    stop = threading.Event()

    def keep_saving() -> None:
        while not stop.is_set():
            q.add([Path("/c/a.md")])
            time.sleep(0.02)

    saver = threading.Thread(target=keep_saving)
    saver.start()
    try:
        assert q.take() == {Path("/c/a.md")}
    finally:
        stop.set()
        saver.join()


def test_closed_queue_ends_take() -> None:
    q = ChangeQueue()
    threading.Timer(0.05, q.close).start()
    assert q.take() is None


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, ChangeQueue]]:
    (tmp_path / "content" / "ev").mkdir(parents=True)
    (tmp_path / "site").mkdir()
    queue = ChangeQueue(quiet=0.3)
    watcher = Watcher(_plan(tmp_path), queue)
    watcher.start()
    try:
        yield tmp_path, queue
    finally:
        watcher.stop()
        queue.close()


def _take_within(queue: ChangeQueue, seconds: float) -> set[Path] | None:
    box: list[set[Path] | None] = []
    taker = threading.Thread(target=lambda: box.append(queue.take()))
    taker.start()
    taker.join(seconds)
    if taker.is_alive():
        queue.close()
        taker.join()
        return None
    return box[0]


def test_watcher_reports_saves_but_not_swap_files_or_output(watched: tuple[Path, ChangeQueue]) -> None:
    root, queue = watched
    ev = root / "content" / "ev"
    (ev / ".a.md.swp").write_text("swap")
    (ev / "4913").write_text("")
    (root / "site" / "index.html").write_text("built")
    (root / "README.md").write_text("not an input")
    (ev / "a.md").write_text("A new article.")
    (ev / "b.md").write_text("Another one.")
    batch = _take_within(queue, 10)
    assert batch is not None
    assert {p.name for p in batch} == {"a.md", "b.md"}


def test_watcher_sees_an_atomic_save_by_rename(watched: tuple[Path, ChangeQueue]) -> None:
    root, queue = watched
    ev = root / "content" / "ev"
    tmp = ev / ".a.md.tmp"
    tmp.write_text("Saved through a temp file.")
    tmp.rename(ev / "a.md")
    batch = _take_within(queue, 10)
    assert batch is not None and {p.name for p in batch} == {"a.md"}
