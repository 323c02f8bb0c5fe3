"""HTML page → RawArticle: the main text through trafilatura, and what the page says about
itself (OpenGraph, JSON-LD, canonical link, byline) read from its markup first."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from .errors import InputError
from .raw import RawArticle, raw_article


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
    return raw_article(text, title=title, path=path, meta=meta, from_html=True, url=url)


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


def iso_date(value: str) -> str | None:
    """A date as people type it in a header, in ISO form; None when it is not one.

    >>> iso_date("20 November 2026"), iso_date("Nov 20, 2026")
    ('2026-11-20', '2026-11-20')
    >>> iso_date("Fri, 20 Nov 2026 08:00:00 GMT")
    '2026-11-20T08:00:00+00:00'
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
