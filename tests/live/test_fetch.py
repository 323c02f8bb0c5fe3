"""fetch(): only public addresses, vetted at every hop, within size and time limits."""

from __future__ import annotations

import gzip
import ssl
import time
import tracemalloc
from dataclasses import replace

import pytest

from briefings.addresses import is_public_address
from briefings.content_types import FEED_TYPES
from briefings.errors import DownloadError, InputError
from briefings.fetch import FetchPolicy, fetch, read_url
from tests.fakes.web import WebServer, make_certificates
from tests.live.conftest import LOCAL, resolver, to_loopback

PRIVATE = "that address points inside a private network"


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("::ffff:8.8.8.8", True),  # IPv4-mapped form of a public address
        ("64:ff9b::808:808", True),  # NAT64 form of a public address
        ("2002:808:808::1", True),  # 6to4 form of a public address
        ("127.0.0.1", False),
        ("127.45.0.9", False),
        ("::1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("fd00:ec2::254", False),  # AWS metadata over IPv6
        ("fe80::1", False),
        ("fc00::1", False),
        ("100.64.0.1", False),  # shared address space (carrier-grade NAT)
        ("0.0.0.0", False),
        ("::", False),
        ("224.0.0.1", False),
        ("ff02::1", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("192.0.2.10", False),  # documentation range
        ("2001:db8::1", False),
        ("::ffff:10.0.0.1", False),  # IPv4-mapped private
        ("::ffff:127.0.0.1", False),
        ("::ffff:169.254.169.254", False),
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 form of 169.254.169.254
        ("64:ff9b:1::a00:1", False),  # local-use NAT64
        ("2002:a00:1::", False),  # 6to4 form of 10.0.0.1
        ("2002:7f00:1::", False),  # 6to4 form of 127.0.0.1
        ("not an address", False),
    ],
)
def test_only_public_addresses_pass_the_guard(address, public):
    assert is_public_address(address) is public


@pytest.mark.parametrize(
    "url",
    [
        "ftp://files.example.org/report.txt",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<h1>hi</h1>",
        "gopher://example.org/",
        "news.example.org/story",
    ],
)
def test_only_http_and_https_addresses_are_fetched(url):
    with pytest.raises(DownloadError, match="only web addresses starting with http:// or https://"):
        fetch(url, resolve=resolver({}))


def test_addresses_with_credentials_are_refused():
    with pytest.raises(DownloadError, match="user name or password"):
        fetch("https://admin:secret@news.example.org/", resolve=resolver({}))


@pytest.mark.parametrize(
    "answers",
    [["10.0.0.7"], ["169.254.169.254"], ["93.184.216.34", "192.168.0.2"], ["::ffff:10.0.0.7"]],
)
def test_a_name_resolving_to_any_private_address_is_refused(web, answers):
    names = resolver({"intranet.example.org": answers})
    with pytest.raises(DownloadError, match=PRIVATE):
        fetch(web.url("/", "intranet.example.org"), FetchPolicy(), resolve=names)
    assert web.requests == []


def test_loopback_is_refused_unless_the_policy_allows_it(web):
    url = web.url("/pages/jsonld_news.html")
    with pytest.raises(DownloadError, match=PRIVATE):
        fetch(url)
    assert fetch(url, LOCAL).status == 200


@pytest.mark.parametrize("address", ["10.0.0.1", "169.254.169.254", "::ffff:127.0.0.1"])
def test_allowing_loopback_allows_nothing_else(address):
    with pytest.raises(DownloadError, match=PRIVATE):
        fetch("http://site.example.org/", LOCAL, resolve=resolver({"site.example.org": [address]}))


def test_ip_literals_are_vetted_without_a_look_up():
    with pytest.raises(DownloadError, match=PRIVATE):
        fetch("http://169.254.169.254/latest/meta-data/", LOCAL, resolve=resolver({}))
    with pytest.raises(DownloadError, match=PRIVATE):
        fetch("http://[fd00:ec2::254]/latest/meta-data/", LOCAL, resolve=resolver({}))


