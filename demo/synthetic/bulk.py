"""The synthetic data's sizes at a scale, and the bulk insert every part of it goes through."""

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


def _bulk(made: dict, model, rows: list) -> list:
    """Insert the rows in large batches and add their number to ``made``."""
    created = model.objects.bulk_create(rows, batch_size=BATCH)
    made[model._meta.label] = made.get(model._meta.label, 0) + len(created)
    return created
