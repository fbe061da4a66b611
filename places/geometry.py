"""GeoJSON helpers: simplification for storage and projection to SVG for maps without tiles.

Pure Python and NumPy; no Django.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np


def _rdp(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Ramer–Douglas–Peucker on one ring, iterative to avoid recursion limits."""
    if len(points) < 3:
        return points
    keep = np.zeros(len(points), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        if end - start < 2:
            continue
        a, b = points[start], points[end]
        segment = b - a
        inner = points[start + 1 : end]
        norm = math.hypot(*segment)
        if norm == 0:
            dist = np.hypot(*(inner - a).T)
        else:
            dist = np.abs(segment[0] * (inner[:, 1] - a[1]) - segment[1] * (inner[:, 0] - a[0]))
            dist /= norm
        idx = int(np.argmax(dist))
        if dist[idx] > tolerance:
            mid = start + 1 + idx
            keep[mid] = True
            stack.append((start, mid))
            stack.append((mid, end))
    return points[keep]


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"unsupported geometry type {geometry['type']}")


def simplify(geometry: dict, tolerance: float = 0.0002, digits: int = 5) -> dict:
    """Simplify a (Multi)Polygon; rings that collapse below four points are dropped."""
    polygons = []
    for polygon in _polygons(geometry):
        rings = []
        for ring in polygon:
            simplified = _rdp(np.asarray(ring, dtype=float), tolerance)
            if len(simplified) >= 4:
                rings.append(np.round(simplified, digits).tolist())
        if rings:
            polygons.append(rings)
    return {"type": "MultiPolygon", "coordinates": polygons}


def bounds(geometries: Iterable[dict]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for geometry in geometries:
        for polygon in _polygons(geometry):
            for ring in polygon:
                arr = np.asarray(ring)
                xs.extend((arr[:, 0].min(), arr[:, 0].max()))
                ys.extend((arr[:, 1].min(), arr[:, 1].max()))
    if not xs:
        raise ValueError("no coordinates")
    return min(xs), min(ys), max(xs), max(ys)


class SvgProjection:
    """Equirectangular projection scaled by cos(latitude): exact enough for one city."""

    def __init__(self, bbox: Sequence[float], width: float = 600.0, padding: float = 4.0):
        west, south, east, north = bbox
        self.west, self.north = west, north
        self.kx = math.cos(math.radians((south + north) / 2))
        span_x = max((east - west) * self.kx, 1e-9)
        span_y = max(north - south, 1e-9)
        self.scale = (width - 2 * padding) / span_x
        self.padding = padding
        self.width = width
        self.height = span_y * self.scale + 2 * padding

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) * self.kx * self.scale + self.padding
        y = (self.north - lat) * self.scale + self.padding
        return x, y

    def path(self, geometry: dict) -> str:
        parts = []
        for polygon in _polygons(geometry):
            for ring in polygon:
                arr = np.asarray(ring, dtype=float)
                xs = (arr[:, 0] - self.west) * self.kx * self.scale + self.padding
                ys = (self.north - arr[:, 1]) * self.scale + self.padding
                coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
                parts.append(f"M{coords}Z")
        return "".join(parts)


def centroid(geometry: dict) -> tuple[float, float]:
    """Area-weighted centroid of the outer rings (lon, lat)."""
    total = cx = cy = 0.0
    for polygon in _polygons(geometry):
        ring = np.asarray(polygon[0], dtype=float)
        x, y = ring[:, 0], ring[:, 1]
        cross = x[:-1] * y[1:] - x[1:] * y[:-1]
        area = cross.sum() / 2
        if area == 0:
            continue
        cx += ((x[:-1] + x[1:]) * cross).sum() / 6
        cy += ((y[:-1] + y[1:]) * cross).sum() / 6
        total += area
    if total == 0:
        ring = np.asarray(_polygons(geometry)[0][0], dtype=float)
        return float(ring[:, 0].mean()), float(ring[:, 1].mean())
    return cx / total, cy / total


def contains(geometry: dict, lon: float, lat: float) -> bool:
    """Even–odd point-in-polygon test over all rings."""
    inside = False
    for polygon in _polygons(geometry):
        for ring in polygon:
            arr = np.asarray(ring, dtype=float)
            x1, y1 = arr[:-1, 0], arr[:-1, 1]
            x2, y2 = arr[1:, 0], arr[1:, 1]
            crosses = (y1 > lat) != (y2 > lat)
            with np.errstate(divide="ignore", invalid="ignore"):
                x_at = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            inside ^= bool(np.count_nonzero(crosses & (lon < x_at)) % 2)
    return inside
