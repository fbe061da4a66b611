"""Validation of coordinates, shared by every model, form, API schema and import that has them."""

from __future__ import annotations

import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _check(value, limit: float, message) -> None:
    if value is None:
        return
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(message, code="invalid") from exc
    if not math.isfinite(number) or not -limit <= number <= limit:
        raise ValidationError(message, code="out_of_range")


def validate_latitude(value) -> None:
    """WGS84 latitude in degrees: a finite number from -90 to 90 (not `inf`, `nan` or 999)."""
    _check(value, 90.0, _("Give a latitude between -90 and 90 degrees."))


def validate_longitude(value) -> None:
    """WGS84 longitude in degrees: a finite number from -180 to 180."""
    _check(value, 180.0, _("Give a longitude between -180 and 180 degrees."))
