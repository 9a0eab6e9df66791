"""Stage 2, parse: SourceFile -> Article (text blocks and sentences with stable ids)."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

from briefgen.clean import boilerplate_flags
from briefgen.frontmatter import split_front_matter
from briefgen.load import MAX_ARTICLE_CHARS
from briefgen.models import Article, Block, BlockKind, Problem, Sentence, SourceFile
from briefgen.sentences import split_sentences
from briefgen.textmeta import text_meta
from briefgen.webpage import PageError, WebPage, furniture_flags, read_page

HTML_SUFFIXES = (".html", ".htm")

_MD = MarkdownIt("commonmark", {"html": True})  # parsed so raw HTML can be dropped
_TEXT_TOKENS = frozenset({"paragraph_open", "heading_open"})  # with leaf tokens (nesting 0), what holds text
_HAS_TEXT = re.compile(r"\w")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:")
_BLOCK_KINDS: dict[str, BlockKind] = {
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "blockquote_open": "quote",
    "list_item_open": "item",
}


def _inline_text(token: Any) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def markdown_blocks(body: str) -> list[tuple[BlockKind, str]]:
    """Markdown -> (kind, plain text) blocks. Raw HTML tags are dropped, never passed through."""
    return _token_blocks(_MD.parse(body))


def _lost_line(body: str, tokens: list[Any]) -> int | None:
    """0-based line of the first text line no block covers: markdown-it drops what nests past maxNesting."""
    covered = bytearray(body.count("\n") + 1)
    for token in tokens:
        if token.map and (token.type in _TEXT_TOKENS or token.nesting == 0):
            covered[token.map[0] : token.map[1]] = b"\1" * (token.map[1] - token.map[0])
    for i, line in enumerate(body.split("\n")):
        if not covered[i] and _HAS_TEXT.search(line) and not _LINK_DEFINITION.match(line):
            return i
    return None


def checked_markdown_blocks(
    body: str, path: str, first_line: int, problems: list[Problem]
) -> list[tuple[BlockKind, str]]:
    """markdown_blocks, or plain-text blocks (reported) when the markdown nests too deep to be read whole."""
    try:
        tokens = _MD.parse(body)
        lost = _lost_line(body, tokens)
    except RecursionError:
        tokens, lost = [], 0
    if lost is None:
        return _token_blocks(tokens)
    message = f"markdown nests deeper than {_MD.options['maxNesting']} levels; read as plain text"
    problems.append(Problem(path, message, first_line + lost, "warning"))
    return text_blocks(body)


def _token_blocks(tokens: list[Any]) -> list[tuple[BlockKind, str]]:
    blocks: list[tuple[BlockKind, str]] = []
    stack: list[BlockKind] = []
    for token in tokens:
        if token.type in _BLOCK_KINDS:
            stack.append(_BLOCK_KINDS[token.type])
        elif token.type.endswith("_close") and token.type.replace("_close", "_open") in _BLOCK_KINDS:
            stack.pop()
        elif token.type == "inline":
            kind: BlockKind = "paragraph"
            for k in reversed(stack):
                if k != "paragraph":
                    kind = k
                    break
            if stack and stack[-1] == "heading":
                kind = "heading"
            text = _inline_text(token).strip()
            if text:
                blocks.append((kind, text))
        elif token.type in ("fence", "code_block"):
            text = token.content.strip()
            if text:
                blocks.append(("paragraph", text))
    return blocks


def text_blocks(body: str) -> list[tuple[BlockKind, str]]:
    """Plain text: every non-empty line is a paragraph."""
    return [("paragraph", line.strip()) for line in body.split("\n") if line.strip()]


def _looks_like_title(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 20 or len(line) > 160:
        return False
    if line.rstrip()[-1:] not in '.!?"\u201d':
        return True
    capitals = sum(1 for w in words if w[:1].isupper())
    return capitals >= 0.6 * len(words)


def _within_limit(
    blocks: list[tuple[BlockKind, str]], path: str, problems: list[Problem]
) -> list[tuple[BlockKind, str]]:
    """A page's blocks up to MAX_ARTICLE_CHARS of text (a text file is cut when loaded); a cut is reported."""
    total = 0
    for i, (_, text) in enumerate(blocks):
        total += len(text) + 2
        if total > MAX_ARTICLE_CHARS and i:
            message = f"article has more than {MAX_ARTICLE_CHARS:,} characters; only the first {i} blocks are used"
            problems.append(Problem(path, message, None, "warning"))
            return blocks[:i]
    return blocks


def parse_source(source: SourceFile, problems: list[Problem]) -> Article:
    """Split front matter, turn the body into blocks and sentences with stable ids."""
    text = source.text.replace("\r\n", "\n").replace("\r", "\n")
    fm = split_front_matter(text, source.path, problems)
    page = WebPage(())
    if source.suffix in HTML_SUFFIXES:
        try:
            page = read_page(fm.body, fm.fields.get("url"))
        except PageError as err:
            problems.append(Problem(source.path, f"{err}; skipped", None, "warning"))
        raw_blocks = _within_limit(list(page.blocks), source.path, problems)
    elif source.suffix == ".txt":
        raw_blocks = text_blocks(fm.body)
    else:
        raw_blocks = checked_markdown_blocks(fm.body, source.path, fm.body_line, problems)
    title = fm.fields.get("title") or page.title
    if title is None and raw_blocks:
        kind, first = raw_blocks[0]
        if kind == "heading" or (len(raw_blocks) > 1 and _looks_like_title(first)):
            title = first.rstrip(".")
    parts: list[str] = []
    sentences: list[Sentence] = []
    blocks: list[Block] = []
    offset = 0
    texts = [re.sub(r"\s+", " ", block_text) for _, block_text in raw_blocks]
    spans = [split_sentences(t) for t in texts]
    split = [[t[a:z] for a, z in sp] for t, sp in zip(texts, spans, strict=True)]
    if source.suffix in HTML_SUFFIXES:
        flags = furniture_flags([(kind, sents) for (kind, _), sents in zip(raw_blocks, split, strict=True)])
    else:
        flags = boilerplate_flags(split)
    for b, ((kind, _), block_text) in enumerate(zip(raw_blocks, texts, strict=True)):
        ids = []
        for (start, end), flag in zip(spans[b], flags[b], strict=True):
            ids.append(len(sentences))
            sentences.append(Sentence(len(sentences), block_text[start:end], offset + start, offset + end, b, flag))
        blocks.append(Block(kind, tuple(ids)))
        parts.append(block_text)
        offset += len(block_text) + 2
    if not sentences and source.suffix not in HTML_SUFFIXES:  # a page says why it has no text
        problems.append(Problem(source.path, "no article text; skipped", fm.body_line, "warning"))
    stated = text_meta(texts)
    published = fm.fields.get("published") or page.published or stated.published
    return Article(
        id=source.id,
        event=source.event,
        path=source.path,
        title=title,
        outlet=fm.fields.get("outlet") or page.outlet or stated.outlet,
        url=fm.fields.get("url") or page.url,
        published=published[:10] if published else None,
        author=fm.fields.get("author") or page.author or stated.author,
        text="\n\n".join(parts),
        sentences=tuple(sentences),
        blocks=tuple(blocks),
        sha256=source.sha256,
    )
