"""RawArticle: an article as read from a file, a page or a feed, before cleaning."""

from __future__ import annotations

from dataclasses import dataclass, field

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


def raw_article(
    text: str,
    *,
    title: str,
    path: str | None,
    meta: dict[str, str],
    from_html: bool = False,
    url: str | None = None,
) -> RawArticle:
    """A RawArticle from what a reader found: a `url` in `meta` wins, empty fields go."""
    url = meta.pop("url", None) or url
    return RawArticle(
        text=text,
        title=title.strip(),
        path=path,
        url=url,
        meta={k: v for k, v in meta.items() if v},
        from_html=from_html,
    )
