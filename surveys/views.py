"""Pages of surveys. Thin: selectors read, services write, `bildungsnetz.access` decides."""

from __future__ import annotations

from django.shortcuts import render

from . import selectors


def home(request):
    return render(
        request,
        "surveys/home.html",
        {"waves": selectors.wave_list(user=request.user)},
    )
