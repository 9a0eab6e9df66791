"""s3:// targets against moto's S3 server on 127.0.0.1: changed-only uploads (PUTs counted at the server),
content types, cache headers, and stale keys deleted after uploading."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

boto3 = pytest.importorskip("boto3")
werkzeug_app = pytest.importorskip("moto.moto_server.werkzeug_app")
from werkzeug.serving import make_server  # noqa: E402

from briefgen.cli import main  # noqa: E402
from briefgen.config import PublishSettings  # noqa: E402
from briefgen.publish.run import make_publisher  # noqa: E402
from tests.tiny_site import change_one_article, write_tiny_site  # noqa: E402


class S3Server:
    """moto's server app on a free local port, logging every request's method and path."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []
        app = werkzeug_app.DomainDispatcherApplication(werkzeug_app.create_backend_app)

        def counting(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            self.log.append((environ["REQUEST_METHOD"], environ["PATH_INFO"]))
            return app(environ, start_response)

        self.server = make_server(
            "127.0.0.1", 0, counting, threaded=True, request_handler=werkzeug_app.MotoRequestHandler
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def puts(self) -> Counter[str]:
        return Counter(path for method, path in self.log if method == "PUT")


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[S3Server]:
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    server = S3Server()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.thread.join()


def write_files(folder: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


def test_uploads_only_changes_sets_headers_and_deletes_stale_keys(s3: S3Server, tmp_path: Path) -> None:
    client = boto3.client("s3", endpoint_url=s3.url, region_name="us-east-1")
    client.create_bucket(Bucket="briefs")
    client.put_object(Bucket="briefs", Key="elsewhere/keep.txt", Body=b"not ours")  # outside the prefix
    site = write_files(
        tmp_path / "site",
        {"index.html": b"<p>1</p>", "a/index.html": b"<p>a</p>", "style.css": b"body{}", "old.json": b"{}"},
    )
    pub = make_publisher(PublishSettings(target="s3://briefs/site", endpoint_url=s3.url), tmp_path)
    s3.log.clear()
    first = pub.publish(site, dry_run=False, message="")
    assert len(first.plan.added) == 4 and sum(s3.puts().values()) == 4

    head = client.head_object(Bucket="briefs", Key="site/index.html")
    assert head["ContentType"] == "text/html; charset=utf-8" and head["CacheControl"] == "public, max-age=300"
    css = client.head_object(Bucket="briefs", Key="site/style.css")
    assert css["ContentType"].startswith("text/css") and css["CacheControl"] == "public, max-age=3600"

    (site / "old.json").unlink()
    write_files(site, {"a/index.html": b"<p>a, changed</p>", "b/index.html": b"<p>b</p>"})
    s3.log.clear()
    dry = pub.publish(site, dry_run=True, message="")
    assert dry.plan.lines() == ["+ b/index.html", "~ a/index.html", "- old.json"]
    assert not s3.puts() and not [m for m, _ in s3.log if m in ("POST", "DELETE")]

    s3.log.clear()
    pub.publish(site, dry_run=False, message="")
    assert s3.puts() == Counter({"/briefs/site/b/index.html": 1, "/briefs/site/a/index.html": 1})
    deletes = [i for i, (m, _) in enumerate(s3.log) if m == "POST" or m == "DELETE"]
    puts = [i for i, (m, _) in enumerate(s3.log) if m == "PUT"]
    assert deletes and min(deletes) > max(puts)  # stale keys go only after every upload
    keys = {o["Key"] for o in client.list_objects_v2(Bucket="briefs")["Contents"]}
    assert keys == {"elsewhere/keep.txt", "site/index.html", "site/a/index.html", "site/b/index.html", "site/style.css"}
    assert client.get_object(Bucket="briefs", Key="site/a/index.html")["Body"].read() == b"<p>a, changed</p>"

    s3.log.clear()
    assert pub.publish(site, dry_run=False, message="").plan.empty
    assert not s3.puts()


def test_object_without_a_plain_md5_etag_is_compared_by_stored_hash(s3: S3Server, tmp_path: Path) -> None:
    client = boto3.client("s3", endpoint_url=s3.url, region_name="us-east-1")
    client.create_bucket(Bucket="multi")
    site = write_files(tmp_path / "site", {"big.bin": b"x" * 10})
    pub = make_publisher(PublishSettings(target="s3://multi", endpoint_url=s3.url), tmp_path)
    pub.publish(site, dry_run=False, message="")
    # Re-upload the same bytes as a multipart object: its ETag is no longer the MD5, but the stored hash stays.
    meta = client.head_object(Bucket="multi", Key="big.bin")["Metadata"]
    upload = client.create_multipart_upload(Bucket="multi", Key="big.bin", Metadata=meta)
    part = client.upload_part(Bucket="multi", Key="big.bin", UploadId=upload["UploadId"], PartNumber=1, Body=b"x" * 10)
    client.complete_multipart_upload(
        Bucket="multi",
        Key="big.bin",
        UploadId=upload["UploadId"],
        MultipartUpload={"Parts": [{"ETag": part["ETag"], "PartNumber": 1}]},
    )
    assert "-" in client.head_object(Bucket="multi", Key="big.bin")["ETag"]
    s3.log.clear()
    assert pub.publish(site, dry_run=False, message="").plan.empty and not s3.puts()
    write_files(site, {"big.bin": b"y" * 10})
    assert pub.publish(site, dry_run=False, message="").plan.changed == ("big.bin",)


def test_cli_publishes_a_built_site_to_a_configured_bucket(
    s3: S3Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    boto3.client("s3", endpoint_url=s3.url, region_name="us-east-1").create_bucket(Bucket="site")
    extra = f"publish:\n  bucket:\n    target: s3://site/briefs\n    endpoint_url: {s3.url}\n"
    config = write_tiny_site(tmp_path, base_url="https://example.org/briefs/", extra_config=extra)
    assert main(["publish", "bucket", "--config", str(config)]) == 0
    site = tmp_path / "site"
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    client = boto3.client("s3", endpoint_url=s3.url, region_name="us-east-1")
    keys = sorted(o["Key"] for o in client.list_objects_v2(Bucket="site")["Contents"])
    assert keys == [f"briefs/{f}" for f in files]
    assert client.head_object(Bucket="site", Key="briefs/feed.xml")["ContentType"] == "application/xml"
    assert client.head_object(Bucket="site", Key="briefs/pagefind/pagefind.js")["ContentType"].startswith(
        "text/javascript"
    )

    change_one_article(tmp_path)
    capsys.readouterr()
    s3.log.clear()
    assert main(["publish", "bucket", "--config", str(config)]) == 0
    found = re.search(r"published to s3://site/briefs: (\d+) added, (\d+) changed", capsys.readouterr().out)
    assert found is not None
    added, changed = int(found[1]), int(found[2])
    assert 0 < sum(s3.puts().values()) == added + changed < len(files)
