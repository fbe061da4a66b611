"""Statistics of coded survey answers with small-cell suppression (pure pandas/NumPy).

No Django models here: selectors hand in frames of coded answers and get back plain tables.
"""

#: Cells with 1 to MIN_CELL - 1 respondents are never shown (primary suppression).
MIN_CELL = 5
