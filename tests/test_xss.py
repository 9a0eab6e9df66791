"""No script from content ever runs: an XSS corpus in article text, front matter, event.yaml and file and folder
names is built with the real pipeline, and every output page is opened in headless chromium, with the CSP
enforced and with it bypassed (so escaping alone is tested), hooking dialogs, console and network.

The browser part skips when chromium or playwright is missing, except with CI=true, where that is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefgen.cli import main
from briefgen.sanitize import csp_policy, json_for_html, safe_url, sanitize_html, script_hash

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.invalid/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="window.__xss=1">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus='",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<link rel=stylesheet href=//xss.invalid/x.css>",
    "<style>@import 'javascript:alert(1)';</style>",
    '<div style="background:url(javascript:alert(1))">',
    "<marquee onstart=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    '<math href="javascript:alert(1)">CLICK</math>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<![CDATA[<script>alert(1)</script>]]>",
    "{{ 7*7 }}",
    "{{ 1337*1337 }}",
    "{% for x in range(3) %}LOOP{% endfor %}",
    "{{ config.__class__.__init__.__globals__ }}",
    "${alert(1)}",
    "#{7*7}",
    "<%= 7*7 %>",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "<img src=x:alert(alt) onerror=eval(src) alt=1>",
    "<x contenteditable onblur=alert(1)>lose focus!",
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    '"];alert(1);//',
    "</script><!--",
    "<template><script>alert(1)</script></template>",
    "<img src=1 onerror=console.log('XSS-FIRED')>",
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
]
WEB = ("http", "https")
EVALUATED = ("1787569", "LOOPLOOP", "<class ")  # what template injection would print


def test_corpus_is_big_enough() -> None:
    assert len(PAYLOADS) >= 50 and len(set(PAYLOADS)) == len(PAYLOADS)


def _fm(fields: dict[str, str], body: str) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body


def make_xss_site(root: Path) -> None:
    content = root / "content"
    text = content / "xss-text"
    text.mkdir(parents=True)
    lines = [f'Witness {i} told reporters "{p}" on Monday.' for i, p in enumerate(PAYLOADS)]
    (text / "raw.txt").write_text("Payloads In Plain Text\n" + "\n".join(PAYLOADS) + "\n" + "\n".join(lines) + "\n")
    md = [f"# {PAYLOADS[0]}"] + [f"- item {p}\n\n{line}\n\n> {p}\n" for p, line in zip(PAYLOADS, lines, strict=True)]
    (text / "markdown.md").write_text("\n\n".join(md) + "\n\n[ref]: javascript:alert(1)\n")
    (text / "event.yaml").write_text(
        yaml.safe_dump({"title": PAYLOADS[0], "summary": PAYLOADS[2], "tags": PAYLOADS[:5]}, allow_unicode=True)
    )
    meta = content / "xss-meta"
    meta.mkdir()
    n = len(PAYLOADS)
    for i in range(n):
        fields = {"title": PAYLOADS[i], "outlet": PAYLOADS[(i + 1) % n], "author": PAYLOADS[(i + 2) % n]}
        fields["url"] = PAYLOADS[(i + 3) % n]
        (meta / f"m{i:02d}.md").write_text(_fm(fields, f"Report {i} says the ferry ran {i} minutes late."))
    names = content / "xss-names"
    names.mkdir()
    safe_names = [p for p in PAYLOADS if "/" not in p and len(p.encode()) < 200]
    for i, p in enumerate(safe_names):
        (names / f"{p}.txt").write_text(f"Dispatch {i} about the harbour closure and the {i} boats affected.")
    for i, p in enumerate(safe_names[:4]):
        (content / p).mkdir()
        (content / p / f"a{i}.md").write_text(f"Folder story {i}: the quay reopened after {i} days.")
    assert len(safe_names) >= 20


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("xss")
    make_xss_site(root)
    (root / "briefgen.yaml").write_text("title: XSS corpus\n")
    with contextlib.redirect_stderr(io.StringIO()) as err:
        code = main(["build", "--config", str(root / "briefgen.yaml")])
    assert code == 0, err.getvalue()
    return root / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


class _Tags(HTMLParser):
    """Collects, from the real tags of a page, event handlers, unsafe URLs and inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                self.bad.append(f"<{tag} {name}>")
            scheme = re.match(r"\s*([a-z][a-z0-9+.-]*):", value or "", re.I)
            if (
                name in ("href", "src", "action", "data", "xlink:href")
                and scheme
                and scheme.group(1).lower() not in WEB
            ):
                self.bad.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed", "base", "svg", "math") or (tag == "script" and "src" not in values):
            self.bad.append(f"<{tag}>")


def test_no_template_injection_and_no_unescaped_markup(site: Path) -> None:
    pages = _pages(site)
    assert len(pages) > 100
    for page in pages:
        html = page.read_text("utf-8")
        for evaluated in EVALUATED:
            assert evaluated not in html, (page, evaluated)
        tags = _Tags()
        tags.feed(html)
        assert tags.bad == [], page
    raw = (site / "xss-text" / "sources" / "raw.html").read_text("utf-8")
    assert "{{ 7*7 }}" in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


