"""The one way the server fetches a URL: never into its own network (SSRF).

Every host name is resolved and every address checked; loopback, private, link-local, reserved,
multicast and unspecified addresses are refused, IPv4 and IPv6 (including IPv4-mapped IPv6).
Redirects are followed by hand so each hop is checked again. The connection goes to the address
that was checked, so a second DNS answer cannot swap it (DNS rebinding).

`allow` names hosts ("host:port") a caller lets through to a non-public address, e.g. a test
server on 127.0.0.1 named in a setting of the test run; nothing is allowed unless named.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

ALLOWED_SCHEMES = {"http", "https"}
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class UnsafeURL(ValueError):
    """The URL points somewhere the server must not go."""


@dataclass
class FetchResult:
    url: str
    status: int
    headers: dict[str, str]
    content: bytes


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UnsafeURL(f"cannot resolve {host!r}") from exc
    return [info[4][0] for info in infos]


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


def check_url(url: str, *, allow: frozenset[str] = frozenset()) -> tuple[str, str, int, str]:
    """Returns (scheme, host, port, address) of a URL safe to fetch, or raises UnsafeURL."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise UnsafeURL(f"scheme {parts.scheme!r} is not allowed")
    if parts.username or parts.password:
        raise UnsafeURL("credentials in URLs are not allowed")
    host = parts.hostname
    if not host:
        raise UnsafeURL("the URL has no host")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeURL("invalid port") from exc
    addresses = _resolve(host, port)
    if not addresses:
        raise UnsafeURL(f"{host!r} has no address")
    if f"{host}:{port}" in allow:
        return scheme, host, port, addresses[0]
    for address in addresses:
        if not is_public_address(address):
            raise UnsafeURL(f"{host!r} resolves to a non-public address")
    return scheme, host, port, addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        # Certificate and SNI are checked against the host name, not the pinned address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _open(scheme, host, port, address, timeout):
    cls = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    return cls(host, port, address, timeout)


def guarded_get(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    headers: dict[str, str] | None = None,
    allow: frozenset[str] = frozenset(),
) -> FetchResult:
    """GET a public URL, following up to MAX_REDIRECTS redirects, each one checked."""
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, address = check_url(url, allow=allow)
        parts = urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        connection = _open(scheme, host, port, address, timeout)
        try:
            connection.request(
                "GET", target, headers={"User-Agent": "Bildungsnetz", **(headers or {})}
            )
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise UnsafeURL("redirect without a location")
                url = urljoin(url, location)
                continue
            content = response.read(max_bytes + 1)
            if len(content) > max_bytes:
                raise UnsafeURL("the response is too large")
            return FetchResult(
                url=url,
                status=response.status,
                headers={k.lower(): v for k, v in response.getheaders()},
                content=content,
            )
        finally:
            connection.close()
    raise UnsafeURL("too many redirects")
