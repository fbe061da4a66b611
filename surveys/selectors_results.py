"""Reading the results of waves: complete answers loaded in bulk, per question tables with
small cells suppressed (`surveys.stats`), breakdowns by another question, and waves side by
side by question code. Free text is never read here: a text question shows only how many
answered it."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.db.models import Count

from . import stats
from .models import (
    TEXT_KINDS,
    Answer,
    Choice,
    Question,
    QuestionKind,
    ResponseStatus,
    Wave,
)
from .selectors import wave_list

#: Kinds whose codes lie on a scale, so that a mean means something.
SCALE_KINDS = (QuestionKind.LIKERT, QuestionKind.MATRIX)
#: Kinds a breakdown may group by.
GROUP_KINDS = (QuestionKind.SINGLE, QuestionKind.LIKERT)

_COLUMNS = ["response", "question", "item", "code", "number"]


@dataclass
class Variable:
    """One variable of a version: a question, or one row (item) of a matrix question; `code`
    is its variable name (the question's code, the matrix row's code)."""

    code: str
    label: str
    question: Question
    item: Choice | None = None
    options: list[Choice] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def missing_codes(self) -> list[str]:
        return [o.code for o in self.options if o.is_missing]

    def scale(self) -> tuple[float, float] | None:
        """Smallest and largest numeric code of the valid options, if all are numbers."""
        valid = [o.code for o in self.options if not o.is_missing]
        values = pd.to_numeric(pd.Series(valid, dtype=object), errors="coerce")
        if not len(values) or values.isna().any():
            return None
        return float(values.min()), float(values.max())


@dataclass
class VariableResult:
    """What the page shows of one variable in one wave."""

    variable: Variable
    rows: list[dict] = field(default_factory=list)  # {"code", "label", "cell"}
    missing: list[dict] = field(default_factory=list)
    total: stats.Cell | None = None
    summary: stats.Summary | None = None
    answered: stats.Cell | None = None  # text questions: only how many answered

    @property
    def hidden(self) -> bool:
        """Whether some figure of it is not shown (the page then explains the symbol)."""
        cells = [row["cell"] for row in [*self.rows, *self.missing]]
        cells += [c for c in (self.total, self.answered) if c is not None]
        return any(c.suppressed for c in cells) or bool(self.summary and self.summary.suppressed)


def version_questions(version) -> list[Question]:
    return list(
        Question.objects.filter(version=version)
        .select_related("section")
        .prefetch_related("choices")
        .order_by("section__order", "order", "pk")
    )


def version_variables(version) -> list[Variable]:
    """The variables of a version in questionnaire order (a matrix: one per row)."""
    out = []
    for question in version_questions(version):
        choices = list(question.choices.all())
        options = [c for c in choices if c.role == Choice.Role.OPTION]
        if question.kind == QuestionKind.MATRIX:
            for item in (c for c in choices if c.role == Choice.Role.ITEM):
                out.append(Variable(item.code, item.label, question, item, options))
        else:
            out.append(Variable(question.code, question.text, question, None, options))
    return out


def wave_answers(wave: Wave) -> pd.DataFrame:
    """The coded answers (no text) of the wave's complete responses, one row per answer."""
    rows = (
        Answer.objects.filter(response__wave=wave, response__status=ResponseStatus.COMPLETE)
        .exclude(question__kind__in=TEXT_KINDS)
        .values_list("response_id", "question_id", "item_id", "code", "number")
    )
    frame = pd.DataFrame.from_records(list(rows), columns=_COLUMNS)
    frame["number"] = pd.to_numeric(frame["number"], errors="coerce").astype(np.float64)
    frame["code"] = frame["code"].fillna("").astype(str)
    return frame


def _texts_answered(wave: Wave) -> dict[int, int]:
    """Per text question how many complete responses answered it (the texts stay unread)."""
    rows = (
        Answer.objects.filter(
            response__wave=wave,
            response__status=ResponseStatus.COMPLETE,
            question__kind__in=TEXT_KINDS,
        )
        .exclude(text="")
        .values("question_id")
        .annotate(n=Count("response", distinct=True))
    )
    return {r["question_id"]: r["n"] for r in rows}


def variable_series(variable: Variable, answers: pd.DataFrame) -> pd.Series:
    """One value per responding respondent: the code (choices) or the number, by response."""
    part = answers[answers["question"] == variable.question.pk]
    if variable.item is not None:
        part = part[part["item"] == variable.item.pk]
    if variable.kind == QuestionKind.NUMBER:
        return part.drop_duplicates("response").set_index("response")["number"].dropna()
    part = part[part["code"] != ""]
    return part.drop_duplicates("response").set_index("response")["code"]


