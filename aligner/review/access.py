"""Who may talk to the review server: the Host it answers, and the access token of a server
that other machines can reach.

**Host.** A page of another site can make a browser send requests to 127.0.0.1 by pointing its
own domain name there (DNS rebinding); such requests carry that domain in ``Host:``. The server
answers only a Host that is an IP address, ``localhost``, the name it was bound to or, bound to
every interface, this machine's own name; anything else gets 421 (Misdirected Request). An IP
address in ``Host:`` cannot be a rebinding (the browser's origin is then that address).

**Token.** Bound to an address other machines can reach (``--host 0.0.0.0``, a LAN address), the
server wants an access token (``--token``, ``$ALIGNER_REVIEW_TOKEN``, or one it makes and prints
once). A browser brings it once as ``?token=…`` (it then lives in an HttpOnly, SameSite=Strict
cookie); a script sends ``X-Review-Token`` or ``Authorization: Bearer``. Without it: 401.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import secrets
import socket
from dataclasses import dataclass, field

TOKEN_ENV = "ALIGNER_REVIEW_TOKEN"
TOKEN_COOKIE = "aligner_review_token"
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def is_local(host: str) -> bool:
    """True when an address to listen on is reachable from this machine only."""
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
        return True
    except ValueError:
        return False


def split_host(value: str) -> tuple[str, int | None]:
    """``Host:`` as (name lower-cased, port or None); ('', None) when it cannot be read."""
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8765
        name, _, rest = value[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif value.count(":") == 1:
        name, port = value.split(":")
    else:
        name, port = value, ""
    if port and not port.isdigit():
        return "", None
    return name, int(port) if port else None


@dataclass
class Access:
    """The Host names a server answers and the token it asks for (None: no token)."""

    bound: str = "127.0.0.1"
    port: int | None = None  # None: any port (the app is not served by ``serve``)
    token: str | None = None
    names: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.names |= LOCAL_NAMES | {self.bound.lower().strip("[]")}
        if self.bound in WILDCARDS:  # every interface: this machine's own names too
            self.names |= {socket.gethostname().lower(), socket.getfqdn().lower()}

    def host_allowed(self, header: str | None) -> bool:
        name, port = split_host(header or "")
        if not name or (self.port is not None and port is not None and port != self.port):
            return False
        return _is_ip(name) or name in self.names

    def token_matches(self, given: str | None) -> bool:
        return self.token is None or (given is not None and hmac.compare_digest(given.encode(), self.token.encode()))


def access_for(host: str, port: int | None, token: str | None) -> tuple[Access, bool]:
    """The access rules of a server bound to ``host``: a token is required unless it is local
    (``token`` given, else ``$ALIGNER_REVIEW_TOKEN``, else a new one). Returns the rules and
    whether the token was made here (to be printed once)."""
    token = token or os.environ.get(TOKEN_ENV) or None
    made = False
    if token is None and not is_local(host):
        token, made = secrets.token_urlsafe(18), True
    return Access(bound=host, port=port, token=token), made
