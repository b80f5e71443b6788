"""Who the client is behind a reverse proxy, and only when the proxy is trusted.

``TMGR_TRUSTED_PROXIES`` (or ``[web] trusted_proxies``) lists the proxies'
addresses or networks, comma-separated (``127.0.0.1, 10.0.0.0/8``). A request
coming from one of them has its client address taken from ``X-Forwarded-For``
(the right-most address that is not itself a trusted proxy) and its scheme from
``X-Forwarded-Proto``. Anyone else's forwarding headers are ignored, so a client
cannot pick the address the sign-in throttle counts against.
"""

from __future__ import annotations

import ipaddress
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
            environ["REMOTE_ADDR"] = client[:64]
            proto = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
            if proto in ("http", "https"):
                environ["wsgi.url_scheme"] = proto
        return self.app(environ, start_response)