def _scores(variable: Variable, codes: pd.Series) -> np.ndarray:
    valid = codes[~codes.isin(variable.missing_codes)]
    return pd.to_numeric(valid, errors="coerce").to_numpy(dtype=np.float64)


def variable_result(variable: Variable, answers: pd.DataFrame, texts: dict) -> VariableResult:
    """The suppressed table (and summary) of one variable."""
    result = VariableResult(variable)
    kind = variable.kind
    if kind in TEXT_KINDS:
        n = texts.get(variable.question.pk, 0)
        hidden = stats.PRIMARY if 0 < n < stats.MIN_CELL else stats.SHOWN
        result.answered = stats.Cell(None if hidden else float(n), hidden)
        return result
    if kind == QuestionKind.NUMBER:
        result.summary = stats.describe(variable_series(variable, answers).to_numpy())
        return result
    labels = {o.code: o.label for o in variable.options}
    codes = [o.code for o in variable.options]
    if kind == QuestionKind.MULTIPLE:
        part = answers[(answers["question"] == variable.question.pk) & (answers["code"] != "")]
        chosen = pd.crosstab(part["response"], part["code"]).reindex(columns=codes, fill_value=0)
        table = stats.multiple_choice((chosen.to_numpy() > 0).astype(float), codes)
        result.rows = [{"code": c, "label": labels[c], "cell": cell} for c, cell in table.rows]
        result.total = table.total
        return result
    series = variable_series(variable, answers)
    table = stats.frequencies(series.tolist(), codes, variable.missing_codes)
    result.rows = [{"code": c, "label": labels[c], "cell": cell} for c, cell in table.rows]
    result.missing = [{"code": c, "label": labels[c], "cell": cell} for c, cell in table.missing]
    result.total = table.total
    if kind in SCALE_KINDS and variable.scale() is not None:
        result.summary = stats.describe(_scores(variable, series))
    return result


def wave_results(wave: Wave) -> list[VariableResult]:
    """Every variable of the wave's version with its suppressed table."""
    answers = wave_answers(wave)
    texts = _texts_answered(wave)
    return [variable_result(v, answers, texts) for v in version_variables(wave.version)]


def wave_respondents(wave: Wave) -> stats.Cell:
    """How many complete responses the wave has (hidden below MIN_CELL)."""
    n = wave.responses.filter(status=ResponseStatus.COMPLETE).count()
    hidden = stats.PRIMARY if 0 < n < stats.MIN_CELL else stats.SHOWN
    return stats.Cell(None if hidden else float(n), hidden)


# --- breakdowns ------------------------------------------------------------------------------


def breakdown_choices(wave: Wave) -> tuple[list[Variable], list[Variable]]:
    """The variables one may break down (choices and numbers, no text, no multiple choice) and
    those one may break down by (single choices and scales)."""
    variables = version_variables(wave.version)
    rows = [v for v in variables if v.kind not in (*TEXT_KINDS, QuestionKind.MULTIPLE)]
    groups = [v for v in variables if v.kind in GROUP_KINDS]
    return rows, groups


@dataclass
class Breakdown:
    variable: Variable
    by: Variable
    groups: list[dict]  # {"code", "label", "total": Cell}
    rows: list[dict] = field(default_factory=list)  # {"code", "label", "cells", "total"}
    total: stats.Cell | None = None
    summaries: list[stats.Summary] = field(default_factory=list)
    overall: stats.Summary | None = None

    @property
    def means(self) -> list[dict]:
        """The groups with their summaries side by side (for the page)."""
        return [{**g, "summary": s} for g, s in zip(self.groups, self.summaries, strict=True)]


def _hidden_in_frequencies(variable: Variable, answers: pd.DataFrame) -> np.ndarray:
    """Per option code of `variable` whether its own frequency table hides it."""
    codes = [o.code for o in variable.options]
    series = variable_series(variable, answers)
    table = stats.frequencies(series.tolist(), codes, variable.missing_codes)
    hidden = {code for code, cell in [*table.rows, *table.missing] if cell.suppressed}
    return np.array([code in hidden for code in codes], dtype=bool)


