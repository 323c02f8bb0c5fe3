"""One exception tree for the engine; every message says what to do.

BriefingError
├── InputError(path, reason)      a file that cannot be read as an article
├── NoArticlesError               nothing usable to brief
├── DownloadError(url, reason)    a URL or feed that could not be fetched
└── ConfigError                   a bad story or engine setting
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base class: catch this at the edge and show `str(error)` to the user."""


class InputError(BriefingError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NoArticlesError(BriefingError):
    pass


class DownloadError(BriefingError):
    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class ConfigError(BriefingError):
    pass
