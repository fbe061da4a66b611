"""DDI-Codebook 2.5 of a wave: the study (instrument, wave, period, population, mode), the data
file (cases and variables) and one `var` per column of the coded table (`surveys.exports`),
in the same order, with labels, question text, categories (missing codes `missing="Y"`),
condition (the variable's universe) and format.

Built with xml.etree (lxml is no dependency). Element order follows the DDI 2.5 schema:
stdyDscr (citation; stdyInfo/sumDscr with period, dates, geographic cover and universe;
method/dataColl with sampling, mode and instrument), fileDscr (fileTxt with fileName and
dimensns), dataDscr.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - writing only; nothing is parsed here

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .exports import Variable, complete_responses, wave_variables

NAMESPACE = "ddi:codebook:2_5"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ("de", "en")


def _q(tag: str) -> str:
    """Tags are written unqualified under the root's default namespace (xmlns on the root):
    ElementTree writes a default namespace only where no attribute is unqualified."""
    return tag


def _sub(parent, tag: str, text=None, **attributes):
    element = ET.SubElement(parent, _q(tag), {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = str(text)
    return element


def _translated(obj, attr: str, language: str) -> str:
    return getattr(obj, f"{attr}_{language}", "") or getattr(obj, attr) or ""


def data_filename(wave) -> str:
    return f"{slugify(wave.slug)}-daten.csv"


def _study(root, wave) -> None:
    instrument = wave.version.instrument
    study = _sub(root, "stdyDscr")
    citation = _sub(study, "citation")
    titles = _sub(citation, "titlStmt")
    _sub(titles, "titl", wave.title)
    for language in LANGUAGES:
        _sub(titles, "parTitl", _translated(instrument, "title", language), **{XML_LANG: language})
    _sub(titles, "IDNo", f"{instrument.code}/{wave.slug}", agency="bildungsnetz")
    producer = _sub(citation, "rspStmt")
    _sub(producer, "AuthEnty", wave.territory.name)
    _sub(_sub(citation, "verStmt"), "version", wave.version.number)

    info = _sub(study, "stdyInfo")
    for language in LANGUAGES:
        description = _translated(instrument, "description", language)
        if description:
            _sub(info, "abstract", description, **{XML_LANG: language})
    summary = _sub(info, "sumDscr")
    _sub(summary, "timePrd", wave.period, event="single")
    _sub(summary, "collDate", wave.opens.isoformat(), date=wave.opens.isoformat(), event="start")
    _sub(summary, "collDate", wave.closes.isoformat(), date=wave.closes.isoformat(), event="end")
    _sub(summary, "geogCover", wave.territory.name)
    _sub(summary, "anlyUnit", _("individuals"))
    _sub(summary, "universe", wave.population, clusion="I")

    method = _sub(study, "method")
    collection = _sub(method, "dataColl")
    _sub(collection, "dataCollector", wave.territory.name)
    sampling = (
        _("Personal invitations (one token each)")
        if wave.access == wave.Access.INVITATION
        else _("Open link (anyone with the link)")
    )
    _sub(collection, "sampProc", sampling)
    if wave.population_size:
        _sub(collection, "targetSampleSize", wave.population_size)
    _sub(collection, "collMode", _("Self-administered web questionnaire"))
    _sub(collection, "resInstru", _("Structured questionnaire"), type="structured")


def _file(root, wave, cases: int, variables: list[Variable]) -> None:
    description = _sub(root, "fileDscr", ID="F1")
    text = _sub(description, "fileTxt")
    _sub(text, "fileName", data_filename(wave))
    dimensions = _sub(text, "dimensns")
    _sub(dimensions, "caseQnty", cases)
    _sub(dimensions, "varQnty", len(variables))
    _sub(text, "fileType", "text/csv")


def _variable(parent, variable: Variable, index: int, language: str) -> None:
    interval = "discrete" if variable.categories or not variable.numeric else "contin"
    var = _sub(parent, "var", ID=f"V{index}", name=variable.name, files="F1", intrvl=interval)
    for lang in LANGUAGES:
        _sub(var, "labl", variable.label(lang), **{XML_LANG: lang})
    if variable.kind != "meta":
        question = _sub(var, "qstn", ID=f"Q{index}")
        text = variable.texts.get(language) or variable.texts.get("de", "")
        _sub(question, "qstnLit", text)
    if variable.condition:
        _sub(var, "universe", variable.condition, clusion="I")
    for category in variable.categories:
        attributes = {"missing": "Y"} if category.is_missing else {}
        catgry = _sub(var, "catgry", **attributes)
        _sub(catgry, "catValu", category.code)
        for lang in LANGUAGES:
            _sub(catgry, "labl", category.labels.get(lang, ""), **{XML_LANG: lang})
    kind = "numeric" if variable.numeric else "character"
    _sub(var, "varFormat", type=kind, schema="other")


def codebook_xml(wave, *, language: str = "de") -> bytes:
    """The DDI-Codebook 2.5 document of the wave, as UTF-8 bytes."""
    variables = wave_variables(wave)
    cases = complete_responses(wave).count()
    root = ET.Element(
        _q("codeBook"),
        {"xmlns": NAMESPACE, "version": "2.5", "ID": f"bildungsnetz-{wave.slug}"},
    )
    root.set(XML_LANG, language)
    _study(root, wave)
    _file(root, wave, cases, variables)
    data = _sub(root, "dataDscr")
    for index, variable in enumerate(variables, start=1):
        _variable(data, variable, index, language)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