def test_an_unknown_site_name_says_so():
    with pytest.raises(DownloadError, match="there is no site called nowhere.example.org"):
        fetch("https://nowhere.example.org/story", resolve=resolver({}))


def test_the_request_goes_to_the_vetted_address_with_the_real_host_name(web):
    """DNS rebinding: a second look-up could answer differently, so there must be none."""
    answers = iter([["127.0.0.1"], ["10.0.0.1"]])
    looked_up: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return next(answers)

    got = fetch(web.url("/pages/jsonld_news.html", "news.test"), LOCAL, resolve=rebinding)
    assert got.status == 200 and b"Station Road" in got.body
    assert looked_up == ["news.test"]
    assert web.requests[-1].headers["host"] == f"news.test:{web.port}"
    assert got.final_url == web.url("/pages/jsonld_news.html", "news.test")


def test_https_to_a_pinned_address_checks_the_certificate_against_the_host_name(tmp_path):
    """SNI and certificate checks use the name, though the connection goes to the IP."""
    pytest.importorskip("cryptography")
    ca, cert, key = make_certificates(tmp_path, "news.test")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    policy = replace(LOCAL, ca_file=str(ca))
    with WebServer(tls=context) as secure:
        secure.set("/story", "<html><body><p>Secure story.</p></body></html>")
        got = fetch(secure.url("/story", "news.test"), policy, resolve=to_loopback)
        assert got.body.startswith(b"<html>") and secure.sni_names == ["news.test"]
        assert secure.requests[-1].headers["host"] == f"news.test:{secure.port}"
        with pytest.raises(DownloadError, match="security certificate of other.test is not valid"):
            fetch(secure.url("/story", "other.test"), policy, resolve=to_loopback)
        with pytest.raises(DownloadError, match="security certificate"):
            fetch(secure.url("/story", "news.test"), LOCAL, resolve=to_loopback)  # CA not trusted


def test_redirects_are_followed_one_vetted_hop_at_a_time(web):
    got = fetch(web.url("/redirect?to=/pages/jsonld_news.html"), LOCAL)
    assert got.url == web.url("/redirect?to=/pages/jsonld_news.html")
    assert got.final_url == web.url("/pages/jsonld_news.html")
    assert [r.path for r in web.requests] == [
        "/redirect?to=/pages/jsonld_news.html",
        "/pages/jsonld_news.html",
    ]


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://10.0.0.1/", PRIVATE),
        ("http://169.254.169.254/latest/meta-data/", PRIVATE),
        ("http://[::ffff:169.254.169.254]/latest/meta-data/", PRIVATE),
        ("http://intranet.example.org/admin", PRIVATE),
        ("file:///etc/passwd", "only web addresses starting with http:// or https://"),
        ("gopher://127.0.0.1:11211/", "only web addresses starting with http:// or https://"),
        ("http://user:pw@127.0.0.1/", "user name or password"),
    ],
)
def test_a_redirect_to_a_private_or_odd_address_is_refused_even_with_loopback_allowed(
    web, target, reason
):
    names = resolver({"127.0.0.1": ["127.0.0.1"], "intranet.example.org": ["10.1.2.3"]})
    with pytest.raises(DownloadError, match=reason) as refused:
        fetch(web.url(f"/redirect?to={target}"), LOCAL, resolve=names)
    assert refused.value.url == web.url(f"/redirect?to={target}")  # names what the user gave
    assert len(web.requests) == 1


def test_a_redirect_loop_is_reported_as_a_loop(web):
    with pytest.raises(DownloadError, match="redirects in a loop"):
        fetch(web.url("/loop/a"), LOCAL)
    assert len(web.requests) == 2


