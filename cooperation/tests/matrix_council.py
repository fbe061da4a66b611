"""Matrix spec of a council decision's proposed step (collected in matrix.py): taking it is a
status change of the agreement, so it is the agreement's coordinators' (transition_agreement)."""

from __future__ import annotations

import datetime as dt

from bildungsnetz.testing.permissions import COORDINATORS, Action, Spec, reload

from .matrix_common import _unindexed, _url
from .matrix_partnerships import make_partnership


@_unindexed
def make_decided_agreement(world, tenant):
    """Under committee reservation; the council approved it, the step waits for a coordinator."""
    from cooperation.models import AgreementStatus, CouncilDecision
    from cooperation.tests.factories import AgreementFactory

    paper = "https://ris.example.org/oparl/paper/1"
    agreement = AgreementFactory(
        partnership=make_partnership(world, tenant), status=AgreementStatus.PENDING_APPROVAL,
        signed_on=dt.date(2022, 10, 4), council_paper_url=paper,
    )  # fmt: skip
    CouncilDecision.objects.create(
        agreement=agreement, paper_url=paper, result="Beschlossen",
        proposed_step=AgreementStatus.IN_FORCE, decided_on=dt.date(2022, 12, 7),
    )  # fmt: skip
    return agreement


COUNCIL_DECISION = Spec(
    "cooperation.agreement (a council decision proposes a step)",
    make=make_decided_agreement,
    actions=[
        Action(
            "take the proposed step", COORDINATORS, perm="cooperation.transition_agreement",
            page=lambda call, obj: call.post(_url("agreement_council_step", obj.slug)),
            effect=lambda obj: reload(obj).status == "in_force",
        ),
    ],
)  # fmt: skip