def wave_breakdown(wave: Wave, variable: Variable, by: Variable) -> Breakdown:
    """`variable` broken down by the groups of `by` among respondents who answered both; the
    cells of the groups, their totals and the grand total suppressed together."""
    answers = wave_answers(wave)
    values = variable_series(variable, answers)
    groups = variable_series(by, answers)
    joined = pd.concat([values.rename("v"), groups.rename("g")], axis=1, join="inner")
    group_codes = [o.code for o in by.options]
    group_labels = {o.code: o.label for o in by.options}
    # The groups and answers the questions' own tables hide stay hidden in the breakdown.
    hidden_groups = _hidden_in_frequencies(by, answers)
    if variable.kind == QuestionKind.NUMBER:
        parts, overall = stats.describe_by(
            joined["v"].to_numpy(), joined["g"], group_codes, hidden_groups
        )
        return Breakdown(
            variable=variable,
            by=by,
            groups=[{"code": c, "label": group_labels[c]} for c in group_codes],
            summaries=parts,
            overall=overall,
        )
    codes = [o.code for o in variable.options]
    labels = {o.code: o.label for o in variable.options}
    table = stats.crosstab(
        joined["v"],
        joined["g"],
        codes,
        group_codes,
        hidden_rows=_hidden_in_frequencies(variable, answers),
        hidden_cols=hidden_groups,
    )
    result = Breakdown(
        variable=variable,
        by=by,
        groups=[
            {"code": c, "label": group_labels[c], "total": table.col_totals[j]}
            for j, c in enumerate(group_codes)
        ],
        total=table.total,
    )
    result.rows = [
        {"code": c, "label": labels[c], "cells": table.cells[i], "total": table.row_totals[i]}
        for i, c in enumerate(codes)
    ]
    if variable.kind in SCALE_KINDS and variable.scale() is not None:
        scores = joined[~joined["v"].isin(variable.missing_codes)]
        numbers = pd.to_numeric(scores["v"], errors="coerce").to_numpy(dtype=np.float64)
        result.summaries, result.overall = stats.describe_by(
            numbers, scores["g"], group_codes, hidden_groups
        )
    return result


# --- waves side by side ----------------------------------------------------------------------


def waves_for_comparison(*, user, slugs: list[str]) -> list[Wave]:
    """The waves named (in the order named) whose results the user may see."""
    visible = {
        w.slug: w
        for w in wave_list(user=user).filter(slug__in=slugs).select_related("version", "territory")
        if user.has_perm("surveys.view_results", w)
    }
    return [visible[s] for s in dict.fromkeys(slugs) if s in visible]


@dataclass
class Comparison:
    code: str
    label: str
    kind: str
    results: list[VariableResult | None]  # per wave; None: not in that wave's version
    rows: list[dict] = field(default_factory=list)  # {"code", "label", "cells": [Cell|None]}

    @property
    def missing_in(self) -> list[int]:
        return [i for i, r in enumerate(self.results) if r is None]


def waves_comparison(waves: list[Wave]) -> list[Comparison]:
    """Per variable code (in the order of the first wave that has it) the result of each wave,
    matched by code across versions; a code a wave's version lacks is None for that wave."""
    per_wave = []
    for wave in waves:
        answers, texts = wave_answers(wave), _texts_answered(wave)
        variables = version_variables(wave.version)
        per_wave.append({v.code: variable_result(v, answers, texts) for v in variables})
    codes = list(dict.fromkeys(code for results in per_wave for code in results))
    out = []
    for code in codes:
        results = [results.get(code) for results in per_wave]
        first = next(r for r in results if r is not None)
        comparison = Comparison(code, first.variable.label, first.variable.kind, results)
        option_codes = list(
            dict.fromkeys(
                row["code"] for r in results if r is not None for row in [*r.rows, *r.missing]
            )
        )
        for option in option_codes:
            label, cells = "", []
            for r in results:
                row = None
                if r is not None:
                    row = next((x for x in [*r.rows, *r.missing] if x["code"] == option), None)
                label = label or (row["label"] if row else "")
                cells.append(row["cell"] if row else None)
            comparison.rows.append({"code": option, "label": label, "cells": cells})
        out.append(comparison)
    return out


# --- indices ---------------------------------------------------------------------------------


def index_variables(index, variables: list[Variable]) -> list[Variable]:
    """The items of an index among `variables`: each code names a variable (a question or a
    matrix row) or a matrix question (all its rows); only items on a numeric scale count."""
    codes = set(index.question_codes)
    return [
        v
        for v in variables
        if (v.code in codes or v.question.code in codes)
        and v.kind in (*SCALE_KINDS, QuestionKind.SINGLE)
        and v.scale() is not None
    ]


def wave_index(index, wave: Wave) -> stats.Summary:
    """The index of a wave: per respondent the mean of the item scores (0–100 over the valid
    codes of each item's scale) where at least `min_items` items are answered, then the mean
    over respondents; hidden below MIN_CELL respondents."""
    answers = wave_answers(wave)
    columns = {}
    for variable in index_variables(index, version_variables(wave.version)):
        codes = variable_series(variable, answers)
        low, high = variable.scale()
        valid = codes[~codes.isin(variable.missing_codes)]
        columns[variable.code] = stats.item_scores(valid, low, high)
    if not columns:
        return stats.Summary(0)
    per_respondent = stats.index_scores(pd.DataFrame(columns), index.min_items)
    return stats.index_value(per_respondent.dropna())
