"""The content-hash cache: records on disk and in memory, keys that change with what they cover."""

from __future__ import annotations

import json
from pathlib import Path

from briefgen.cache import BuildMemo, Cache, digest, files_fingerprint
from briefgen.modelinfo import model_identity, model_meta
from briefgen.models import Extraction, Mention, NumberMention, Problem, QuestionMention, QuoteMention


def _extraction() -> Extraction:
    return Extraction(
        source="a-1",
        mentions=(Mention("Ada Quill", "PERSON", 0, role="harbour master"), Mention("Port Elm", "GPE", 2)),
        quotes=(QuoteMention("we sail at dawn", None, (1, 2), scare=False),),
        numbers=(NumberMention(12.5, "ferry", "12.5 ferries", "ferries ran", 3, approximate=True, bound="at_least"),),
        questions=(QuestionMention("who pays for the repairs", 4, "Not disclosed"),),
        terms=(("ferry", "strike"), (), ("dawn",)),
    )


def test_digest_separates_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")


def test_files_fingerprint_follows_content_and_names(tmp_path: Path) -> None:
    a = tmp_path / "a.py"
    a.write_text("x = 1\n")
    first = files_fingerprint([a], tmp_path)
    a.write_text("x = 2\n")
    second = files_fingerprint([a], tmp_path)
    b = tmp_path / "b.py"
    b.write_text("")
    assert len({first, second, files_fingerprint([a, b], tmp_path)}) == 3


def test_model_identity_follows_the_model_version(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "meta.json").write_text(json.dumps({"version": "1.0.0"}))
    before = model_identity(str(model))
    model_identity.cache_clear()  # read once per process; a new process sees the new version
    model_meta.cache_clear()
    (model / "meta.json").write_text(json.dumps({"version": "1.0.1"}))
    assert model_identity(str(model)) != before
    assert str(model) in before


def test_disk_records_survive_a_new_cache_and_damage_is_a_miss(tmp_path: Path) -> None:
    Cache(tmp_path).put("extraction", "ab12", _extraction())
    fresh = Cache(tmp_path)
    assert fresh.get("extraction", "ab12", Extraction) == _extraction()
    assert fresh.get("extraction", "ffff", Extraction) is None
    (next(tmp_path.rglob("ab12.json"))).write_bytes(b"[1, 2")
    assert Cache(tmp_path).get("extraction", "ab12", Extraction) is None
    assert (fresh.hits, fresh.misses) == (1, 1)


def test_no_root_means_no_cache(tmp_path: Path) -> None:
    cache = Cache(None)
    cache.put("extraction", "ab12", _extraction())
    assert cache.get("extraction", "ab12", Extraction) is None
    assert cache.put_blob(b"page") and cache.get_blob(digest("nothing")) is None


def test_blobs_are_content_addressed_and_verified(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    sha = cache.put_blob(b"<p>hello</p>")
    assert Cache(tmp_path).get_blob(sha) == b"<p>hello</p>"
    next(tmp_path.rglob(sha)).write_bytes(b"tampered")
    assert Cache(tmp_path).get_blob(sha) is None


def test_memo_serves_from_memory_and_forgets_what_a_build_did_not_use(tmp_path: Path) -> None:
    memo = BuildMemo()
    cache = Cache(tmp_path, memo)
    problem = Problem("a.md", "odd", 3, "warning")
    cache.put("problem", "k1", problem)
    cache.put("problem", "k2", problem)
    memo.prune()  # a build ended: both were used
    for path in tmp_path.rglob("*.json"):
        path.unlink()  # from now on only memory can answer
    assert cache.get("problem", "k1", Problem) is problem
    memo.prune()  # k2 was not used by this "build"
    assert cache.get("problem", "k1", Problem) is problem
    assert cache.get("problem", "k2", Problem) is None


def test_a_record_of_the_old_positional_format_is_a_miss_not_a_misreading(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("extraction", "ab12", _extraction())
    path = next(tmp_path.rglob("ab12.json"))
    assert json.loads(path.read_bytes())["mentions"][0]["role"] == "harbour master"  # stored with field names
    path.write_bytes(b'["a-1",[["Ada Quill","PERSON",0,null,false,true,false]],[],[],[],[],[]]')
    assert Cache(tmp_path).get("extraction", "ab12", Extraction) is None
