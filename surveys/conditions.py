"""Whether a question is shown, from the answers given so far (pure: no Django models).

A question with a condition is shown only when its condition question is shown and answered as
the condition says. Answers come in as `answers_by_code`: a question's code → the values given,
as strings (the chosen options' codes, one number, or a text); an unanswered question is
missing or has no non-empty value.

Operators (models.ConditionOperator):
- ``equals``: one of the values given equals the first condition value (a multiple choice: that
  option is chosen).
- ``not_equals``: the question is answered and none of its values equals the first condition
  value. An unanswered question does not satisfy it, so a follow-up appears only once there is
  an answer to follow up on.
- ``any_of``: one of the values given is among the condition values.
- ``answered``: any value is given.
- ``greater`` / ``less``: one of the values given, read as a number, is greater / less than the
  first condition value (codes like "1" … "5" compare as numbers too).

Values compare as numbers when both sides read as numbers ("3" equals "3.0"), else as text.
Chains: a question whose condition question is hidden is hidden too (`visible_codes`), and so
is a question in a cycle of conditions (a broken instrument hides rather than loops).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

EQUALS = "equals"
NOT_EQUALS = "not_equals"
ANY_OF = "any_of"
ANSWERED = "answered"
GREATER = "greater"
LESS = "less"


@dataclass(frozen=True)
class Condition:
    """Show a question only if the question coded `question` is answered as `operator` with
    `values` says."""

    question: str
    operator: str
    values: tuple[str, ...] = ()


def _number(value) -> float | None:
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        return None


def _same(a, b) -> bool:
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return x == y
    return str(a).strip() == str(b).strip()


def _given(values) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str | int | float):
        values = [values]
    return [str(v) for v in values if v is not None and str(v).strip() != ""]


def holds(condition: Condition, given: Iterable | str | None) -> bool:
    """Whether the condition holds for the values given to its condition question."""
    answers = _given(given)
    wanted = [str(v) for v in condition.values]
    first = wanted[0] if wanted else None
    op = condition.operator
    if op == ANSWERED:
        return bool(answers)
    if op == ANY_OF:
        return any(_same(a, w) for a in answers for w in wanted)
    if first is None:
        return False
    if op == EQUALS:
        return any(_same(a, first) for a in answers)
    if op == NOT_EQUALS:
        return bool(answers) and not any(_same(a, first) for a in answers)
    if op in (GREATER, LESS):
        limit = _number(first)
        numbers = [n for n in (_number(a) for a in answers) if n is not None]
        if limit is None:
            return False
        if op == GREATER:
            return any(n > limit for n in numbers)
        return any(n < limit for n in numbers)
    return False


def is_shown(condition: Condition | None, answers_by_code: Mapping[str, Sequence]) -> bool:
    """Whether a question with `condition` is shown, looking only at its own condition (the
    caller passes the answers of shown questions only; `visible_codes` does the chain)."""
    if condition is None:
        return True
    return holds(condition, answers_by_code.get(condition.question))


def visible_codes(
    conditions: Mapping[str, Condition | None], answers_by_code: Mapping[str, Sequence]
) -> set[str]:
    """The codes of the shown questions among `conditions` (code → its condition or None).

    A condition on a code that is not among `conditions` is judged by its answer alone (the
    caller may check one page against answers of questions it does not list)."""
    shown: dict[str, bool] = {}
    visiting: set[str] = set()

    def resolve(code: str) -> bool:
        if code in shown:
            return shown[code]
        if code in visiting:  # a cycle of conditions: hide all of it
            return False
        visiting.add(code)
        condition = conditions.get(code)
        if condition is None:
            result = True
        else:
            parent_shown = resolve(condition.question) if condition.question in conditions else True
            result = parent_shown and holds(condition, answers_by_code.get(condition.question))
        visiting.discard(code)
        shown[code] = result
        return result

    return {code for code in conditions if resolve(code)}
