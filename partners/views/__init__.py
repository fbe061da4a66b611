"""Thin views: parse, authorise (partners/rules.py), call a service or selector, render."""

from .listings import (
    home,
    listing_delete,
    listing_detail,
    listing_edit,
    listing_list,
    my_organisations,
    suggestions,
)
from .recognition import (
    consent,
    overview,
    partnership_recognition,
    project_recognition,
    recognition,
)
from .requests import inbox, request_answer, request_create, request_detail, request_withdraw

__all__ = [
    "consent", "home", "inbox", "listing_delete", "listing_detail", "listing_edit",
    "listing_list", "my_organisations", "overview", "partnership_recognition",
    "project_recognition", "recognition", "request_answer", "request_create", "request_detail",
    "request_withdraw", "suggestions",
]  # fmt: skip
