"""The coded data of a wave and its codebook: one row per complete response, one column per
variable, the same columns (in the same order) as the DDI-Codebook (`surveys.ddi`).

Variables follow the shared naming: a question's code (single choice, Likert, number, text); a
matrix row's item code (e.g. TH05a); a multiple choice gives one 0/1 column per option,
`{code}_{option}`. A respondent is a sequential number, never the database id or resume key;
the panel key is a column only where the wave links waves. Only complete responses count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from .models import (
    Answer,
    Choice,
    ConditionOperator,
    Question,
    QuestionKind,
    Response,
    ResponseStatus,
    Version,
    Wave,
)

LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Category:
    code: str
    labels: dict  # language → label
    is_missing: bool = False


@dataclass(frozen=True)
class Variable:
    """One column of the coded table."""

    name: str
    kind: str  # a QuestionKind value, or "meta" for respondent, version, language, …
    labels: dict  # language → label (question text; a matrix row: question – row)
    numeric: bool
    categories: tuple[Category, ...] = ()
    condition: str = ""
    question_code: str = ""
    option: str = ""  # multiple choice: the option's code
    item: str = ""  # matrix: the row's code
    version: int | None = None
    texts: dict = field(default_factory=dict)  # language → the question's own text

    @property
    def missing_codes(self) -> list[str]:
        return [c.code for c in self.categories if c.is_missing]

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels.get("de", "")


def _translated(obj, attr: str) -> dict:
    return {lang: getattr(obj, f"{attr}_{lang}", "") or getattr(obj, attr) for lang in LANGUAGES}


def _is_number(code: str) -> bool:
    return code.lstrip("-").isdigit()


def condition_text(question: Question) -> str:
    """The condition as people read it: "TH06 = 1", "TH01 = 1 | 2", "TH04 > 3" (in the
    active language for the word forms)."""
    source = question.condition_question
    if source is None or not question.condition_operator:
        return ""
    values = [str(v) for v in (question.condition_values or [])]
    operator = question.condition_operator
    if operator == ConditionOperator.ANSWERED:
        return _("%(code)s is answered") % {"code": source.code}
    symbol = {
        ConditionOperator.EQUALS: "=",
        ConditionOperator.NOT_EQUALS: "≠",
        ConditionOperator.ANY_OF: "=",
        ConditionOperator.GREATER: ">",
        ConditionOperator.LESS: "<",
    }[operator]
    return f"{source.code} {symbol} {' | '.join(values)}"


def _meta_variables(wave: Wave) -> list[Variable]:
    def meta(name, msgid, numeric):
        return Variable(name, "meta", _both(msgid), numeric)

    variables = [
        meta("respondent", gettext_noop("Respondent (sequential number)"), True),
        meta("version", gettext_noop("Version of the instrument"), True),
        meta("language", gettext_noop("Language of the answers"), False),
        meta("submitted", gettext_noop("Submitted (day)"), False),
    ]
    if wave.links_waves:
        variables.append(meta("panel_key", gettext_noop("Panel key (pseudonymous)"), False))
    return variables


def _both(msgid: str) -> dict:
    """A msgid in each language of the exports."""
    labels = {}
    for language in LANGUAGES:
        with override(language):
            labels[language] = _(msgid)
    return labels


def _categories(choices) -> tuple[Category, ...]:
    return tuple(Category(c.code, _translated(c, "label"), c.is_missing) for c in choices)


def _yes_no() -> tuple[Category, ...]:
    return (
        Category("0", _both(gettext_noop("not chosen"))),
        Category("1", _both(gettext_noop("chosen"))),
    )


def version_questions(version: Version):
    return (
        Question.objects.filter(version=version)
        .select_related("section", "condition_question")
        .prefetch_related("choices")
        .order_by("section__order", "section__pk", "order", "pk")
    )


def question_variables(version: Version) -> list[Variable]:
    """The answer variables of a version, in questionnaire order."""
    variables = []
    for question in version_questions(version):
        choices = list(question.choices.all())
        options = [c for c in choices if c.role == Choice.Role.OPTION]
        items = [c for c in choices if c.role == Choice.Role.ITEM]
        texts = _translated(question, "text")
        common = {
            "kind": question.kind,
            "condition": condition_text(question),
            "question_code": question.code,
            "version": version.number,
            "texts": texts,
        }
        if question.kind == QuestionKind.MULTIPLE:
            for option in options:
                labels = {
                    lang: f"{texts[lang]} – {_translated(option, 'label')[lang]}"
                    for lang in LANGUAGES
                }
                variables.append(
                    Variable(
                        f"{question.code}_{option.code}",
                        labels=labels,
                        numeric=True,
                        categories=_yes_no(),
                        option=option.code,
                        **common,
                    )
                )
        elif question.kind == QuestionKind.MATRIX:
            numeric = all(_is_number(o.code) for o in options)
            for item in items:
                labels = {
                    lang: f"{texts[lang]} – {_translated(item, 'label')[lang]}"
                    for lang in LANGUAGES
                }
                variables.append(
                    Variable(
                        item.code,
                        labels=labels,
                        numeric=numeric,
                        categories=_categories(options),
                        item=item.code,
                        **common,
                    )
                )
        elif question.has_choices:
            variables.append(
                Variable(
                    question.code,
                    labels=texts,
                    numeric=all(_is_number(o.code) for o in options),
                    categories=_categories(options),
                    **common,
                )
            )
        else:
            variables.append(
                Variable(
                    question.code,
                    labels=texts,
                    numeric=question.kind == QuestionKind.NUMBER,
                    **common,
                )
            )
    return variables


def wave_variables(wave: Wave) -> list[Variable]:
    """Every column of the wave's coded table, in order (respondent, version, language,
    submitted, panel key where the wave links waves, then the answer variables)."""
    return _meta_variables(wave) + question_variables(wave.version)


def complete_responses(wave: Wave):
    return (
        Response.objects.filter(wave=wave, status=ResponseStatus.COMPLETE)
        .select_related("version")
        .order_by("submitted", "pk")
    )


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _code(code: str, numeric: bool):
    return int(code) if numeric and _is_number(code) else code


def _answers_by_response(wave: Wave) -> dict:
    """response id → {(question code, item code): [answer tuples]}."""
    answers = defaultdict(lambda: defaultdict(list))
    rows = Answer.objects.filter(
        response__wave=wave, response__status=ResponseStatus.COMPLETE
    ).values_list("response_id", "question__code", "item__code", "code", "number", "text")
    for response_id, question_code, item_code, code, number, text in rows.iterator(chunk_size=5000):
        answers[response_id][(question_code, item_code or "")].append((code, number, text))
    return answers


def _cell(variable: Variable, given: dict):
    if variable.kind == QuestionKind.MULTIPLE:
        chosen = given.get((variable.question_code, ""))
        if not chosen:
            return None
        return int(any(code == variable.option for code, _n, _t in chosen))
    if variable.kind == QuestionKind.MATRIX:
        found = given.get((variable.question_code, variable.item))
        return _code(found[0][0], variable.numeric) if found else None
    found = given.get((variable.question_code, ""))
    if not found:
        return None
    code, number, text = found[0]
    if variable.kind == QuestionKind.NUMBER:
        return _number(number)
    if variable.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        return text
    return _code(code, variable.numeric)


def coded_table(wave: Wave) -> tuple[list[Variable], Iterator[list]]:
    """The variables and the rows of the wave's complete responses (values as coded:
    ints for numeric codes, None where a question was not answered or not shown)."""
    variables = wave_variables(wave)
    answers = _answers_by_response(wave)

    def rows():
        for number, response in enumerate(complete_responses(wave), start=1):
            given = answers.get(response.pk, {})
            meta = {
                "respondent": number,
                "version": response.version.number,
                "language": response.language,
                "submitted": localdate(response.submitted) if response.submitted else None,
                "panel_key": response.panel_key if response.panel_consent else "",
            }
            yield [meta[v.name] if v.kind == "meta" else _cell(v, given) for v in variables]

    return variables, rows()


CODEBOOK_HEADER = [
    "variable",
    "question_de",
    "question_en",
    "type",
    "codes_de",
    "codes_en",
    "missing_codes",
    "condition",
    "version",
]


def _codes(variable: Variable, language: str) -> str:
    return "; ".join(f"{c.code} = {c.labels.get(language, '')}" for c in variable.categories)


def codebook_rows(wave: Wave) -> Iterator[list]:
    """One row per column of the coded table, in the same order."""
    for variable in wave_variables(wave):
        yield [
            variable.name,
            variable.label("de"),
            variable.label("en"),
            variable.kind if variable.kind != "meta" else "",
            _codes(variable, "de"),
            _codes(variable, "en"),
            "; ".join(variable.missing_codes),
            variable.condition,
            variable.version or "",
        ]
