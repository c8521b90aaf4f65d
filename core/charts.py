"""Bar charts drawn on the server as SVG (no script, printable, readable without colour): the
geometry here, the drawing in templates/includes/bar_chart.html. Every chart is shown beside a
table of the same figures."""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 640, 220
LEFT, BOTTOM, TOP = 8, 28, 16  # room for the day labels below and the values above


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str
    show_label: bool


def bar_chart(points: list[tuple[str, Decimal | int, str]]) -> dict:
    """``points`` are (label, value, value as shown): the bars scaled to the largest value,
    with at most about twelve labels along the axis so that they never overlap."""
    if not points:
        return {"bars": [], "width": WIDTH, "height": HEIGHT}
    top = max((value for _, value, _ in points), default=0) or 1
    slot = (WIDTH - LEFT) / len(points)
    every = max(1, round(len(points) / 12))
    plot = HEIGHT - BOTTOM - TOP
    bars = []
    for index, (label, value, shown) in enumerate(points):
        height = float(value) / float(top) * plot
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(TOP + plot - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=label,
                value=shown,
                show_label=index % every == 0,
            )
        )
    return {"bars": bars, "width": WIDTH, "height": HEIGHT, "axis": HEIGHT - BOTTOM}
