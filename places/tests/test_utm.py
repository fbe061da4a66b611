"""UTM zone 32N (ETRS89) → WGS84, the conversion of Bochum's open data (pure, no database)."""

import numpy as np
import pytest

from places.utm import latlon_to_utm, utm_to_latlon


def test_a_point_on_the_central_meridian_converts_to_its_textbook_coordinates():
    # 50° N on zone 32's central meridian (9° E): northing = k0 × meridian arc (GRS80).
    lat, lon = utm_to_latlon(500_000.0, 5_538_630.70)
    assert lat == pytest.approx(50.0, abs=1e-7)
    assert lon == pytest.approx(9.0, abs=1e-9)


def test_conversion_is_vectorised_and_inverts_the_forward_projection():
    lat = np.array([47.3, 51.48, 54.9, 50.1])
    lon = np.array([6.1, 7.22, 11.9, 9.0])
    east, north = latlon_to_utm(lat, lon, zone=32)
    back_lat, back_lon = utm_to_latlon(east, north, zone=32)
    assert np.allclose(back_lat, lat, atol=1e-7)  # about a centimetre
    assert np.allclose(back_lon, lon, atol=1e-7)


def test_a_bochum_school_lands_in_bochum():
    # Paul-Dohrmann-Schule's replacement site, Lenneplatz 21 (Stadt Bochum open data).
    lat, lon = utm_to_latlon([378_173.0], [5_706_591.0])
    assert 51.41 < lat[0] < 51.54
    assert 7.10 < lon[0] < 7.35
