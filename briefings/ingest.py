"""Paths → RawArticle: find article files, refuse bad ones, read their metadata.

Formats: .txt (first line is the title), .md, .html (main text and metadata through
trafilatura), .json (title, text, url, outlet, author, published). Front matter between
`---` lines, or a sidecar `NAME.meta.json`, adds metadata to any of them.
"""

from __future__ import annotations

import errno
import json
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

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
    title, heading = meta.pop("title", ""), ""
    if suffix in (".md", ".markdown"):
        heading, body = _markdown_title(text)
        text = markdown_to_text(body)
    elif not title:
        heading, text = _first_line_title(text)  # with a title given, line one is the lead
    return _raw(text, title=title or heading, path=str(path), meta=meta)


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
            meta[field] = (_date(value) or value) if field == "published" else value
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


def parse_html(
    html: str,
    *,
    path: str | None = None,
    url: str | None = None,
    meta: dict[str, str] | None = None,
) -> RawArticle:
    """Main text and metadata of a web page, through trafilatura's extractor.

    What the page states outright (OpenGraph, JSON-LD, `<link rel="canonical">`) wins over
    trafilatura's guesses, which fall back to the host name for the site and keep only the
    day of a timestamp. Metadata already in `meta` (front matter, sidecar) wins over both.
    """
    import trafilatura

    if _ENTITY_DECLARATION.search(html):
        raise InputError(
            path or url or "page",
            "HTML that declares its own entities (<!ENTITY>), as an entity-expansion "
            "bomb does; web pages never need to",
        )
    meta = dict(meta or {})
    tree = trafilatura.load_html(html)
    page = _page_metadata(tree) if tree is not None else _PageMetadata()
    result = trafilatura.bare_extraction(
        tree if tree is not None else html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    # A dict comes back only with as_dict=True, which this call does not ask for.
    found: dict[str, Any] = (
        {} if result is None else result if isinstance(result, dict) else result.as_dict()
    )
    text = found.get("text") or ""
    if not text.strip():
        raise InputError(path or url or "page", "no article text found in this HTML page")
    parts = _title_parts(page.title_tag)
    title = _headline(str(found.get("title") or ""), parts)
    sitename = str(found.get("sitename") or "")
    for key, value in (
        ("title", title),
        ("author", found.get("author") or page.byline),
        ("published", page.published or found.get("date")),
        ("outlet", page.site or _unless_host(sitename) or _title_site(parts, title)),
        ("url", _canonical_url(page.canonical, url)),
    ):
        if value and not meta.get(key):
            meta[key] = str(value).strip()
    title = meta.pop("title", "") or ""
    return _raw(text, title=title, path=path, meta=meta, from_html=True, url=url)


_ENTITY_DECLARATION = re.compile(r"<!ENTITY\b", re.I)


@dataclass(frozen=True)
class _PageMetadata:
    """What a page says about itself in its markup, read before trafilatura prunes the tree."""

    title_tag: str = ""
    site: str | None = None
    published: str | None = None
    canonical: tuple[str, ...] = ()
    byline: str | None = None


_ARTICLE_TYPES = ("Article", "BlogPosting")  # NewsArticle, ReportageNewsArticle, BlogPosting…
_SITE_TYPES = ("WebSite", "Organization", "NewsMediaOrganization")
_TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014\u00b7\u2022-]\s+|\s*::\s*")
_BYLINE = re.compile(
    r"^(?i:by)\s+([A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){1,3})\s*(?:$|[,|(])"
)