def test_redirects_are_counted(web):
    assert fetch(web.url("/chain/5"), LOCAL).body.startswith(b"End of the chain")
    web.requests.clear()
    with pytest.raises(DownloadError, match=r"too many redirects \(more than 5\)"):
        fetch(web.url("/chain/6"), LOCAL)
    assert len(web.requests) == 6
    with pytest.raises(DownloadError, match=r"more than 2"):
        fetch(web.url("/chain/3"), replace(LOCAL, max_redirects=2))


@pytest.mark.parametrize(
    "path", ["/slow?interval=0.05&bytes=1000", "/slow-headers?interval=0.05", "/stall"]
)
def test_a_slow_site_is_cut_off_at_the_timeout(web, path):
    started = time.monotonic()
    with pytest.raises(DownloadError, match="the site took longer than 1 s"):
        fetch(web.url(path), replace(LOCAL, timeout=1.0))
    assert 0.9 < time.monotonic() - started < 5.0  # the whole answer would take 50 s or more


def test_a_body_larger_than_the_cap_is_refused(web):
    with pytest.raises(DownloadError, match="the page is larger than 5 MB"):
        fetch(web.url("/huge?bytes=6000000"), LOCAL)
    small = replace(LOCAL, max_bytes=100_000)
    with pytest.raises(DownloadError, match="larger than 100 kB"):
        fetch(web.url("/huge?bytes=150000"), small)
    assert fetch(web.url("/huge?bytes=90000"), small).body.startswith(b"<p>zzz")


def test_a_huge_content_length_is_refused_before_reading(web):
    started = time.monotonic()
    with pytest.raises(DownloadError, match="larger than 5 MB"):
        fetch(web.url("/huge-length?interval=1"), LOCAL)  # reading it would take 100 s
    assert time.monotonic() - started < 5.0


def test_a_gzip_bomb_is_refused_by_its_decoded_size_without_inflating_it_all(web):
    with pytest.raises(DownloadError, match="larger than 5 MB"):
        fetch(web.url("/gzip-bomb?mb=50"), LOCAL)  # 50 kB that inflate to 50 MB
    tracemalloc.start()
    try:
        with pytest.raises(DownloadError, match="larger than 5 MB"):
            fetch(web.url("/gzip-bomb?mb=50"), LOCAL)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 15_000_000


def test_a_compressed_page_is_decoded(web):
    page = b"<html><body><p>" + b"Bus lanes approved. " * 200 + b"</p></body></html>"
    web.set("/zipped", gzip.compress(page), headers={"Content-Encoding": "gzip"})
    got = fetch(web.url("/zipped"), LOCAL)
    assert got.body == page
    assert web.requests[-1].headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize(
    ("path", "accept", "reason"),
    [
        ("/doc.pdf", None, r"that link is a PDF \(application/pdf\), not a web page or feed"),
        ("/image.png", None, r"that link is an image \(image/png\)"),
        ("/image.png", FEED_TYPES, r"that link is an image \(image/png\)"),
        ("/feeds/gazette_rss.xml", None, r"news feed \(application/rss\+xml\), not a web page"),
        ("/pages/jsonld_news.html", FEED_TYPES, r"web page \(text/html\), not a news feed"),
    ],
)
def test_the_wrong_kind_of_content_is_refused_naming_its_type(web, path, accept, reason):
    kwargs = {"accept": accept} if accept else {}
    with pytest.raises(DownloadError, match=reason):
        fetch(web.url(path), LOCAL, **kwargs)


@pytest.mark.parametrize(
    "declared", ["text/html", "text/plain", "text/xml", "", "application/octet-stream"]
)
def test_a_feed_served_with_a_sloppy_type_is_still_a_feed(web, declared):
    feed = (
        b'<?xml version="1.0"?>\n<!-- generated -->\n<rss version="2.0"><channel>'
        b"<title>T</title></channel></rss>"
    )
    web.set("/feed", feed, declared)
    got = fetch(web.url("/feed"), LOCAL, accept=FEED_TYPES)
    assert got.body == feed and got.content_type in FEED_TYPES


