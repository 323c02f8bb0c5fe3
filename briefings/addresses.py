"""Which addresses a fetch may reach: the SSRF guard's questions, asked of every hop.

A URL's host is resolved once here and each of its addresses vetted; the caller then
connects to a vetted address, never to a second DNS answer (rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

import httpx

from .errors import DownloadError

Resolver = Callable[[str, int], list[str]]


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


_REFUSED_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "100.64.0.0/10",  # shared address space (carrier-grade NAT)
        "64:ff9b:1::/48",  # local-use NAT64
        "fd00:ec2::254/128",  # AWS metadata over IPv6 (also in fc00::/7; named for clarity)
    )
)


def is_public_address(ip: str) -> bool:
    """True only for an address on the public internet: the SSRF guard's one question.

    Why more than `is_global`: Python's table differs between versions, calls multicast
    global, and does not look inside IPv6 forms that carry an IPv4 address (mapped, NAT64,
    6to4), which reach that IPv4 address.

    >>> is_public_address("93.184.216.34"), is_public_address("169.254.169.254")
    (True, False)
    """
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public_address(str(embedded))
    odd = (address.is_private, address.is_loopback, address.is_link_local, address.is_multicast,
           address.is_reserved, address.is_unspecified)  # fmt: skip
    return address.is_global and not any(odd) and not any(address in n for n in _REFUSED_NETWORKS)


def vet_url(
    url: str, allow_loopback: bool, resolve: Resolver | None = None, *, asked: str | None = None
) -> tuple[str, list[str]]:
    """(ASCII host name, its vetted IP addresses), or DownloadError naming what is wrong."""
    asked = asked or url
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as error:
        raise DownloadError(asked, "that is not a valid web address") from error
    if parsed.scheme not in ("http", "https"):
        raise DownloadError(
            asked, "only web addresses starting with http:// or https:// can be added"
        )
    if parsed.userinfo:
        raise DownloadError(
            asked,
            "web addresses with a user name or password are not accepted: remove the part before @",
        )
    host = parsed.raw_host.decode("ascii").lower().rstrip(".")
    if not host:
        raise DownloadError(asked, "that web address has no site name")
    if is_ip(host):
        addresses = [host]
    else:
        try:
            addresses = list(dict.fromkeys((resolve or resolve_host)(host, parsed.port or 0)))
        except (socket.gaierror, UnicodeError):
            addresses = []
        except OSError as error:
            raise DownloadError(asked, f"could not look up {host}: try again later") from error
        if not addresses:
            raise DownloadError(asked, f"there is no site called {host}: check the address")
    for address in addresses:
        if not (is_public_address(address) or (allow_loopback and _is_loopback(address))):
            raise DownloadError(
                asked, "that address points inside a private network, which Briefbot never fetches"
            )
    return host, addresses


def resolve_host(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port or None, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form reaches: mapped (::ffff:a.b.c.d), 6to4, NAT64."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_ip(host: str) -> bool:
    try:
        return bool(ipaddress.ip_address(host))
    except ValueError:
        return False


def _is_loopback(ip: str) -> bool:
    """127.0.0.0/8 and ::1 only: not their IPv4-mapped or NAT64 forms."""
    return is_ip(ip) and ipaddress.ip_address(ip).is_loopback
