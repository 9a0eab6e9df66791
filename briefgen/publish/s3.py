"""`s3://BUCKET[/PREFIX]`: upload changed files to an S3-compatible bucket, then delete stale keys.

A file is unchanged when the object's ETag is the plain MD5 of its content (single-part
uploads), or else when the SHA-256 we store in the object's metadata matches; multipart or
encrypted ETags are never trusted. Endpoint, region and credentials come from the usual AWS
environment and config files; `endpoint_url` and `region` in briefgen.yaml override them.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
from pathlib import Path, PurePosixPath
from typing import Any

from briefgen.models import Problem
from briefgen.publish.base import Plan, Publisher, PublishError, PublishResult, site_files, write_order

HASH_KEY = "briefgen-sha256"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".woff2": "font/woff2",
}
_SHORT_LIVED = {".html", ".xml", ".json", ".txt"}  # pages and data that change with every build


def content_type(path: str) -> str:
    suffix = PurePosixPath(path).suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


class S3Publisher(Publisher):
    def publish(self, site: Path, *, dry_run: bool, message: str) -> PublishResult:
        client = self._client()
        bucket, prefix = self.target.location, f"{self.target.prefix}/" if self.target.prefix else ""
        local = site_files(site.resolve())
        remote = self._list(client, bucket, prefix)
        added, changed = [], []
        for rel, path in local.items():
            data = path.read_bytes()
            if rel not in remote:
                added.append(rel)
            elif not self._same(client, bucket, prefix + rel, remote[rel], data):
                changed.append(rel)
        plan = Plan(tuple(write_order(added)), tuple(write_order(changed)), tuple(sorted(set(remote) - set(local))))
        if not dry_run:
            for rel in write_order(list(plan.added + plan.changed)):
                self._upload(client, bucket, prefix + rel, local[rel].read_bytes())
            self._delete(client, bucket, [prefix + rel for rel in plan.deleted])
        return PublishResult(str(self.target), plan, dry_run, str(self.target))

    def _client(self) -> Any:
        try:
            import boto3
        except ImportError as err:
            msg = "publishing to S3 needs boto3: pip install 'briefgen[s3]'"
            raise PublishError([Problem(str(self.target), msg)]) from err
        session = boto3.session.Session(region_name=self.settings.region)
        return session.client("s3", endpoint_url=self.settings.endpoint_url)

    def _call(self, what: str, fn: Any, **kwargs: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return fn(**kwargs)
        except (BotoCoreError, ClientError) as err:
            raise PublishError([Problem(str(self.target), f"{what} failed: {err}")]) from err

    def _list(self, client: Any, bucket: str, prefix: str) -> dict[str, str]:
        """Site-relative path -> ETag of every object under the prefix."""
        objects: dict[str, str] = {}
        token: dict[str, str] = {}
        while True:
            page = self._call("listing the bucket", client.list_objects_v2, Bucket=bucket, Prefix=prefix, **token)
            for obj in page.get("Contents", []):
                objects[obj["Key"][len(prefix) :]] = obj.get("ETag", "").strip('"')
            if not page.get("IsTruncated"):
                return objects
            token = {"ContinuationToken": page["NextContinuationToken"]}

    def _same(self, client: Any, bucket: str, key: str, etag: str, data: bytes) -> bool:
        if etag == hashlib.md5(data, usedforsecurity=False).hexdigest():
            return True
        head = self._call(f"reading {key}", client.head_object, Bucket=bucket, Key=key)
        return bool(head.get("Metadata", {}).get(HASH_KEY) == hashlib.sha256(data).hexdigest())

    def _upload(self, client: Any, bucket: str, key: str, data: bytes) -> None:
        short = PurePosixPath(key).suffix.lower() in _SHORT_LIVED
        self._call(
            f"uploading {key}",
            client.put_object,
            Bucket=bucket,
            Key=key,
            Body=data,
            ContentType=content_type(key),
            CacheControl=self.settings.cache_control_html if short else self.settings.cache_control_assets,
            ContentMD5=base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode(),
            Metadata={HASH_KEY: hashlib.sha256(data).hexdigest()},
        )

    def _delete(self, client: Any, bucket: str, keys: list[str]) -> None:
        for start in range(0, len(keys), 1000):
            batch = {"Objects": [{"Key": k} for k in keys[start : start + 1000]], "Quiet": True}
            done = self._call("deleting stale keys", client.delete_objects, Bucket=bucket, Delete=batch)
            if done.get("Errors"):
                where = str(self.target)
                raise PublishError([Problem(where, f"deleting {e['Key']}: {e.get('Message')}") for e in done["Errors"]])
