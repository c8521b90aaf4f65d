"""The draw of lots as a function anyone can recompute.

- The officer chooses a secret **seed** (any text of 8 to 200 characters; the portal suggests
  32 random hexadecimal digits) and publishes its **commitment**: the SHA-256 of the seed's
  UTF-8 bytes, as 64 lowercase hexadecimal digits. The entrants are published with it.
- At the draw the seed is revealed; it must hash to the commitment.
- Each entrant's **ticket** is HMAC-SHA256 with the seed's UTF-8 bytes as the key and the
  nomination's number, written in decimal, as the message (64 hexadecimal digits).
- The **order** sorts the entrants by ticket, smallest first. Under "retention, then draw of
  lots" the entrants with a retention claim (published with the entrants) come first, in
  ticket order, then the others in ticket order. Entrants marked for a late withdrawal at a
  recent fair (also published) come after all the others, in ticket order. With rotation, the
  entrants whose district held places at each of the last editions (published) come after
  those of the other districts (retention claims still first).
- **Reserved shares**: a category's share (a percentage of the places drawn for, rounded
  down) goes first to its entrants in that order, category by category in the published
  order, after the retention claims; places a category does not fill, and everyone else,
  follow in that order.
- **Coverage first**: then, one entrant for each ODOP product not yet represented (at the
  fair when the entrants were published, or among those already placed in this order), in
  that order; then everyone else.

In Python: ``hmac.new(seed.encode(), str(number).encode(), hashlib.sha256).hexdigest()``;
with OpenSSL: ``printf %s NUMBER | openssl dgst -sha256 -hmac SEED``.
"""

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable

COMMITMENT = re.compile(r"^[0-9a-f]{64}$")
SEED_LENGTH = (8, 200)


def commitment_of(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


def ticket_of(seed: str, number: int) -> str:
    return hmac.new(seed.encode(), str(number).encode(), hashlib.sha256).hexdigest()


def draw_order(
    seed: str,
    entrants: Iterable[tuple],
    *,
    retention: bool,
    shares: dict[str, int] | None = None,
    places: int = 0,
    categories: Iterable[str] = (),
    coverage_first: bool = False,
    represented: Iterable[int] = (),
) -> list[int]:
    """The entrants' numbers in drawn order.

    ``entrants`` are (number, retention claim, late withdrawal before, district yields by
    rotation[, priority categories[, ODOP product]]). ``shares`` maps a category to its
    reserved percentage of ``places``; ``categories`` is the order in which the shares are
    filled; with ``coverage_first`` one entrant per product not in ``represented`` comes next.
    """
    rows = [(*entrant, (), None)[:6] for entrant in entrants]
    base = sorted(
        rows,
        key=lambda entrant: (
            entrant[2],
            retention and not entrant[1],
            entrant[3],
            ticket_of(seed, entrant[0]),
        ),
    )
    if not shares and not coverage_first:
        return [entrant[0] for entrant in base]
    picked, taken = [], set()

    def take(entrant):
        picked.append(entrant[0])
        taken.add(entrant[0])

    if retention:
        for entrant in base:
            if entrant[1]:
                take(entrant)
    for category in categories if shares else ():
        quota = places * shares.get(category, 0) // 100
        for entrant in base:
            if quota <= 0:
                break
            if entrant[0] not in taken and category in entrant[4]:
                take(entrant)
                quota -= 1
    if coverage_first:
        seen = set(represented) | {entrant[5] for entrant in base if entrant[0] in taken}
        for entrant in base:
            if entrant[0] not in taken and entrant[5] is not None and entrant[5] not in seen:
                take(entrant)
                seen.add(entrant[5])
    return picked + [entrant[0] for entrant in base if entrant[0] not in taken]


def seed_suggest() -> str:
    """A fresh seed: 128 random bits as 32 hexadecimal digits."""
    return secrets.token_hex(16)