def test_a_page_served_without_a_type_is_sniffed(web):
    web.set("/untyped", b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "")
    assert fetch(web.url("/untyped"), LOCAL).content_type == "text/html"
    web.set("/blob", b"\x00\x01\x02binary", "application/octet-stream")
    with pytest.raises(DownloadError, match=r"a file \(application/octet-stream\)"):
        fetch(web.url("/blob"), LOCAL)


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (404, r"the page was not found \(HTTP 404\): check the address"),
        (403, r"refused access \(HTTP 403\)"),
        (410, r"removed \(HTTP 410\)"),
        (500, r"the site had an error \(HTTP 500\): try again later"),
        (503, r"HTTP 503"),
    ],
)
def test_http_errors_are_explained(web, status, reason):
    web.set("/error", "<h1>Oops</h1>", status=status)
    with pytest.raises(DownloadError, match=reason):
        fetch(web.url("/error"), LOCAL)


def test_a_conditional_get_returns_not_modified_without_a_body(web):
    url = web.url("/feeds/gazette_rss.xml")
    first = fetch(url, LOCAL, accept=FEED_TYPES)
    assert first.status == 200 and first.etag and first.last_modified
    again = fetch(url, LOCAL, accept=FEED_TYPES, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.status == 304 and again.body == b""
    sent = web.requests[-1].headers
    assert sent["if-none-match"] == first.etag
    assert sent["if-modified-since"] == first.last_modified
    only_date = fetch(url, LOCAL, accept=FEED_TYPES, last_modified=first.last_modified)
    assert only_date.not_modified and "if-none-match" not in web.requests[-1].headers


def test_a_changed_resource_answers_200_to_the_old_validators(web):
    url = web.url("/feeds/gazette_rss.xml")
    first = fetch(url, LOCAL, accept=FEED_TYPES)
    web.set("/feeds/gazette_rss.xml", b"<rss version='2.0'><channel/></rss>", "application/rss+xml")
    changed = fetch(
        url, LOCAL, accept=FEED_TYPES, etag=first.etag, last_modified=first.last_modified
    )
    assert changed.status == 200 and changed.etag != first.etag
    assert changed.body == b"<rss version='2.0'><channel/></rss>"


def test_the_user_agent_names_briefbot(web):
    fetch(web.url("/pages/jsonld_news.html"), LOCAL)
    assert web.requests[-1].headers["user-agent"].startswith("Briefbot/")


def test_read_url_turns_a_page_into_an_article(web):
    raw = read_url(web.url("/pages/jsonld_news.html"), LOCAL)
    assert raw.title == "Council backs bus lanes on Station Road despite traders' fears"
    assert raw.from_html and "£6.8m" in raw.text


def test_read_url_reads_plain_text_with_its_first_line_as_title(web):
    web.set("/note.txt", "Strike called off\n\nNurses accepted a 5% offer tonight.\n", "text/plain")
    raw = read_url(web.url("/note.txt"), LOCAL)
    assert raw.title == "Strike called off" and "5% offer" in raw.text
    assert raw.url == web.url("/note.txt")


def test_read_url_explains_a_page_without_an_article(web):
    web.set("/front", "<html><head><title>Home</title></head><body><img src='a.png'></body></html>")
    with pytest.raises(InputError, match="no article text found on this page"):
        read_url(web.url("/front"), LOCAL)
    web.set("/empty", "   ", "text/plain")
    with pytest.raises(DownloadError, match="the page is empty"):
        read_url(web.url("/empty"), LOCAL)


def test_every_message_is_one_line_naming_the_address(web):
    for path in ("/doc.pdf", "/chain/9", "/error404"):
        with pytest.raises(DownloadError) as refused:
            fetch(web.url(path), FetchPolicy(allow_loopback=True))
        assert str(refused.value).startswith(web.url(path) + ": ") and "\n" not in str(
            refused.value
        )
