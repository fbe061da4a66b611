"""Forms of events: list filters, editing events, series and groups, registration."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.forms import TopicFilterField
from actors.models import Organisation, Person
from actors.privacy import people_visible_to
from bildungsnetz.concurrency import VersionedFormMixin
from places.forms import territory_choice
from places.models import Level, Territory

from .models import (
    Event,
    EventDocument,
    EventKind,
    EventPhoto,
    ExceptionAction,
    GroupMembership,
    QuestionKind,
    RegistrationQuestion,
    RegistrationStatus,
    Series,
    Session,
    TimeZoneName,
    WorkingGroup,
)
from .models.choices import DEFAULT_TIME_ZONE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WHEN_CHOICES = [
    ("upcoming", _("Upcoming")),
    ("past", _("Past")),
    ("all", _("All dates")),
]


def _cities():
    return Territory.objects.filter(level=Level.CITY)


# --- Filters --------------------------------------------------------------------------------


class EventFilterForm(forms.Form):
    """The filters of the event list, its export, its iCal feed and the API list."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    when = forms.ChoiceField(label=_("When"), required=False, choices=WHEN_CHOICES)
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=_cities(),
        empty_label=_("All cities"),
        to_field_name="code",
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    topic = TopicFilterField()
    organiser = forms.ModelChoiceField(
        label=_("Organiser"),
        required=False,
        queryset=Organisation.objects.filter(events__isnull=False).distinct().order_by("name"),
        empty_label=_("All organisers"),
        to_field_name="slug",
    )
    series = forms.ModelChoiceField(
        label=_("Series"),
        required=False,
        queryset=Series.objects.all(),
        empty_label=_("All series"),
        to_field_name="slug",
    )
    group = forms.ModelChoiceField(
        label=_("Working group"),
        required=False,
        queryset=WorkingGroup.objects.all(),
        empty_label=_("All working groups"),
        to_field_name="slug",
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("Until"), required=False, widget=DATE)

    def __init__(self, *args, public_only=True, **kwargs):
        super().__init__(*args, **kwargs)
        if public_only:
            # Choices name only what anyone may see; a hidden series is no filter value.
            self.fields["series"].queryset = Series.objects.public()
            self.fields["group"].queryset = WorkingGroup.objects.public()
            self.fields["organiser"].queryset = (
                Organisation.objects.filter(events__is_public=True, is_public=True)
                .distinct()
                .order_by("name")
            )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end cannot be before the start."))
        return data


# The feed's German parameter names (`kalender.ics?stadt=16051000&thema=…`) beside the list's.
FEED_ALIASES = {
    "stadt": "city",
    "thema": "topic",
    "art": "kind",
    "veranstalter": "organiser",
    "reihe": "series",
    "arbeitsgruppe": "group",
    "zeitraum": "when",
    "von": "start",
    "bis": "end",
}


def feed_query(data):
    """The feed's query (German names) for the list filters in `data`."""
    reverse_aliases = {english: german for german, english in FEED_ALIASES.items()}
    out = data.copy()
    for key in list(out.keys()):
        if key in ("page", "sort", "format"):
            out.pop(key)
        elif key in reverse_aliases:
            out.setlist(reverse_aliases[key], out.pop(key))
    return out


def filters_from_feed_query(data):
    out = data.copy()
    for german, english in FEED_ALIASES.items():
        if german in out:
            out.setlist(english, out.pop(german))
    return out


class GroupFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        queryset=_cities(),
        empty_label=_("All cities"),
        to_field_name="code",
    )
    topic = TopicFilterField()
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.filter(led_working_groups__isnull=False)
        .distinct()
        .order_by("name"),
        empty_label=_("All organisations"),
        to_field_name="slug",
    )


# --- Editing events -------------------------------------------------------------------------


class ZonedDateTimesMixin:
    """`starts_at`/`ends_at` typed as wall-clock times of the chosen time zone (not the
    server's), and shown back in it."""

    zoned_fields = ("starts_at", "ends_at")

    def _init_zoned(self):
        zone = ZoneInfo(getattr(self.instance, "time_zone", None) or "Europe/Berlin")
        for name in self.zoned_fields:
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def _zone(self):
        name = self.cleaned_data.get("time_zone") or getattr(self.instance, "time_zone", None)
        return ZoneInfo(name or "Europe/Berlin")

    def clean(self):
        data = super().clean()
        zone = self._zone()
        for name in self.zoned_fields:
            value = data.get(name)
            if value is not None:
                naive = timezone.make_naive(value) if timezone.is_aware(value) else value
                data[name] = naive.replace(tzinfo=zone)
        return data


