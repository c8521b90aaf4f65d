"""The map of Uttar Pradesh's 75 districts, drawn as SVG.

The shapes come from the project's copy of the district boundaries
(districts/data/up_districts.geojson, licence beside it), projected (equirectangular, scaled by
the cosine of the middle latitude) and simplified to about 1 km. ``manage.py build_district_map``
writes them once into static/img/up_districts.svg, which is served compressed and cached; a
page only places each district (``<use>``) with its colour, link and name.
"""

import itertools
import json
import math
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

GEOJSON = Path(__file__).resolve().parent.parent / "districts" / "data" / "up_districts.geojson"
WIDTH = 800
TOLERANCE = 0.01  # degrees (about 1 km), for the simplification
SPRITE = Path(__file__).resolve().parent.parent / "static" / "img" / "up_districts.svg"

ATTRIBUTION = _(
    "District boundaries: DataMeet community (datameet.org), via Guneet Narula's "
    "indian-district-boundaries (MIT). Approximate, for visualisation only."
)


def _simplify(points: list, tolerance: float) -> list:
    """Ramer–Douglas–Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        index, distance = first, 0.0
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
            else:  # a closed ring: measure from the shared end point
                d = math.hypot(x - x1, y - y1)
            if d > distance:
                index, distance = i, d
        if distance > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _rings(geometry: dict):
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    for polygon in polygons:
        yield from polygon


@lru_cache(maxsize=1)
def district_shapes() -> tuple[dict[str, str], tuple[int, int]]:
    """District name (English, as in the master data) → SVG path, and the viewBox size."""
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    lons = [x for f in features for ring in _rings(f["geometry"]) for x, _y in ring]
    lats = [y for f in features for ring in _rings(f["geometry"]) for _x, y in ring]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * squeeze)
    height = round((north - south) * scale)

    def project(lon, lat):
        return ((lon - west) * squeeze * scale, (north - lat) * scale)

    shapes = {}
    for feature in features:
        parts = []
        for ring in _rings(feature["geometry"]):
            points = _simplify(ring, TOLERANCE)
            if len(points) < 4:
                continue
            xy = [project(lon, lat) for lon, lat in points]
            # Relative moves, one decimal: a third shorter than absolute coordinates.
            steps = [f"M{xy[0][0]:.1f},{xy[0][1]:.1f}"]
            steps += [f"l{x - px:.1f},{y - py:.1f}" for (px, py), (x, y) in itertools.pairwise(xy)]
            parts.append("".join(steps) + "z")
        shapes[feature["properties"]["district_en"]] = "".join(parts)
    return shapes, (WIDTH, height)


def district_symbol_id(name_en: str) -> str:
    return "d-" + "".join(c if c.isalnum() else "-" for c in name_en.lower())


def sprite_svg() -> str:
    """The static SVG holding every district's outline, one ``<path id=…>`` each."""
    shapes, (width, height) = district_shapes()
    paths = "\n".join(
        f'<path id="{district_symbol_id(name)}" d="{path}"/>'
        for name, path in sorted(shapes.items())
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">\n'
        f"<!-- {ATTRIBUTION} See districts/data/up_districts.LICENSE.md. -->\n"
        f"<defs>\n{paths}\n</defs>\n</svg>\n"
    )
