"""UTM (ETRS89 / GRS80) ↔ WGS84 latitude and longitude, vectorised with NumPy. Pure: no Django.

German open data gives positions in UTM zone 32N (EPSG:25832, e.g. Bochum's `rechts_utm`,
`hoch_utm`); the platform stores WGS84 degrees. ETRS89 and WGS84 differ by well under a metre
in Europe, below what an address point means, so the ellipsoid's geographic coordinates are
taken as WGS84. The series are Krüger's to the third order of n (sub-millimetre within a zone).
"""

from __future__ import annotations

import numpy as np

# GRS80, the ellipsoid of ETRS89.
_A = 6378137.0
_F = 1 / 298.257222101
_K0 = 0.9996
_FALSE_EASTING = 500_000.0
_FALSE_NORTHING_SOUTH = 10_000_000.0

_N = _F / (2 - _F)
_RECTIFYING = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_ALPHA = (
    _N / 2 - 2 / 3 * _N**2 + 5 / 16 * _N**3,
    13 / 48 * _N**2 - 3 / 5 * _N**3,
    61 / 240 * _N**3,
)
_BETA = (
    _N / 2 - 2 / 3 * _N**2 + 37 / 96 * _N**3,
    1 / 48 * _N**2 + 1 / 15 * _N**3,
    17 / 480 * _N**3,
)
_DELTA = (
    2 * _N - 2 / 3 * _N**2 - 2 * _N**3,
    7 / 3 * _N**2 - 8 / 5 * _N**3,
    56 / 15 * _N**3,
)


def central_meridian(zone: int) -> float:
    return zone * 6.0 - 183.0


def utm_to_latlon(easting, northing, *, zone: int = 32, northern: bool = True):
    """(latitude, longitude) in degrees for UTM coordinates in metres (scalars or arrays)."""
    east = np.asarray(easting, dtype=float)
    north = np.asarray(northing, dtype=float)
    if not northern:
        north = north - _FALSE_NORTHING_SOUTH
    xi = north / (_K0 * _RECTIFYING)
    eta = (east - _FALSE_EASTING) / (_K0 * _RECTIFYING)
    xi_p, eta_p = xi.copy(), eta.copy()
    for j, beta in enumerate(_BETA, start=1):
        xi_p = xi_p - beta * np.sin(2 * j * xi) * np.cosh(2 * j * eta)
        eta_p = eta_p - beta * np.cos(2 * j * xi) * np.sinh(2 * j * eta)
    chi = np.arcsin(np.sin(xi_p) / np.cosh(eta_p))
    lat = chi.copy()
    for j, delta in enumerate(_DELTA, start=1):
        lat = lat + delta * np.sin(2 * j * chi)
    lon = np.radians(central_meridian(zone)) + np.arctan2(np.sinh(eta_p), np.cos(xi_p))
    return np.degrees(lat), np.degrees(lon)


def latlon_to_utm(latitude, longitude, *, zone: int = 32):
    """(easting, northing) in metres in the given northern zone: the inverse of
    `utm_to_latlon`, for checks and for data that wants UTM."""
    lat = np.radians(np.asarray(latitude, dtype=float))
    dlon = np.radians(np.asarray(longitude, dtype=float) - central_meridian(zone))
    root = 2 * np.sqrt(_N) / (1 + _N)
    t = np.sinh(np.arctanh(np.sin(lat)) - root * np.arctanh(root * np.sin(lat)))
    xi_p = np.arctan2(t, np.cos(dlon))
    eta_p = np.arctanh(np.sin(dlon) / np.sqrt(1 + t**2))
    xi, eta = xi_p.copy(), eta_p.copy()
    for j, alpha in enumerate(_ALPHA, start=1):
        xi = xi + alpha * np.sin(2 * j * xi_p) * np.cosh(2 * j * eta_p)
        eta = eta + alpha * np.cos(2 * j * xi_p) * np.sinh(2 * j * eta_p)
    return _FALSE_EASTING + _K0 * _RECTIFYING * eta, _K0 * _RECTIFYING * xi
