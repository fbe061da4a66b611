"""Forms of the answer pages: the start page, the resume form and one questionnaire page.

`PageForm` builds one field per question (a matrix: one per row) from the version's questions.
Which questions count is decided by the conditions (surveys.conditions) over the answers stored
for the other pages plus what was just typed on this one: a hidden question is never required,
its input is not checked and it is not saved. Required answers are enforced only when the
respondent goes forward ("Weiter", "Absenden"); going back or saving for later keeps what was
typed as long as it is well-formed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import conditions as cond
from .models import ConditionOperator, Question, QuestionKind
from .selectors_answering import Page, condition_of, items, number_text, options

RESUME_KEY = re.compile(r"[A-Za-z0-9_-]{16,128}")


class StartForm(forms.Form):
    """The start page: only the panel consent, asked when the wave links waves and the
    respondent came by a personal invitation (its panel key is what would be linked; an open
    link has none, so a consent there would be a consent to nothing)."""

    use_required_attribute = False

    def __init__(self, *args, wave, invitation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if wave.links_waves and invitation is not None:
            self.fields["panel_consent"] = forms.BooleanField(
                label=_("Yes, link my answers with my answers in other waves of this survey."),
                help_text=wave.panel_consent_text
                or _(
                    "A pseudonymous key connects your answers across waves; nobody can see who "
                    "you are. Without this consent you can still take part."
                ),
                required=False,
            )


class ResumeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code or link to continue"),
        help_text=_("The code you copied when you saved your answers, or the whole link."),
        max_length=500,
    )

    def clean_code(self) -> str:
        """The resume key from a pasted code or link (the last key-like part of it)."""
        text = self.cleaned_data["code"].strip()
        found = RESUME_KEY.findall(text)
        if not found:
            raise forms.ValidationError(gettext("This is not a code to continue a survey."))
        keys = [k for k in found if k not in ("befragungen", "antworten", "surveys")]
        return keys[-1] if keys else found[-1]


def field_name(question: Question, item=None) -> str:
    return f"{question.code}__{item.code}" if item is not None else question.code


def _choices(question):
    return [(c.code, c.label) for c in options(question)]


def _field(question: Question) -> forms.Field:
    common = {"label": question.text, "help_text": question.help_text, "required": False}
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
        return forms.ChoiceField(widget=forms.RadioSelect, choices=_choices(question), **common)
    if kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            widget=forms.CheckboxSelectMultiple, choices=_choices(question), **common
        )
    if kind == QuestionKind.NUMBER:
        attrs = {"step": "any", "inputmode": "decimal"}
        return forms.FloatField(
            min_value=question.min_value,
            max_value=question.max_value,
            widget=forms.NumberInput(attrs=attrs),
            **common,
        )
    widget = forms.Textarea(attrs={"rows": 5}) if kind == QuestionKind.LONG_TEXT else None
    return forms.CharField(
        max_length=question.max_length or None,
        widget=widget or forms.TextInput,
        strip=True,
        **common,
    )


def _quoted(values) -> str:
    return ", ".join(gettext("“%(value)s”") % {"value": v} for v in values)


def condition_hint(question: Question) -> str:
    """ "Only answer if …": shown at a conditional question on the parent's page (without
    JavaScript the question stays visible and the respondent decides)."""
    parent = question.condition_question
    labels = {c.code: c.label for c in options(parent)}
    values = [labels.get(str(v), str(v)) for v in question.condition_values or []]
    operator = question.condition_operator
    if operator == ConditionOperator.ANSWERED:
        condition = str(ConditionOperator.ANSWERED.label)
    elif operator == ConditionOperator.ANY_OF:
        condition = f"{ConditionOperator(operator).label} {_quoted(values)}"
    else:
        condition = f"{ConditionOperator(operator).label} {_quoted(values[:1])}"
    return gettext("Only answer if: “%(question)s” %(condition)s.") % {
        "question": parent.text,
        "condition": condition,
    }


@dataclass
class Entry:
    """One question as the page shows it."""

    question: Question
    names: list[str]
    rows: list = field(default_factory=list)  # a matrix: (item, field name)
    hint: str = ""
    condition: cond.Condition | None = None
    on_page: bool = False  # its condition question is on this page (answer.js decides)


class PageForm(forms.Form):
    """One questionnaire page.

    `stored`: the values stored for every question (code → list of strings), used for the
    conditions on other pages' questions and, unbound, as the initial values of this page."""

    use_required_attribute = False

    def __init__(
        self,
        data=None,
        *,
        page: Page,
        all_conditions: dict,
        stored: dict[str, dict],
        enforce_required: bool = True,
    ):
        self.page = page
        self.all_conditions = all_conditions
        self.stored_values = {code: entry["values"] for code, entry in stored.items()}
        self.enforce_required = enforce_required
        self.entries: list[Entry] = []
        super().__init__(data, initial=self._initial(stored))
        page_codes = {q.code for q in page.questions}
        shown_before = cond.visible_codes(all_conditions, self.stored_values)
        rendered: set[str] = set()
        for question in page.questions:
            condition = condition_of(question)
            on_page = condition is not None and condition.question in page_codes
            if condition is None:
                show = True
            elif on_page:
                show = condition.question in rendered
            else:
                show = question.code in shown_before
            if not show:
                continue
            rendered.add(question.code)
            entry = Entry(question=question, names=[], condition=condition, on_page=on_page)
            if on_page:
                entry.hint = condition_hint(question)
            if question.kind == QuestionKind.MATRIX:
                for item in items(question):
                    name = field_name(question, item)
                    self.fields[name] = forms.ChoiceField(
                        widget=forms.RadioSelect,
                        choices=_choices(question),
                        label=item.label,
                        required=False,
                    )
                    entry.names.append(name)
                    entry.rows.append((item, name))
            else:
                name = field_name(question)
                self.fields[name] = _field(question)
                entry.names.append(name)
            self.entries.append(entry)
        self.visible = self._visible() if self.is_bound else rendered

    def _initial(self, stored) -> dict:
        initial = {}
        for question in self.page.questions:
            entry = stored.get(question.code)
            if not entry:
                continue
            values = entry["values"]
            if question.kind == QuestionKind.MATRIX:
                for item_code, code in entry["items"].items():
                    initial[f"{question.code}__{item_code}"] = code
            elif question.kind == QuestionKind.MULTIPLE:
                initial[question.code] = values
            elif values:
                initial[question.code] = values[0]
        return initial

    def _typed(self, entry: Entry) -> list[str]:
        if entry.question.kind == QuestionKind.MULTIPLE:
            return self.data.getlist(entry.names[0]) if hasattr(self.data, "getlist") else []
        return [str(self.data.get(name, "")) for name in entry.names]

    def _visible(self) -> set[str]:
        """The shown questions of this page given what was typed (conditions chained)."""
        values = dict(self.stored_values)
        for entry in self.entries:
            values[entry.question.code] = self._typed(entry)
        shown = cond.visible_codes(self.all_conditions, values)
        return {e.question.code for e in self.entries if e.question.code in shown}

    def clean(self):
        cleaned = super().clean()
        for entry in self.entries:
            if entry.question.code not in self.visible:
                for name in entry.names:
                    self._errors.pop(name, None)
                    cleaned.pop(name, None)
                continue
            if not (self.enforce_required and entry.question.required):
                continue
            for name in entry.names:
                if name in self._errors:
                    continue
                value = cleaned.get(name)
                if value in (None, "", []):
                    self.add_error(name, self._missing_message(entry))
        return cleaned

    @staticmethod
    def _missing_message(entry: Entry) -> str:
        kind = entry.question.kind
        if kind == QuestionKind.MULTIPLE:
            return gettext("Please choose at least one answer.")
        if kind == QuestionKind.MATRIX:
            return gettext("Please choose an answer for this row.")
        if kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
            return gettext("Please choose an answer.")
        return gettext("Please answer this question.")

    def answers(self) -> list[dict]:
        """The answers to store for this page's shown questions (coded, one row each)."""
        rows = []
        for entry in self.entries:
            question = entry.question
            if question.code not in self.visible:
                continue
            if question.kind == QuestionKind.MATRIX:
                for item, name in entry.rows:
                    code = self.cleaned_data.get(name)
                    if code:
                        rows.append({"question": question, "item": item, "code": code})
                continue
            value = self.cleaned_data.get(entry.names[0])
            if value in (None, "", []):
                continue
            if question.kind == QuestionKind.MULTIPLE:
                rows.extend({"question": question, "code": code} for code in value)
            elif question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
                rows.append({"question": question, "code": value})
            elif question.kind == QuestionKind.NUMBER:
                rows.append({"question": question, "number": value})
            else:
                rows.append({"question": question, "text": value})
        return rows

    def typed_values(self) -> dict[str, list[str]]:
        """Values of this page's shown questions as the conditions read them."""
        result = {}
        for row in self.answers():
            code = row["question"].code
            if "number" in row:
                value = number_text(row["number"])
            else:
                value = row.get("code", row.get("text", ""))
            result.setdefault(code, []).append(value)
        return result
