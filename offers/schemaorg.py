"""The vocabularies schema.org output of offers has to speak, and the mapping to them.

Pure: no Django, no database. `offers.jsonld` builds the JSON-LD from an offer with these.

- Languages: stored codes are mapped to BCP 47 tags at output (`bcp47_languages`).
- Accessibility: every option of `offers.models.ACCESSIBILITY` has exactly one target here:
  a term of the W3C/schema.org accessibility vocabulary for what the learning content itself
  offers (`accessibilityFeature` of a CreativeWork), or a `LocationFeatureSpecification` of
  the venue (`amenityFeature` of the `Place`) for what the building or the organiser offers.
- Schedules: the free-text `Offer.schedule` ("dienstags 16:00–17:30 Uhr") is read into a
  `Schedule` only where the text says it unambiguously; nothing is guessed (12-hour times with
  am/pm are left unread rather than read wrong).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

# --- Languages ------------------------------------------------------------------------------

# Stored language codes that are not the BCP 47 tag of the language they stand for.
# `dgs` (reference data actors/data/taxonomies.json, demo offers) means German Sign Language,
# whose ISO 639-3 code is `gsg`; ISO 639-3 `dgs` is Dogoso, a language of Burkina Faso.
# `bcs` means Bosnian/Croatian/Serbian; ISO 639-3 `bcs` is Kohumono (Nigeria). BCP 47 has no
# tag for the three together but the deprecated-in-use `sh`, so the three tags are given.
LANGUAGE_TAGS: dict[str, tuple[str, ...]] = {
    "dgs": ("gsg",),
    "bcs": ("bs", "hr", "sr"),
}

_BCP47 = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


def bcp47_languages(codes) -> list[str]:
    """BCP 47 tags for stored language codes, in order, without duplicates."""
    tags: list[str] = []
    for code in codes:
        code = (code or "").strip()
        for tag in LANGUAGE_TAGS.get(code.lower(), (code,)):
            if _BCP47.match(tag) and tag not in tags:
                tags.append(tag)
    return tags


# --- Accessibility --------------------------------------------------------------------------

# The accessibilityFeature terms of "Schema.org Accessibility Properties for Discoverability
# Vocabulary" (W3C Community Group, https://www.w3.org/2021/a11y-discov-vocab/latest/), current
# and deprecated. Only these may appear in `accessibilityFeature`.
A11Y_FEATURE_TERMS = frozenset(
    {
        # structure and navigation
        "annotations", "ARIA", "bookmarks", "index", "pageBreakMarkers", "pageNavigation",
        "readingOrder", "structuralNavigation", "tableOfContents", "taggedPDF",
        # adaptation
        "alternativeText", "audioDescription", "captions", "closedCaptions", "describedMath",
        "longDescription", "openCaptions", "signLanguage", "transcript",
        # rendering control
        "displayTransformability", "synchronizedAudioText", "timingControl", "unlocked",
        # specialised markup
        "ChemML", "latex", "latex-chemistry", "MathML", "MathML-chemistry", "ttsMarkup",
        # clarity
        "highContrastAudio", "highContrastDisplay", "largePrint",
        # tactile
        "braille", "tactileGraphic", "tactileObject",
        # internationalisation
        "fullRubyAnnotations", "horizontalWriting", "rubyAnnotations", "verticalWriting",
        "withAdditionalWordSegmentation", "withoutAdditionalWordSegmentation",
        # none known / not known
        "none", "unknown",
    }
)  # fmt: skip


@dataclass(frozen=True)
class AccessibilityTarget:
    """Where one accessibility option of an offer goes in schema.org.

    `feature`: the vocabulary term for `accessibilityFeature` (a Course is a CreativeWork),
    or None where the vocabulary has no term. `venue`: True when it is a feature of the place
    (`Place.amenityFeature`), not of the learning content. `summary`: True when it is said in
    words in `accessibilitySummary` (the vocabulary has no term for it)."""

    feature: str | None = None
    venue: bool = False
    summary: bool = False


# Keys are the Offer fields of `offers.models.ACCESSIBILITY`; a test keeps the two in step.
ACCESSIBILITY_TARGETS: dict[str, AccessibilityTarget] = {
    # A building without steps is the venue's, as in schema.org's own LocationFeatureSpecification
    # examples; the W3C vocabulary describes content, not buildings.
    "step_free": AccessibilityTarget(venue=True),
    # Sign-language interpretation of the content: the vocabulary's `signLanguage`.
    "sign_language": AccessibilityTarget(feature="signLanguage"),
    # Leichte Sprache: the vocabulary has no term for easy or plain language (there is none
    # among its clarity terms), so it is stated in the human-readable summary only.
    "easy_language": AccessibilityTarget(summary=True),
    # A hearing (induction) loop is installed in a room: a venue feature.
    "induction_loop": AccessibilityTarget(venue=True),
    # Childcare during the offer is a service on site, not a property of the content.
    "childcare": AccessibilityTarget(venue=True),
}


# --- Course mode ----------------------------------------------------------------------------

# Google's Course info guidelines document these three values, capitalised as here.
COURSE_MODES = ("Online", "Onsite", "Blended")


def course_mode(*, online: bool, on_site: bool) -> str:
    if online and on_site:
        return "Blended"
    return "Online" if online else "Onsite"


# --- Schedules ------------------------------------------------------------------------------

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_DAY_NAMES = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonnabend": 5, "sonntag": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_DAY_ABBREVIATIONS = {"Mo": 0, "Di": 1, "Mi": 2, "Do": 3, "Fr": 4, "Sa": 5, "So": 6}

_NAME = "|".join(sorted(_DAY_NAMES, key=len, reverse=True))
_ABBR = "|".join(_DAY_ABBREVIATIONS)
# "mittwochs" / "Tuesdays" (with the s: every week) or "Mittwoch" (without: maybe just once).
_DAY = re.compile(rf"\b({_NAME})(s)?\b", re.IGNORECASE)
_DASH = r"\s*(?:–|—|-|bis|to|through)\s*"
_DAY_RANGE = re.compile(rf"\b({_NAME})s?{_DASH}({_NAME})s?\b", re.IGNORECASE)
# "Mo–Fr", "Mo.-Do." (German abbreviations only as a range: "Do" alone is also English).
_ABBR_RANGE = re.compile(rf"\b({_ABBR})\.?{_DASH}({_ABBR})\b\.?")
_EVERY = re.compile(rf"\b(?:jeden|jede|jeweils|every|each)\s+(?:{_NAME})\b", re.IGNORECASE)
_TIME_RANGE = re.compile(
    r"\b(2[0-3]|[01]?\d)(?:[:.]([0-5]\d))?(?!\d)\s*(?:uhr|h)?"
    + _DASH
    + r"(2[0-3]|[01]?\d)(?:[:.]([0-5]\d))?(?!\d)\s*(?:uhr|h)?",
    re.IGNORECASE,
)
# A single start time: "19 Uhr", "19:30" (with a colon: "15.01" could be a date).
_START_TIME = re.compile(
    r"\b(2[0-3]|[01]?\d)(?:[:.]([0-5]\d))?\s*uhr\b|\b(2[0-3]|[01]?\d):([0-5]\d)(?!\d)",
    re.IGNORECASE,
)
_TWELVE_HOUR = re.compile(r"\d\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)", re.IGNORECASE)
_CALENDAR_DATE = re.compile(
    r"\b\d{1,2}\.\s*(?:\d{1,2}\.|januar|februar|märz|april|mai|juni|juli|august|september|"
    r"oktober|november|dezember)|\b\d{4}-\d{2}-\d{2}\b",
    re.IGNORECASE,
)
_FREQUENCIES = (
    (re.compile(r"\b(?:täglich|daily|every day|jeden tag)\b", re.IGNORECASE), "P1D"),
    (
        re.compile(
            r"(?:\b(?:alle|every)\s+(?:zwei|2|two|other)\s+(?:wochen|weeks?)\b"
            r"|\b(?:14|vierzehn)[- ]?tägig|\bfortnightly\b|\bzweiwöchentlich\b)",
            re.IGNORECASE,
        ),
        "P2W",
    ),
    (
        re.compile(
            r"\b(?:monatlich|monthly|einmal im monat|once a month|jeden monat|every month)\b"
            r"|\bim monat\b|\bof (?:the|each|every) month\b",
            re.IGNORECASE,
        ),
        "P1M",
    ),
    (re.compile(r"\b(?:wöchentlich|weekly|every week|jede woche)\b", re.IGNORECASE), "P1W"),
)
_WEEK_OF_MONTH = {
    "ersten": 1, "first": 1, "1.": 1, "zweiten": 2, "second": 2, "2.": 2, "dritten": 3,
    "third": 3, "3.": 3, "vierten": 4, "fourth": 4, "4.": 4, "letzten": -1, "last": -1,
}  # fmt: skip
_WEEK_OF_MONTH_RE = re.compile(
    rf"(?:^|\s)(ersten|zweiten|dritten|vierten|letzten|first|second|third|fourth|last|[1-4]\.)"
    rf"\s+(?:{_NAME})",
    re.IGNORECASE,
)


@dataclass
class ParsedSchedule:
    """What a schedule text says for sure. `frequency` is an ISO 8601 duration (P1W) or None
    when the text names no repetition."""

    frequency: str | None = None
    days: list[int] = field(default_factory=list)
    week_of_month: int | None = None
    start_time: str | None = None  # "16:00:00"
    end_time: str | None = None
    duration: str | None = None  # "PT1H30M"

    @property
    def is_recurring(self) -> bool:
        return self.frequency is not None


def _days_between(first: int, last: int) -> list[int]:
    return [(first + i) % 7 for i in range((last - first) % 7 + 1)]


def _iso_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")


def parse_schedule(text: str) -> ParsedSchedule:
    """Read repetition, weekdays and times from a German or English schedule text."""
    result = ParsedSchedule()
    text = (text or "").strip()
    if not text:
        return result

    days: list[int] = []
    for match in _DAY_RANGE.finditer(text):
        days += _days_between(_DAY_NAMES[match[1].lower()], _DAY_NAMES[match[2].lower()])
    for match in _ABBR_RANGE.finditer(text):
        days += _days_between(_DAY_ABBREVIATIONS[match[1]], _DAY_ABBREVIATIONS[match[2]])
    plural = False
    for match in _DAY.finditer(text):
        days.append(_DAY_NAMES[match[1].lower()])
        plural = plural or bool(match[2])
    days = sorted(set(days))

    frequency = next((freq for pattern, freq in _FREQUENCIES if pattern.search(text)), None)
    if frequency is None and days:
        # A weekday says "every week" only in the plural/adverbial form ("dienstags",
        # "Tuesdays"), after "jeden"/"every" or as a range ("Mo–Fr"); "Dienstag, 15. Januar"
        # is one day.
        weekly = plural or _EVERY.search(text) or _ABBR_RANGE.search(text)
        weekly = weekly or (_DAY_RANGE.search(text) and not _CALENDAR_DATE.search(text))
        if weekly and not (_CALENDAR_DATE.search(text) and not plural):
            frequency = "P1W"
    if frequency == "P1D":
        days = []
    result.frequency = frequency
    if frequency is not None:
        result.days = days
    if frequency == "P1M" and days:
        match = _WEEK_OF_MONTH_RE.search(text)
        if match:
            result.week_of_month = _WEEK_OF_MONTH[match[1].lower()]

    time = None if _TWELVE_HOUR.search(text) else _TIME_RANGE.search(text)
    if time and (time[2] or time[4] or re.search(r"uhr|h\b", time[0], re.IGNORECASE)):
        start = int(time[1]) * 60 + int(time[2] or 0)
        end = int(time[3]) * 60 + int(time[4] or 0)
        if end > start:
            result.start_time = f"{int(time[1]):02d}:{int(time[2] or 0):02d}:00"
            result.end_time = f"{int(time[3]):02d}:{int(time[4] or 0):02d}:00"
            result.duration = _iso_duration(end - start)
    elif not _TWELVE_HOUR.search(text) and (single := _START_TIME.search(text)):
        hour, minute = single[1] or single[3], single[2] or single[4] or 0
        result.start_time = f"{int(hour):02d}:{int(minute):02d}:00"
    return result


def occurrences(schedule: ParsedSchedule, start: date | None, end: date | None) -> int | None:
    """How often a repeating schedule takes place from `start` to `end` (both included), where
    that is certain: a daily schedule, or a weekly/fortnightly one on a single weekday (then the
    number of times equals the number of weeks, so schema.org's "number of times" and Google's
    "how long in repeatFrequency units" agree). None otherwise."""
    if start is None or end is None or end < start or not schedule.is_recurring:
        return None
    if schedule.frequency == "P1D":
        return (end - start).days + 1
    if schedule.frequency in ("P1W", "P2W") and len(schedule.days) == 1:
        step = 7 if schedule.frequency == "P1W" else 14
        first = start + timedelta(days=(schedule.days[0] - start.weekday()) % 7)
        return 0 if first > end else (end - first).days // step + 1
    return None
