"""Paths → RawArticle: find article files, refuse bad ones, read their metadata.

Formats: .txt (first line is the title), .md, .html (main text and metadata through
trafilatura), .json (title, text, url, outlet, author, published). Front matter between
`---` lines, or a sidecar `NAME.meta.json`, adds metadata to any of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .config import EngineConfig
from .errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json")
META_FIELDS = ("title", "url", "outlet", "author", "published", "kind")


@dataclass(frozen=True)
class RawArticle:
    """An article as read, before cleaning: text plus whatever metadata came with it."""

    text: str
    title: str = ""
    path: str | None = None
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    from_html: bool = False


def find_article_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Expand folders into article files, reporting paths that hold none."""
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and _is_article_name(p) and not _hidden(p.relative_to(path))
            )
            if not found:
                errors.append(InputError(str(path), "no articles here (.txt, .md, .html, .json)"))
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                files.append(path)
            else:
                errors.append(
                    InputError(
                        str(path),
                        f"unsupported file type {path.suffix or '(none)'}; "
                        "use .txt, .md, .html or .json",
                    )
                )
        else:
            errors.append(InputError(str(path), "no such file or folder"))
    return files, errors


def load_articles(
    paths: Iterable[str | Path], config: EngineConfig | None = None
) -> tuple[list[RawArticle], list[InputError]]:
    """Read every article under `paths`; bad files become errors and the rest go on."""
    config = config or EngineConfig()
    files, errors = find_article_files(paths)
    articles: list[RawArticle] = []
    for path in files:
        try:
            articles.append(read_article(path, config))
        except InputError as error:
            errors.append(error)
    return articles, errors


def read_article(path: Path, config: EngineConfig | None = None) -> RawArticle:
    """Read one file, or raise InputError saying why it cannot be an article."""
    config = config or EngineConfig()
    text = read_text(path, config)
    meta = _sidecar(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _from_json(path, text, meta)
    front, text = split_front_matter(text)
    meta = {**meta, **front}
    if suffix in (".html", ".htm"):
        return parse_html(text, path=str(path), meta=meta)
    if suffix in (".md", ".markdown"):
        title, body = _markdown_title(text)
        text = markdown_to_text(body)
    else:
        title, text = _first_line_title(text)
    title = meta.pop("title", None) or title
    return _raw(text, title=title, path=str(path), meta=meta)


def read_text(path: Path, config: EngineConfig) -> str:
    """Bytes → str with the checks that give a clear message for each bad input."""
    try:
        size = path.stat().st_size
        if size > config.max_file_bytes:
            raise InputError(
                str(path),
                f"too large ({size / 1e6:.1f} MB; the limit is "
                f"{config.max_file_bytes / 1e6:.0f} MB): is it really one article?",
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot be read ({error.strerror})") from error
    return decode_text(data, str(path))


def decode_text(data: bytes, name: str) -> str:
    """Decode article bytes as UTF-8, refusing empty, binary and mis-encoded data."""
    if not data.strip():
        raise InputError(name, "empty file: nothing to brief")
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file, not text (a PDF, image or archive?)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            name,
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "re-save it as UTF-8",
        ) from error
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:8192]) * 0.05:
        raise InputError(name, "binary file, not text (too many control characters)")
    if not text.strip():
        raise InputError(name, "empty file: nothing to brief")
    return text


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """`---\\nkey: value\\n---` at the top of a file → (metadata, rest)."""
    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n", text, re.S)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in META_FIELDS:
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta, text[match.end() :]


def parse_html(
    html: str,
    *,
    path: str | None = None,
    url: str | None = None,
    meta: dict[str, str] | None = None,
) -> RawArticle:
    """Main text and metadata of a web page, through trafilatura's extractor."""
    import trafilatura

    meta = dict(meta or {})
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    found = result.as_dict() if result is not None else {}
    text = found.get("text") or ""
    if not text.strip():
        raise InputError(path or url or "page", "no article text found in this HTML page")
    for ours, theirs in (
        ("title", "title"),
        ("author", "author"),
        ("published", "date"),
        ("outlet", "sitename"),
        ("url", "url"),
    ):
        if found.get(theirs) and not meta.get(ours):
            meta[ours] = str(found[theirs])
    title = meta.pop("title", "") or ""
    return _raw(text, title=title, path=path, meta=meta, from_html=True, url=url)


def markdown_to_text(text: str) -> str:
    """Markdown → plain paragraphs: links keep their words, emphasis marks go."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    text = re.sub(r"^\s*[*+]\s+", "- ", text, flags=re.M)
    return text


def _raw(
    text: str,
    *,
    title: str,
    path: str | None,
    meta: dict[str, str],
    from_html: bool = False,
    url: str | None = None,
) -> RawArticle:
    url = meta.pop("url", None) or url
    return RawArticle(
        text=text,
        title=title.strip(),
        path=path,
        url=url,
        meta={k: v for k, v in meta.items() if v},
        from_html=from_html,
    )


def _from_json(path: Path, text: str, meta: dict[str, str]) -> RawArticle:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"not valid JSON ({error.msg}, line {error.lineno})") from error
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError(str(path), 'JSON article needs an object with a "text" string')
    if not data["text"].strip():
        raise InputError(str(path), "empty article text")
    for key in META_FIELDS:
        if isinstance(data.get(key), str) and data[key].strip():
            meta.setdefault(key, data[key].strip())
    title = meta.pop("title", "")
    return _raw(data["text"], title=title, path=str(path), meta=meta)


def _first_line_title(text: str) -> tuple[str, str]:
    """The first non-blank line is the title; a long first line is also the lead."""
    lines = text.lstrip().splitlines()
    first = lines[0].strip() if lines else ""
    rest = "\n".join(lines[1:])
    if len(first.split()) > 30:
        return first, text
    return first, rest


def _markdown_title(text: str) -> tuple[str, str]:
    match = re.search(r"^#\s+(.+)$", text, re.M)
    if match and not text[: match.start()].strip():
        return match.group(1).strip(), text[match.end() :]
    return _first_line_title(text)


def _sidecar(path: Path) -> dict[str, str]:
    for candidate in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if candidate.is_file() and candidate != path:
            try:
                data = json.loads(candidate.read_text("utf-8"))
            except (OSError, ValueError):
                return {}
            return {k: str(v) for k, v in data.items() if k in META_FIELDS and v}
    return {}


def _is_article_name(path: Path) -> bool:
    name = path.name.lower()
    return path.suffix.lower() in ARTICLE_SUFFIXES and not name.endswith(".meta.json")


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "_")) for part in relative.parts)