def _page_metadata(tree: Any) -> _PageMetadata:
    metas: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        if key.strip() and (element.get("content") or "").strip():
            metas.setdefault(key.strip().lower(), element.get("content").strip())
    linked = _json_ld(tree)
    article = next((o for o in linked if _typed(o, _ARTICLE_TYPES)), {})
    site = metas.get("og:site_name") or _name(article.get("publisher"))
    site = site or next((_name(o) for o in linked if _typed(o, _SITE_TYPES)), None)
    published = _iso_timestamp(str(article.get("datePublished") or ""))
    for key in ("article:published_time", "datepublished"):
        published = published or _iso_timestamp(metas.get(key, ""))
    canonical = [
        link.get("href") or ""
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    return _PageMetadata(
        title_tag=" ".join((tree.findtext(".//title") or "").split()),
        site=site,
        published=published,
        canonical=tuple(c for c in (*canonical, metas.get("og:url", "")) if c.strip()),
        byline=_byline(tree),
    )


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, `@graph` members included; bad JSON is skipped."""
    found: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):  # RecursionError: nested thousands deep
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                stack.extend(item.get("@graph") or [])
    return found


def _typed(item: dict[str, Any], suffixes: tuple[str, ...]) -> bool:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.endswith(suffixes) for k in kinds)


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _iso_timestamp(value: str) -> str | None:
    """ISO 8601 in UTC when the page gives a zone; a bare date (or local time) → the date.

    >>> _iso_timestamp("2025-07-22T16:45:00+01:00"), _iso_timestamp("2025-07-22")
    ('2025-07-22T15:45:00+00:00', '2025-07-22')
    """
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if len(value.strip()) <= 10 or moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def _date(value: str) -> str | None:
    """A date as people type it in a header, in ISO form; None when it is not one.

    >>> _date("20 November 2026"), _date("Nov 20, 2026"), _date("Fri, 20 Nov 2026 08:00:00 GMT")
    ('2026-11-20', '2026-11-20', '2026-11-20T08:00:00+00:00')
    """
    if found := _iso_timestamp(value):
        return found
    for form in ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%A %d %B %Y"):
        try:
            return datetime.strptime(value.strip(), form).date().isoformat()
        except ValueError:
            pass
    try:
        return _iso_timestamp(parsedate_to_datetime(value).isoformat())
    except (TypeError, ValueError):
        return None


def _byline(tree: Any) -> str | None:
    """'By Dorothy Marsh, 17 January 2025' near the top of the page → 'Dorothy Marsh'."""
    texts = tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    for text in texts[:200]:
        if match := _BYLINE.match(" ".join(str(text).split())):
            return match.group(1)
    return None


def _title_parts(title_tag: str) -> list[str]:
    return [part.strip() for part in _TITLE_SEPARATOR.split(title_tag) if part.strip()]


def _headline(title: str, parts: list[str]) -> str:
    """The headline, not the site name, from `Site - Headline` or `Headline | Site` titles."""
    longest = max(parts, key=len, default="")
    if len(parts) > 1 and (not title or (title in parts and len(title) < len(longest))):
        return longest
    return title or longest


def _title_site(parts: list[str], headline: str) -> str | None:
    """The site name is the part of the title at the far end from the headline."""
    if len(parts) < 2 or headline not in parts:
        return None
    return parts[-1] if parts.index(headline) == 0 else parts[0]


def _unless_host(name: str) -> str | None:
    """trafilatura falls back to the host name ('127.0.0.1:8000'): not an outlet's name."""
    return None if not name or (" " not in name and ("." in name or ":" in name)) else name


def _canonical_url(candidates: tuple[str, ...], fetched: str | None) -> str | None:
    """The page's canonical address (link rel=canonical, then og:url), if it can be believed.

    Why: AMP, mobile and tracking-laden copies name their one true article this way, so
    using it groups duplicates and gives clean links. But any page can claim any address,
    and believing a claim to another site would let a copy pose as that outlet's article:
    so only an http(s) address on the fetched page's own registrable site (bbc.co.uk for
    www.bbc.co.uk) is taken; otherwise the fetched URL stays. A local file has no fetched
    URL to compare with, so its absolute canonical link is taken as it is.
    """
    for candidate in candidates:
        absolute = urljoin(fetched, candidate.strip()) if fetched else candidate.strip()
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
            continue
        if fetched is None or _registrable(absolute) == _registrable(fetched):
            return absolute
    return None


def _registrable(url: str) -> str | None:
    """'https://amp.example.co.uk/x' → 'example.co.uk' (public suffix list); else the host."""
    import tld

    return tld.get_fld(url, fail_silently=True) or urlsplit(url).hostname


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
