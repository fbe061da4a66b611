from places.geometry import SvgProjection, bounds, centroid, contains, simplify

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


def test_simplify_keeps_corners_and_drops_collinear_points():
    ring = [[0, 0], [0.5, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    result = simplify({"type": "Polygon", "coordinates": [ring]}, tolerance=0.01)
    assert result["coordinates"][0][0] == [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]


def test_centroid_and_contains():
    assert centroid(SQUARE) == (0.5, 0.5)
    assert contains(SQUARE, 0.5, 0.5)
    assert not contains(SQUARE, 1.5, 0.5)


def test_projection_puts_north_at_the_top():
    projection = SvgProjection(bounds([SQUARE]), width=104, padding=2)
    assert projection.point(0, 1) == (2, 2)
    x, y = projection.point(1, 0)
    assert y > 2 and x > 2
    assert projection.path(SQUARE).startswith("M2.0,")
