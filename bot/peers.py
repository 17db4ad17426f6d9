"""Who is on the other end of a request: the peer itself, or, when the peer is one of
`[server] trusted_proxies`, the client address those proxies forwarded."""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Sequence

from aiohttp import web

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def networks(proxies: Sequence[str]) -> tuple[Network, ...]:
    """The configured proxies as networks (a single address is a /32 or /128)."""
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_address(request: web.Request, proxies: Sequence[str]) -> str:
    """The client's address. X-Forwarded-For is read only when the peer is a trusted proxy,
    from the right: each trusted hop is skipped, and the first address no trusted proxy
    vouches for is the client (anything further left is whatever the client wrote)."""
    peer = request.remote or ""
    trusted = networks(tuple(proxies))
    if not trusted or not _trusted(peer, trusted):
        return peer
    hops = [hop.strip() for value in request.headers.getall("X-Forwarded-For", [])
            for hop in value.split(",")]
    client = peer
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break          # a hop no proxy of ours wrote: stop at the last one we trust
        client = hop
        if not _trusted(hop, trusted):
            break
    return client
