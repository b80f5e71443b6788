"""Who the client is behind a reverse proxy, and only when the proxy is trusted.

``TMGR_TRUSTED_PROXIES`` (or ``[web] trusted_proxies``) lists the proxies'
addresses or networks, comma-separated (``127.0.0.1, 10.0.0.0/8``). A request
coming from one of them has its client address taken from ``X-Forwarded-For``
(the right-most address that is not itself a trusted proxy) and its scheme from
``X-Forwarded-Proto``. Anyone else's forwarding headers are ignored, so a client
cannot pick the address the sign-in throttle counts against. A trusted proxy that
sends something else than addresses, or a scheme other than http or https, gets a
400 saying which header is wrong (its configuration is broken; guessing would let
the throttle count the wrong client).
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Iterable
from typing import Any

from tmgr.errors import ConfigError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_proxies(value: str | Iterable[str] | None) -> tuple[Network, ...]:
    """The trusted networks, or :class:`ConfigError` naming the entry that is wrong."""
    if not value:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    networks = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ConfigError(f"TMGR_TRUSTED_PROXIES: {item!r} is not an address or network",
                              hint="e.g. TMGR_TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8") from exc
    return tuple(networks)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


class TrustedProxies:
    """WSGI middleware: the client's address and scheme from a trusted proxy's headers."""

    def __init__(self, app: Callable[..., Any], networks: tuple[Network, ...]) -> None:
        self.app = app
        self.networks = networks

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        peer = environ.get("REMOTE_ADDR", "")
        if self.networks and _trusted(peer, self.networks):
            chain = [a.strip() for a in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")
                     if a.strip()]
            client = peer
            for address in reversed(chain):
                client = address
                if not _trusted(address, self.networks):
                    break
            if not _is_address(client):
                return _refuse(start_response, "X-Forwarded-For",
                               f"{client[:64]!r} is not an IP address")
            environ["REMOTE_ADDR"] = client
            proto = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
            if proto in ("http", "https"):
                environ["wsgi.url_scheme"] = proto
            elif proto:
                return _refuse(start_response, "X-Forwarded-Proto",
                               f"{proto[:20]!r} is not http or https")
        return self.app(environ, start_response)


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _refuse(start_response: Callable[..., Any], header: str, why: str) -> list[bytes]:
    """400 in tmgr's JSON error form: the trusted proxy sent a header that makes no sense."""
    body = json.dumps({"error": f"the proxy sent a malformed {header}: {why}",
                       "hint": "fix the reverse proxy's configuration (see "
                               "docs/admin/deploy.md)", "status": 400}).encode()
    start_response("400 Bad Request", [("Content-Type", "application/json"),
                                       ("Content-Length", str(len(body))),
                                       ("Cache-Control", "no-store")])
    return [body]
