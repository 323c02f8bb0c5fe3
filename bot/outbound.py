"""Outbound HTTP, one policy for every client the bot makes.

- **Platform calls** (Slack's Web API and file uploads, `bot.slack.client`; Teams Workflows
  webhooks and Microsoft Graph's team owners, `platform_client`) go through the proxy the
  settings name (`HTTPS_PROXY`, minus the hosts in `NO_PROXY`), read once by `bot.settings`;
  the clients built here read no proxy variables of their own. (Slack's and Microsoft's
  SDKs read the same standard variables themselves, so they agree.)
- **Article fetches** (`briefings.fetch`: links, feeds) never use a proxy, whatever the
  settings or the environment say: the SSRF guard vets the address each connection goes
  to, and through a proxy that would be the proxy's address, the page's host resolved
  where nothing checks it.
"""

from __future__ import annotations

import ipaddress
import urllib.request
from functools import cache
from urllib.parse import urlsplit

import httpx

from briefings import FetchPolicy

from .settings import Settings


def fetch_policy(settings: Settings) -> FetchPolicy:
    """How articles are fetched: never through a proxy (FetchPolicy has no such option)."""
    return FetchPolicy(
        allow_loopback=settings.allow_loopback, timeout=float(settings.fetch_timeout_seconds)
    )


def proxy_for(settings: Settings, url: str) -> str | None:
    """The proxy a platform call to `url` goes through, or None to connect directly."""
    if not settings.https_proxy:
        return None
    host = (urlsplit(url).hostname or "").lower()
    for entry in _no_proxy_hosts(settings.no_proxy):
        if entry == "*" or host == entry or host.endswith("." + entry):
            return None
    return settings.https_proxy


def platform_client(settings: Settings, *, timeout: float = 10.0) -> httpx.Client:
    """An httpx client for platform calls to any host (webhook URLs vary)."""
    mounts: dict[str, httpx.BaseTransport | None] = {}
    if settings.https_proxy:
        # None: hosts in NO_PROXY fall back to the client's direct transport.
        mounts = {_pattern(host): None for host in _no_proxy_hosts(settings.no_proxy)}
    return httpx.Client(
        timeout=timeout, trust_env=False, proxy=settings.https_proxy, mounts=mounts or None
    )


def post_bytes(url: str, data: bytes, *, timeout: float, proxy: str | None) -> int:
    """POST raw bytes (Slack's upload step) through `proxy` or directly; the HTTP status."""
    request = urllib.request.Request(url, data=data, method="POST")
    with _opener(proxy).open(request, timeout=timeout) as response:
        return int(response.status)


@cache
def _opener(proxy: str | None) -> urllib.request.OpenerDirector:
    """One opener per proxy, shared (as urllib's own `urlopen` shares one): building one
    costs more CPU than a loopback upload (bench/digest_cpu.py)."""
    proxies = {"http": proxy, "https": proxy} if proxy else {}
    return urllib.request.build_opener(urllib.request.ProxyHandler(proxies))


def _no_proxy_hosts(no_proxy: str) -> list[str]:
    return [h.strip().lstrip(".").lower() for h in no_proxy.split(",") if h.strip()]


def _pattern(host: str) -> str:
    """httpx's mount pattern for one NO_PROXY entry: a domain covers its subdomains."""
    if host == "*":
        return "all://"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return f"all://*{host}" if host != "localhost" else "all://localhost"
    return f"all://{host}"