class EventForm(ZonedDateTimesMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = ["kind", "title", "description", "starts_at", "ends_at", "time_zone",
                  "attendance_mode", "territory", "venue", "street", "postcode", "locality",
                  "latitude", "longitude", "online_url", "organisers", "topics", "target_groups",
                  "languages", "step_free", "accessible_toilet", "induction_loop",
                  "sign_language_on_request", "accessibility_note", "working_group", "series",
                  "registration_enabled", "capacity", "registration_opens", "registration_closes",
                  "waiting_list", "contact_email", "is_public"]  # fmt: skip
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "registration_opens": DATETIME,
            "registration_closes": DATETIME,
            "topics": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 8}),
        }

    zoned_fields = ("starts_at", "ends_at", "registration_opens", "registration_closes")

    def __init__(self, *args, organisers=None, groups=None, series=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.zoned_fields:
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self._init_zoned()
        territory_choice(
            self.fields["territory"],
            [Level.CITY, Level.MUNICIPALITY, Level.DISTRICT, Level.COUNTY],
        )
        if organisers is not None:
            current = self.instance.organisers.all() if self.instance.pk else []
            ids = {o.pk for o in organisers} | {o.pk for o in current}
            self.fields["organisers"].queryset = Organisation.objects.filter(pk__in=ids)
        self.fields["organisers"].help_text = _(
            "The co-hosting organisations; hold Ctrl to choose several."
        )
        if groups is not None:
            self.fields["working_group"].queryset = groups
        if series is not None:
            self.fields["series"].queryset = series

    def _zone(self):
        """An event in Austria left at the German default is in Vienna's zone: the same
        offsets and summer time, so the typed times keep their meaning; the calendar entry
        then names the zone of the place."""
        territory = self.cleaned_data.get("territory")
        chosen = self.cleaned_data.get("time_zone")
        if chosen == DEFAULT_TIME_ZONE and territory is not None and territory.country == "AT":
            self.cleaned_data["time_zone"] = TimeZoneName.VIENNA
        return super()._zone()


class CancelForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = ["status_note"]
        labels = {"status_note": _("Reason (shown on the page and in calendars)")}


class SessionForm(ZonedDateTimesMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at", "room", "description", "speakers",
                  "other_speakers"]  # fmt: skip
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args, event=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        for name in self.zoned_fields:
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self._init_zoned()
        # A choice list shows names: only those the user could see anyway (actors.privacy).
        people = people_visible_to(user, "name", Person.objects.active())
        if self.instance.pk:
            people = people | Person.objects.filter(pk__in=self.instance.speakers.all())
        self.fields["speakers"].queryset = people.distinct().order_by("family_name", "pk")

    def _zone(self):
        return ZoneInfo(self.event.time_zone if self.event else "Europe/Berlin")

    def _init_zoned(self):
        zone = self._zone()
        for name in self.zoned_fields:
            value = getattr(self.instance, name, None)
            if value is not None:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)


class QuestionForm(forms.ModelForm):
    class Meta:
        model = RegistrationQuestion
        fields = ["text", "kind", "options", "required", "position"]
        widgets = {"options": forms.Textarea(attrs={"rows": 3})}


class OutcomesForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = ["outcomes"]
        widgets = {"outcomes": forms.Textarea(attrs={"rows": 8})}


class DocumentForm(forms.ModelForm):
    class Meta:
        model = EventDocument
        fields = ["title", "file"]


class PhotoForm(forms.ModelForm):
    class Meta:
        model = EventPhoto
        fields = ["image", "alt_text", "caption", "credit"]


