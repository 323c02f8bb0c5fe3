"""Paths → RawArticle: find article files, refuse bad ones, read their metadata.

Formats: .txt (first line is the title), .md, .html (main text and metadata through
trafilatura: `pages`), .json (title, text, url, outlet, author, published). Front matter between
`---` lines, or a sidecar `NAME.meta.json`, adds metadata to any of them. An article that
none of these dates takes its published date from an ISO date in its file name, as archives
and scrapers name files (`times_2026-03-04_budget.txt`).
"""

from __future__ import annotations

import errno
import json
import re
import stat
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .config import EngineConfig
from .dates import valid_date
from .errors import InputError
from .pages import iso_date, parse_html
from .raw import META_FIELDS, RawArticle, raw_article

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json")


def find_article_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Expand folders into article files, reporting paths that hold none."""
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, unreadable = [], []
            for p in sorted(path.rglob("*")):
                if not _is_article_name(p) or _hidden(p.relative_to(path)):
                    continue
                if p.is_file():
                    found.append(p)
                elif reason := _not_a_file(p):
                    unreadable.append(InputError(str(p), reason))
            if not found and not unreadable:
                errors.append(InputError(str(path), "no articles here (.txt, .md, .html, .json)"))
            files.extend(found)
            errors.extend(unreadable)
        elif reason := _not_a_file(path):
            errors.append(InputError(str(path), reason))
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
    raw = _read_article(path, config or EngineConfig())
    if not raw.meta.get("published") and (named := date_from_name(path.name)):
        return replace(raw, meta={**raw.meta, "published": named})
    return raw


def date_from_name(name: str) -> str | None:
    """The ISO date a file name carries ('nyt_2026-03-04_budget.txt', 'memo-20260304.md'),
    the last resort for an undated article: archives name files by publication day. An
    8-digit date counts only between separators, so an id ('case1234567890') is none.

    >>> date_from_name("herald_2026-03-04_budget.txt"), date_from_name("a_20260304.txt")
    ('2026-03-04', '2026-03-04')
    >>> date_from_name("2026-13-40.txt"), date_from_name("id120260304.txt")
    (None, None)
    """
    for pattern in _NAMED_DATES:
        for match in pattern.finditer(name):
            if day := valid_date(*(int(match.group(g)) for g in ("y", "m", "d"))):
                return day.isoformat()
    return None


_NAMED_DATES = (
    re.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})(?![0-9])"),
    re.compile(
        r"(?:^|(?<=[\s_.-]))(?P<y>(?:19|20)[0-9]{2})(?P<m>[0-9]{2})(?P<d>[0-9]{2})(?=[\s_.-]|$)"
    ),
)
"""'2026-03-04' anywhere not inside a longer number; '20260304' only between separators."""


def _read_article(path: Path, config: EngineConfig) -> RawArticle:
    text = read_text(path, config)
    meta = _sidecar(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _from_json(path, text, meta)
    front, text = split_front_matter(text)
    meta = {**meta, **front}
    if suffix in (".html", ".htm"):
        return parse_html(text, path=str(path), meta=meta)
    title, heading = meta.pop("title", ""), ""
    if suffix in (".md", ".markdown"):
        heading, body = _markdown_title(text)
        text = markdown_to_text(body)
    elif not title:
        heading, text = first_line_title(text)  # with a title given, line one is the lead
    return raw_article(text, title=title or heading, path=str(path), meta=meta)


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
    """Decode article bytes as UTF-8 (or UTF-16/32 when a byte-order mark says so, as
    Windows tools save "Unicode" text), refusing empty, binary and mis-encoded data."""
    if not data.strip():
        raise InputError(name, "empty file: nothing to brief")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                data = data[len(bom) :].decode(encoding).encode("utf-8")
            except UnicodeDecodeError as error:
                raise InputError(
                    name, f"not valid {encoding.upper()} text despite its byte-order mark"
                ) from error
            break
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


_BOMS = (  # UTF-32's marks start with UTF-16's, so they are tried first
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Metadata at the top of a file → (metadata, rest): between `---` lines, or a bare block
    of `Key: value` lines ended by a blank line, as copied from a news database or an email.

    >>> split_front_matter("Headline: Lanes approved\\nSource: Leeds Echo\\n\\nThe council…")
    ({'title': 'Lanes approved', 'outlet': 'Leeds Echo'}, 'The council…')
    >>> split_front_matter("Westminster: the vote is today.\\n\\nMore.")[0]
    {}
    """
    fenced = re.match(r"\A---\s*\n(.*?)\n---\s*\n", text, re.S)
    bare = re.match(r"\A\s*((?:[A-Za-z][\w -]{0,20}:[^\n]*\n)+)\s*\n", text)
    block = fenced or bare
    if not block:
        return {}, text
    meta: dict[str, str] = {}
    for line in block.group(1).splitlines():
        key, sep, value = line.partition(":")
        field = _META_ALIASES.get(key.strip().lower())
        value = value.strip().strip("'\"")
        if sep and field and value:
            meta[field] = (iso_date(value) or value) if field == "published" else value
    if bare and not fenced and (not meta or len(meta) < len(block.group(1).splitlines())):
        return {}, text  # a bare block counts only when every line is a field we know
    return meta, text[block.end() :]


_META_ALIASES = {name: name for name in META_FIELDS} | {
    "headline": "title",
    "source": "outlet",
    "publisher": "outlet",
    "publication": "outlet",
    "site": "outlet",
    "date": "published",
    "published at": "published",
    "link": "url",
    "canonical": "url",
    "by": "author",
    "byline": "author",
}


def markdown_to_text(text: str) -> str:
    """Markdown → plain paragraphs: links keep their words, emphasis marks go."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    text = re.sub(r"^\s*[*+]\s+", "- ", text, flags=re.M)
    return text


def _from_json(path: Path, text: str, meta: dict[str, str]) -> RawArticle:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"not valid JSON ({error.msg}, line {error.lineno})") from error
    except RecursionError as error:
        raise InputError(str(path), "JSON nested too deeply to be an article") from error
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError(str(path), 'JSON article needs an object with a "text" string')
    if not data["text"].strip():
        raise InputError(str(path), "empty article text")
    for key in META_FIELDS:
        if isinstance(data.get(key), str) and data[key].strip():
            meta.setdefault(key, data[key].strip())
    title = meta.pop("title", "")
    return raw_article(data["text"], title=title, path=str(path), meta=meta)


def first_line_title(text: str) -> tuple[str, str]:
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
    return first_line_title(text)


def _sidecar(path: Path) -> dict[str, str]:
    for candidate in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if candidate.is_file() and candidate != path:
            try:
                data = json.loads(candidate.read_text("utf-8"))
            except (OSError, ValueError, RecursionError):
                return {}
            if not isinstance(data, dict):
                return {}
            return {k: str(v) for k, v in data.items() if k in META_FIELDS and v}
    return {}


def _not_a_file(path: Path) -> str | None:
    """Why an existing path that is neither a file nor a folder cannot be read (never
    opened: a FIFO would block the run); None for files, folders and missing paths."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link loop, not a file"
        if path.is_symlink():
            return "a symbolic link to nothing (its target is missing)"
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket or device"
    return f"{kind}, not a regular file"


def _is_article_name(path: Path) -> bool:
    name = path.name.lower()
    return path.suffix.lower() in ARTICLE_SUFFIXES and not name.endswith(".meta.json")


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "_")) for part in relative.parts)
