"""The surveys API: instruments, waves and suppressed results."""

from ninja import Router

router = Router(tags=["surveys"])
