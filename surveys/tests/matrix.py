"""Matrix specs of survey authoring (see bildungsnetz/testing/permissions.py): an instrument,
a wave in preparation, a running wave and creating an instrument.

An instrument belongs to its territory: everyone holding an editor's role anywhere sees it (to
run it in their own city; `other_city` too), only the territory's editors change it (in the
matrix's world the coordinator and admin of the city: the organisation's editor holds no role
in the city). A wave belongs to its city: in preparation it exists only for those who prepare
it (404 for everyone else); running, its page is public, but only the city's coordinators
close it and import invitations.
"""

from __future__ import annotations

import itertools

from django.urls import reverse

from bildungsnetz.testing.permissions import (
    COORDINATORS,
    EVERYONE,
    HIDDEN,
    Action,
    Spec,
    reload,
)
from surveys.models import Instrument, Quota, Wave, WaveStatus

from .factories import ChoiceFactory, InstrumentFactory, QuestionFactory, WaveFactory

_seq = itertools.count(1)
# Holding an editor's role anywhere: the organisation's editor, the city's coordinator and
# admin, the coordinator of a third city, the platform's admin.
ROLE_HOLDERS = frozenset({"editor", "coordinator", "admin", "other_city", "superuser"})


def _url(name, *args):
    return reverse(f"surveys:{name}", args=args)


def make_instrument(world, tenant):
    n = next(_seq)
    instrument = InstrumentFactory(
        territory=tenant.city, code=f"matrix-instrument-{n}", title=f"Matrixinstrument {n}"
    )
    question = QuestionFactory(
        section__version__instrument=instrument, code="TH01", text="Matrixfrage?"
    )
    ChoiceFactory(question=question, code="1", label="ja")
    return instrument


def make_wave(world, tenant, status=WaveStatus.DRAFT):
    instrument = make_instrument(world, tenant)
    n = next(_seq)
    return WaveFactory(
        version=instrument.versions.get(),
        territory=tenant.city,
        slug=f"matrix-welle-{n}",
        title=f"Matrixwelle {n}",
        status=status,
        access=Wave.Access.INVITATION,
    )


def make_running(world, tenant):
    return make_wave(world, tenant, status=WaveStatus.OPEN)


def _question_data(code):
    return {"code": code, "kind": "single", "text_de": "Neue Frage?"}


def _add_question(call, instrument):
    version = instrument.versions.get()
    data = {**_question_data("TH99"), "section": version.sections.get().pk}
    return call.post(_url("question_create", instrument.code, version.number), data)


def _wave_data(obj, title):
    return {
        "title": title, "version": obj.version_id, "territory_key": obj.territory.key,
        "period": "2026", "opens": "2026-01-01", "closes": "2026-12-31",
        "population": "Eltern", "access": "invitation",
    }  # fmt: skip


def _create_wave(call, instrument):
    data = _wave_data(
        WaveFactory.build(version=instrument.versions.get(), territory=instrument.territory),
        f"Neue Welle {instrument.pk}",
    )
    return call.post(_url("wave_create", instrument.code), data)


def _add_quota(call, wave):
    choice = wave.version.questions.get().choices.get()
    return call.post(_url("quota_create", wave.slug), {"choice": choice.pk, "limit": 5})