# --- Registration ---------------------------------------------------------------------------


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    consent = forms.BooleanField(
        label=_("I agree that the organisers store my details to run this event."),
    )

    def __init__(self, *args, event=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(event.registration_questions.all()) if event else []
        if user is not None and user.is_authenticated and not self.is_bound:
            self.initial.setdefault("email", user.email)
            person = getattr(user, "person", None)
            if person is not None:
                self.initial.setdefault("name", person.full_name)
        for question in self.questions:
            self.fields[self.question_field(question)] = self._field(question)

    @staticmethod
    def question_field(question) -> str:
        return f"question_{question.pk}"

    @staticmethod
    def _field(question):
        common = {"label": question.text, "required": question.required}
        if question.kind == QuestionKind.CHOICE:
            options = question.option_list
            choices = [("", "—"), *[(o, o) for o in options]]
            return forms.ChoiceField(choices=choices, **common)
        if question.kind == QuestionKind.YES_NO:
            return forms.ChoiceField(
                choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
                **common,
            )
        return forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 2}), **common)

    def answers(self) -> dict[int, str]:
        return {
            question.pk: self.cleaned_data.get(self.question_field(question), "")
            for question in self.questions
        }


class ParticipantFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *RegistrationStatus.choices],
    )


# --- Series ---------------------------------------------------------------------------------


class SeriesForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Series
        fields = ["title", "kind", "description", "rule", "rule_text", "first_date", "last_date",
                  "start_time", "end_time", "time_zone", "horizon_days", "working_group",
                  "organisers", "topics", "territory", "venue", "street", "postcode", "locality",
                  "online_url", "attendance_mode", "is_public"]  # fmt: skip
        widgets = {
            "first_date": DATE,
            "last_date": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisers=None, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        territory_choice(
            self.fields["territory"],
            [Level.CITY, Level.MUNICIPALITY, Level.DISTRICT, Level.COUNTY],
        )
        if organisers is not None:
            current = self.instance.organisers.all() if self.instance.pk else []
            ids = {o.pk for o in organisers} | {o.pk for o in current}
            self.fields["organisers"].queryset = Organisation.objects.filter(pk__in=ids)
        if groups is not None:
            self.fields["working_group"].queryset = groups


class ExceptionForm(forms.Form):
    date = forms.DateField(label=_("Date of the meeting (by the rule)"), widget=DATE)
    action = forms.ChoiceField(label=_("Change"), choices=ExceptionAction.choices)
    moved_start = forms.DateTimeField(
        label=_("Moved to (start)"), required=False, widget=DATETIME,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )  # fmt: skip
    moved_end = forms.DateTimeField(
        label=_("Moved to (end)"), required=False, widget=DATETIME,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )  # fmt: skip
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, series=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series

    def clean(self):
        data = super().clean()
        zone = ZoneInfo(self.series.time_zone if self.series else "Europe/Berlin")
        for name in ("moved_start", "moved_end"):
            value = data.get(name)
            if value is not None:
                naive = timezone.make_naive(value) if timezone.is_aware(value) else value
                data[name] = naive.replace(tzinfo=zone)
        day = data.get("date")
        if self.series and day and day not in self.series.occurrence_dates(day, day):
            self.add_error("date", _("The series has no meeting on this date."))
        if data.get("action") == ExceptionAction.MOVED and not (
            data.get("moved_start") and data.get("moved_end")
        ):
            self.add_error("moved_start", _("Give the new start and end of a moved meeting."))
        return data


# --- Working groups -------------------------------------------------------------------------


class GroupForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "topic", "description", "lead_organisation", "chair", "cadence",
                  "territory", "is_public"]  # fmt: skip

    def __init__(self, *args, organisations=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        territory_choice(
            self.fields["territory"],
            [Level.CITY, Level.MUNICIPALITY, Level.DISTRICT, Level.COUNTY, Level.STATE,
             Level.REGION],
        )  # fmt: skip
        if organisations is not None:
            ids = {o.pk for o in organisations}
            if self.instance.lead_organisation_id:
                ids.add(self.instance.lead_organisation_id)
            self.fields["lead_organisation"].queryset = Organisation.objects.filter(pk__in=ids)
        people = people_visible_to(user, "name", Person.objects.active())
        if self.instance.chair_id:
            people = people | Person.objects.filter(pk=self.instance.chair_id)
        self.fields["chair"].queryset = people.distinct().order_by("family_name", "pk")


class MembershipForm(forms.ModelForm):
    class Meta:
        model = GroupMembership
        fields = ["organisation", "person", "role", "since"]
        widgets = {"since": DATE}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_public=True).order_by(
            "name"
        )
        self.fields["person"].queryset = people_visible_to(
            user, "name", Person.objects.active()
        ).order_by("family_name", "pk")

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("person"):
            raise ValidationError(_("Name an organisation or a person."))
        return data