def test_embedded_json_cannot_close_the_script() -> None:
    data = {"quote": "</script><script>alert(1)</script>", "x": "<!-- & \u2028"}
    text = json_for_html(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    import json

    assert json.loads(text) == data


@pytest.mark.parametrize("url", [p for p in PAYLOADS if ":" in p] + [" javascript:x", "http:/x", "https://"])
def test_only_http_links_survive(url: str) -> None:
    assert safe_url(url) is None


def test_sanitize_html_keeps_text_and_drops_active_content() -> None:
    for payload in PAYLOADS:
        tags = _Tags()
        tags.feed(sanitize_html(payload))
        assert tags.bad == [], payload
    assert sanitize_html('<p>Hi <a href="https://ex.org">there</a></p>') == (
        '<p>Hi <a href="https://ex.org" rel="noopener nofollow noreferrer">there</a></p>'
    )


def test_csp_meta_is_strict(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in policy.group(1).replace("&#39;", "'").split(";"))
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in policy.group(1) and "'unsafe-eval'" not in directives["script-src"].split()
    assert csp_policy([script_hash("x")]).count("'sha256-") == 1


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serving(site) as url:
        yield url


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


HOOKS = """
window.__xss = 0;
document.addEventListener('securitypolicyviolation', e => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI);
});
"""
DOM_CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc'].includes(a.name)) {
        const url = new URL(a.value, location.href);
        if (!['http:', 'https:'].includes(url.protocol) || a.name === 'srcdoc') bad.push(el.tagName + ' ' + a.value);
      }
    }
  }
  for (const s of document.scripts) {
    if (!s.src || new URL(s.src).origin !== location.origin) bad.push('script ' + s.outerHTML.slice(0, 80));
  }
  for (const tag of ['iframe', 'object', 'embed', 'base', 'form button[formaction]', 'meta[http-equiv=refresh]']) {
    if (document.querySelector(tag)) bad.push(tag);
  }
  return {bad, xss: window.__xss, csp: window.__csp || [], text: document.body.innerText};
}"""


def _visit(browser: Any, server: str, site: Path, bypass_csp: bool) -> tuple[list[str], str]:
    context = browser.new_context(bypass_csp=bypass_csp)
    context.add_init_script(HOOKS)
    fired: list[str] = []
    texts: list[str] = []
    host = server.rstrip("/")

    def outside(route: Any) -> None:
        fired.append("request " + route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(host), outside)
    page = context.new_page()
    page.on("dialog", lambda d: (fired.append(f"dialog {d.message}"), d.dismiss()))
    page.on("console", lambda m: fired.append("console " + m.text) if "XSS" in m.text else None)
    page.on("pageerror", lambda e: fired.append(f"pageerror {e}") if "alert" in str(e) else None)
    for path in _pages(site):
        rel = path.relative_to(site).as_posix()
        page.goto(server + "/".join(map(_quote, rel.split("/"))), wait_until="load")
        page.wait_for_timeout(30)
        for el in page.query_selector_all("[tabindex], a, input, button")[:5]:  # focus/blur handlers
            el.focus()
        result = page.evaluate(DOM_CHECK)
        fired.extend(f"{rel}: {b}" for b in result["bad"])
        if result["xss"]:
            fired.append(f"{rel}: window.__xss set")
        if not bypass_csp:
            fired.extend(f"{rel}: CSP violation {v}" for v in result["csp"])
        texts.append(result["text"])
    context.close()
    return fired, "\n".join(texts)


def _quote(part: str) -> str:
    from urllib.parse import quote

    return quote(part, safe="")


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["escaping-only", "with-csp"])
@pytest.mark.slow
def test_no_payload_executes_in_chromium(browser: Any, server: str, site: Path, bypass_csp: bool) -> None:
    fired, text = _visit(browser, server, site, bypass_csp)
    assert fired == []
    normalised = " ".join(text.split())
    for payload in PAYLOADS:  # every payload reached the pages as text
        assert " ".join(payload.split()) in normalised, payload


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["escaping-only", "with-csp"])
@pytest.mark.parametrize(
    "html", ["<img src=x onerror=alert(1)>", "<script>window.__xss=1</script>", "<a href='javascript:x'>x</a>"]
)
@pytest.mark.slow
def test_the_hooks_catch_a_real_injection(browser: Any, tmp_path: Path, bypass_csp: bool, html: str) -> None:
    """Control: the same visit reports an unescaped payload, so a silent run above means nothing ran."""
    csp = f"<meta http-equiv='Content-Security-Policy' content=\"{csp_policy()}\">"
    (tmp_path / "page.html").write_text(f"<!doctype html>{csp}<body>{html}</body>")
    with serving(tmp_path) as url:
        fired, _ = _visit(browser, url, tmp_path, bypass_csp)
    assert fired