SPECS = [
    Spec(
        "surveys.instrument",
        make=make_instrument,
        actions=[
            Action(
                "view",
                ROLE_HOLDERS,
                allowed_foreign=ROLE_HOLDERS,
                perm="surveys.view_instrument",
                not_found=HIDDEN,
                page=lambda call, obj: call.get(obj.get_absolute_url()),
            ),
            Action(
                "view_version",
                ROLE_HOLDERS,
                allowed_foreign=ROLE_HOLDERS,
                not_found=HIDDEN,
                page=lambda call, obj: call.get(_url("version_detail", obj.code, 1)),
            ),
            Action(
                "change",
                COORDINATORS,
                perm="surveys.change_instrument",
                not_found="view",
                page=lambda call, obj: call.post(
                    _url("instrument_edit", obj.code), {"title_de": "Geändert"}
                ),
                admin="change",
                effect=lambda obj: reload(obj).title == "Geändert",
            ),  # fmt: skip
            Action(
                "add_question",
                COORDINATORS,
                not_found="view",
                page=_add_question,
                effect=lambda obj: obj.versions.get().questions.filter(code="TH99").exists(),
            ),
            Action(
                "new_version",
                COORDINATORS,
                not_found="view",
                page=lambda call, obj: call.post(
                    _url("version_new", obj.code, 1), {"note": "Matrix"}
                ),
                effect=lambda obj: obj.versions.filter(number=2).exists(),
            ),  # fmt: skip
            Action(
                "create_wave",
                COORDINATORS,
                not_found="view",
                page=_create_wave,
                effect=lambda obj: Wave.objects.filter(title=f"Neue Welle {obj.pk}").exists(),
            ),
            Action(
                "list",
                ROLE_HOLDERS,
                allowed_foreign=ROLE_HOLDERS,
                probe=lambda call, obj: (
                    obj.title in call.get(_url("instrument_list"), {"q": obj.code}).content.decode()
                ),
            ),
        ],
    ),
    Spec(
        "surveys.wave (in preparation)",
        make=make_wave,
        actions=[
            Action(
                "view",
                COORDINATORS,
                perm="surveys.view_wave",
                not_found=HIDDEN,
                page=lambda call, obj: call.get(obj.get_absolute_url()),
            ),
            Action(
                "change",
                COORDINATORS,
                perm="surveys.change_wave",
                not_found=HIDDEN,
                page=lambda call, obj: call.post(
                    _url("wave_edit", obj.slug), _wave_data(obj, "Geänderte Welle")
                ),
                admin="change",
                effect=lambda obj: reload(obj).title == "Geänderte Welle",
            ),  # fmt: skip
            Action(
                "open",
                COORDINATORS,
                perm="surveys.run_wave",
                not_found=HIDDEN,
                page=lambda call, obj: call.post(_url("wave_open", obj.slug)),
                effect=lambda obj: reload(obj).status == WaveStatus.OPEN,
            ),
            Action(
                "add_quota",
                COORDINATORS,
                not_found=HIDDEN,
                page=_add_quota,
                effect=lambda obj: Quota.objects.filter(wave=obj).exists(),
            ),
            Action(
                "home",
                COORDINATORS,
                probe=lambda call, obj: obj.title in call.get(_url("home")).content.decode(),
            ),
        ],
    ),
    Spec(
        "surveys.wave (running)",
        make=make_running,
        actions=[
            Action(
                "view",
                EVERYONE,
                perm="surveys.view_wave",
                page=lambda call, obj: call.get(obj.get_absolute_url()),
            ),
            Action(
                "close",
                COORDINATORS,
                perm="surveys.run_wave",
                not_found="view",
                page=lambda call, obj: call.post(_url("wave_close", obj.slug)),
                effect=lambda obj: reload(obj).status == WaveStatus.CLOSED,
            ),
            Action(
                "import_invitations",
                COORDINATORS,
                not_found="view",
                page=lambda call, obj: call.get(_url("invitation_import", obj.slug)),
            ),
            Action(
                "home",
                EVERYONE,
                probe=lambda call, obj: obj.title in call.get(_url("home")).content.decode(),
            ),
            Action(
                "results",
                EVERYONE,
                perm="surveys.view_results",
                page=lambda call, obj: call.get(_url("results_wave", obj.slug)),
            ),
            Action(
                "export_raw",
                COORDINATORS,
                perm="surveys.export_raw",
                not_found="view",
                page=lambda call, obj: call.get(_url("export_answers", obj.slug)),
            ),
            Action(
                "codebook",
                EVERYONE,
                page=lambda call, obj: call.get(_url("export_codebook", obj.slug)),
            ),
        ],
    ),
    Spec(
        "surveys.instrument (new)",
        make=lambda world, tenant: tenant.city,
        actions=[
            Action(
                "add",
                COORDINATORS,
                page=lambda call, city: call.post(
                    _url("instrument_create"),
                    {
                        "code": f"neu-{city.pk}",
                        "title_de": f"Neues Instrument {city.pk}",
                        "territory_key": city.key,
                    },
                ),
                effect=lambda city: Instrument.objects.filter(code=f"neu-{city.pk}").exists(),
            ),  # fmt: skip
        ],
    ),
]
