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
    seed: str, entrants: Iterable[tuple[int, bool, bool, bool]], *, retention: bool
) -> list[int]:
    """The entrants' numbers in drawn order; ``entrants`` are (number, retention claim,
    late withdrawal before, district yields by rotation)."""
    return [
        number
        for number, _retained, _deferred, _yields in sorted(
            entrants,
            key=lambda entrant: (
                entrant[2],
                retention and not entrant[1],
                entrant[3],
                ticket_of(seed, entrant[0]),
            ),
        )
    ]


def seed_suggest() -> str:
    """A fresh seed: 128 random bits as 32 hexadecimal digits."""
    return secrets.token_hex(16)
