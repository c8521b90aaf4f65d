"""The synthetic data's sizes at a scale, and the bulk insert every part of it goes through."""

from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

BATCH = 5000


@dataclass
class Sizes:
    fairs: int
    exhibitors: int
    stalls_per_fair: int
    sale_days: int
    mous: int
    history_per_mou: int
    meetings: int
    points_per_meeting: int
    made: dict = field(default_factory=dict)

    @classmethod
    def at(cls, scale: float) -> "Sizes":
        return cls(
            fairs=max(2, round(500 * scale)),
            exhibitors=max(200, round(100_000 * scale)),
            stalls_per_fair=120,
            sale_days=5,
            mous=max(2, round(50 * scale)),
            history_per_mou=100,
            meetings=max(2, round(200 * scale)),
            points_per_meeting=15,
        )


def _bulk(made: dict, model, rows: list, *, dated: bool = False) -> list:
    """Insert the rows in large batches and add their number to ``made``. With ``dated``
    the rows keep the times they carry in their auto_now and auto_now_add fields."""
    with _times_kept(model) if dated else nullcontext():
        created = model.objects.bulk_create(rows, batch_size=BATCH)
    made[model._meta.label] = made.get(model._meta.label, 0) + len(created)
    return created


@contextmanager
def _times_kept(model):
    """Switch off the model's automatic times while its rows are inserted: history written
    today says when it happened (a claim's steps, an offer, a draw years ago). Each concrete
    model has its own copies of these fields, and the generator runs in one thread."""
    stamped = [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    flags = [(f, f.auto_now, f.auto_now_add) for f in stamped]
    for f in stamped:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in flags:
            f.auto_now, f.auto_now_add = now, add
