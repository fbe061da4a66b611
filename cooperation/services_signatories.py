"""What the system does with the signatories of an agreement.

The agreement form edits them as one list (`agreement_save`): the agreement and its signatories
are saved in one transaction, each over the version its author started from. A row changes in
the database (and in its history) only when something in it changed.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from actors.models import Organisation
from bildungsnetz.concurrency import Expected, version_token
from bildungsnetz.services import model_update
from places.models import within_q

from .models import Agreement, AgreementSignatory
from .services import agreement_create, agreement_update

ROW_FIELDS = ("name", "function", "organisation", "signed_place", "signed_on")


class SignatoriesConflict(Exception):
    """The signatories were changed by someone else after the author loaded them."""

    def __init__(self, stored: list[AgreementSignatory], token: str):
        super().__init__("The signatories were changed after this edit started.")
        self.stored = stored
        self.token = token


def side_organisations(*partnerships) -> QuerySet[Organisation]:
    """Organisations of the partnerships' sides: the party organisations and their units (at
    any depth), and the organisations seated in a party territory or below it."""
    territories, organisations = [], []
    for partnership in partnerships:
        if partnership is None or partnership.pk is None:
            continue
        for party in partnership.parties.select_related("territory"):
            if party.territory_id:
                territories.append((party.territory_id, party.territory.path))
            else:
                organisations.append(party.organisation_id)
    units = Q(pk__in=Organisation.objects.subtree_ids(organisations))
    return Organisation.objects.filter(units | within_q("seat", territories))


def signatories_version(agreement: Agreement) -> str:
    """A token of the stored signatories (who, and every field): changes when any does."""
    rows = AgreementSignatory.objects.filter(agreement=agreement).order_by("position", "pk")
    payload = "|".join(f"{row.pk}:{version_token(row)}" for row in rows)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _row_error(position: int, exc: ValidationError) -> ValidationError:
    return ValidationError(
        _("Signatory %(number)s: %(problem)s")
        % {"number": position + 1, "problem": " ".join(exc.messages)}
    )


def signatories_conflict(agreement: Agreement, expected: str) -> SignatoriesConflict | None:
    """The conflict if the stored signatories are no longer the version `expected`."""
    token = signatories_version(agreement)
    if token == expected:
        return None
    return SignatoriesConflict(
        list(agreement.signatories.select_related("person", "organisation")), token
    )


@transaction.atomic
def agreement_signatories_set(
    *, agreement: Agreement, rows: list[dict], expected: str | None = None
) -> list[AgreementSignatory]:
    """Make the agreement's signatories the given rows, in their order.

    A row with the `id` of a stored signatory updates it, any other row is a new signatory;
    stored signatories not among the rows are removed. With `expected` (the token of the list
    the author saw) a list changed by someone else meanwhile raises `SignatoriesConflict`, whose
    `stored` is the list as it is now and `token` the version to save over it next time.
    """
    Agreement.objects.select_for_update().filter(pk=agreement.pk).first()
    if expected:
        conflict = signatories_conflict(agreement, expected)
        if conflict is not None:
            raise conflict
    stored = list(agreement.signatories.all())
    by_pk = {s.pk: s for s in stored}
    sides = side_organisations(agreement.partnership)
    kept = []
    for position, row in enumerate(rows):
        signatory = by_pk.pop(row.get("id"), None) or AgreementSignatory(agreement=agreement)
        values = {field: row.get(field) for field in ROW_FIELDS}
        values["name"] = (values["name"] or "").strip()
        values["function"] = (values["function"] or "").strip()
        values["position"] = position
        organisation = values["organisation"]
        if (
            organisation is not None
            and organisation.pk != signatory.organisation_id
            and not sides.filter(pk=organisation.pk).exists()
        ):
            # A newly chosen organisation must be of a side; one already recorded stays (the
            # form keeps it among the choices), so its row's other fields can be corrected.
            raise _row_error(
                position,
                ValidationError(_("The organisation belongs to none of the partnership's sides.")),
            )
        try:
            model_update(instance=signatory, data=values)  # an unchanged row is not written
        except ValidationError as exc:
            raise _row_error(position, exc) from exc
        kept.append(signatory)
    for gone in by_pk.values():
        gone.delete()
    return kept


@transaction.atomic
def agreement_save(
    *,
    agreement: Agreement | None,
    partnership=None,
    data: dict,
    topics=None,
    signatories: list[dict] | None = None,
    user=None,
    note: str = "",
    expected: Expected | None = None,
    signatories_expected: str | None = None,
) -> Agreement:
    """Create (`agreement` None) or update an agreement together with its signatories."""
    if agreement is None or agreement.pk is None:
        agreement = agreement_create(
            partnership=partnership, data=data, topics=topics or (), user=user
        )
    else:
        agreement_update(
            agreement=agreement, data=data, topics=topics, user=user, note=note, expected=expected
        )
    if signatories is not None:
        agreement_signatories_set(
            agreement=agreement, rows=signatories, expected=signatories_expected
        )
    return agreement
