"""Catalog forms: the public filter form and the provider admin's course and run forms."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

import pycountry
from django import forms
from django.core.validators import MaxValueValidator
from django.forms import inlineformset_factory
from django.utils import timezone

from academy.accounts.models import Profession, User
from academy.catalog import declarations, policy
from academy.catalog.models import Accreditation, Course, CourseRun, tokens
from academy.catalog.selectors import SORTS
from academy.catalog.vocab import DESIGN_CHOICES, MATERIAL_CHOICES, Mode, Topic
from threadlift.catalog.accreditation import accreditation_policy

# Largest price the database column holds (CourseRun.price: 9 digits, 2 decimals); a bigger
# filter value would overflow PostgreSQL's numeric and answer with a 500 instead of a message.
MAX_PRICE = Decimal("9999999.99")
# Sanity bounds for a run's hours, to catch typing slips (minutes typed as hours, an extra zero)
# rather than to judge a programme: 240 h is six full-time 40-hour weeks, longer than any
# thread-lift course or fellowship in our catalog data. Not a clinical or training standard.
MAX_THEORY_HOURS = Decimal(240)
MAX_HANDS_ON_HOURS = Decimal(240)
# Primary keys are BigAutoField: ids outside 1 .. 2**63-1 cannot exist (and overflow bigint).
MAX_ID = 2**63 - 1


class IsoDateInput(forms.DateInput):
    """<input type=date> needs ISO YYYY-MM-DD; the en-GB default (dd/mm/yyyy) renders empty."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


SORT_CHOICES = [
    ("start", "Soonest first"),
    ("price", "Price, low to high"),
    ("-price", "Price, high to low"),
    ("-hands_on", "Most hands-on hours"),
]
assert {key for key, _ in SORT_CHOICES} == set(SORTS)


class CatalogFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search", max_length=100)
    country = forms.ChoiceField(required=False)
    mode = forms.ChoiceField(required=False, choices=[("", "Any"), *Mode.choices])
    material = forms.ChoiceField(
        required=False, label="Thread material", choices=[("", "Any"), *MATERIAL_CHOICES]
    )
    accreditation = forms.ChoiceField(required=False, label="Accreditation body")
    date_from = forms.DateField(required=False, label="Starting from", widget=IsoDateInput())
    date_to = forms.DateField(required=False, label="Starting by", widget=IsoDateInput())
    price_min = forms.DecimalField(
        required=False, min_value=0, max_value=MAX_PRICE, label="Price from"
    )
    price_max = forms.DecimalField(
        required=False, min_value=0, max_value=MAX_PRICE, label="Price up to"
    )
    currency = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Any"),
            ("GBP", "GBP"),
            ("EUR", "EUR"),
            ("USD", "USD"),
            ("AUD", "AUD"),
            ("AED", "AED"),
            ("SGD", "SGD"),
            ("MYR", "MYR"),
            ("KRW", "KRW"),
        ],
    )
    live_models = forms.BooleanField(required=False, label="Live models guaranteed")
    eligible = forms.BooleanField(required=False, label="Only runs I am eligible for")
    open_only = forms.BooleanField(required=False, label="Only runs open for enrolment")
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, countries: list[str], bodies: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = cast(forms.ChoiceField, self.fields["country"])
        country.choices = [("", "Any"), *((c, c) for c in countries)]
        body = cast(forms.ChoiceField, self.fields["accreditation"])
        body.choices = [("", "Any"), *((b, b) for b in bodies)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lo, hi = data.get("price_min"), data.get("price_max")
        if lo is not None and hi is not None and lo > hi:
            self.add_error("price_max", "The upper price is below the lower price.")
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "This date is before the 'starting from' date.")
        return data


class TokenMultipleChoiceField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class CourseForm(forms.ModelForm):
    materials = TokenMultipleChoiceField(choices=MATERIAL_CHOICES, label="Thread materials taught")
    designs = TokenMultipleChoiceField(choices=DESIGN_CHOICES, label="Thread designs taught")
    topics = TokenMultipleChoiceField(choices=Topic.choices, label="Curriculum topics covered")
    professions = TokenMultipleChoiceField(choices=Profession.choices, label="Professions accepted")

    class Meta:
        model = Course
        fields = [
            "title",
            "slug",
            "summary",
            "level",
            "materials",
            "designs",
            "topics",
            "professions",
            "companies",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "companies": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"companies": "Companies whose products the course teaches"}
        help_texts = {
            "companies": "One per line, e.g. the thread manufacturers named in the course. A "
            "trainer's relationship with one of them must be mitigated before they teach it."
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("materials", "designs", "topics", "professions"):
                self.initial[name] = getattr(self.instance, f"{name[:-1]}_list")

    # The model stores the chosen ids as space-delimited tokens (see models.tokens).
    def clean_materials(self) -> str:
        return tokens(self.cleaned_data["materials"])

    def clean_designs(self) -> str:
        return tokens(self.cleaned_data["designs"])

    def clean_topics(self) -> str:
        return tokens(self.cleaned_data["topics"])

    def clean_professions(self) -> str:
        return tokens(self.cleaned_data["professions"])


AccreditationFormSet = inlineformset_factory(
    Course,
    Accreditation,
    fields=["body", "reference", "credit_type", "credit_amount", "valid_until"],
    extra=1,
    can_delete=True,
    widgets={"valid_until": IsoDateInput()},
)


def ids_in_range(values: list[str]) -> list[int] | None:
    """Whole numbers that can be primary keys, or None if any value cannot be one."""
    try:
        ids = [int(v) for v in values]
    except ValueError:
        return None
    return ids if all(1 <= i <= MAX_ID for i in ids) else None


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids no row can have before the query (they overflow the database's integer)."""

    def clean(self, value: Any) -> Any:
        if value and ids_in_range([str(v) for v in value]) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""}
            )
        return super().clean(value)


class RunForm(forms.ModelForm):
    trainers = IdMultipleChoiceField(
        queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = CourseRun
        fields = [
            "starts_on",
            "ends_on",
            "mode",
            "city",
            "country",
            "language",
            "seats",
            "price",
            "currency",
            "theory_hours",
            "hands_on",
            "hands_on_hours",
            "delegates_per_trainer",
            "live_models_guaranteed",
            "live_models_note",
            "trainers",
            "enrolment_opens",
            "enrolment_closes",
        ]
        labels = {
            "hands_on": "Includes hands-on practice",
            "hands_on_hours": "Hands-on hours",
            "live_models_guaranteed": "Live models guaranteed",
            "country": "Country code (ISO 3166)",
            "currency": "Currency (ISO 4217)",
            "city": "Venue city",
        }
        help_texts = {
            "city": "Required for in-person and hybrid runs; leave empty for an online run.",
            "country": "Two letters, e.g. GB, DE, AE. Required for in-person and hybrid runs.",
        }
        widgets = {
            "starts_on": IsoDateInput(),
            "ends_on": IsoDateInput(),
            "enrolment_opens": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "enrolment_closes": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the trainers of the run's own academy: another academy's staff are neither
        # shown (their names stay theirs) nor accepted if posted.
        trainers = cast(forms.ModelMultipleChoiceField, self.fields["trainers"])
        course = self.instance.course if self.instance.course_id else None
        trainers.queryset = (
            policy.trainers_of_academy(course.provider_id) if course else User.objects.none()
        )
        trainers.help_text = (
            "Trainers of this academy. A trainer new to it is added to its roster by the "
            "platform staff."
        )
        # The venue city and country are required unless the run is online, so the labels of
        # the usual in-person run do not say "optional".
        for name in ("city", "country"):
            venue = self.fields[name]
            venue.required = self.data.get("mode") != Mode.ONLINE
            venue.error_messages["required"] = (
                f"Give the venue {name} for an in-person or hybrid run."
            )
        for name, top in (
            ("theory_hours", MAX_THEORY_HOURS),
            ("hands_on_hours", MAX_HANDS_ON_HOURS),
        ):
            field = cast(forms.DecimalField, self.fields[name])
            field.validators.append(MaxValueValidator(top))
            field.widget.attrs["max"] = str(top)

    def clean_trainers(self) -> Any:
        """A trainer newly assigned needs a current declaration with relevant relationships
        mitigated (the same check run_save makes)."""
        chosen = self.cleaned_data.get("trainers")
        if not chosen or not self.instance.course_id:
            return chosen
        current = (
            set(self.instance.trainers.values_list("pk", flat=True)) if self.instance.pk else set()
        )
        problems = declarations.staffing_problems(
            course=self.instance.course,
            people=[t for t in chosen if t.pk not in current],
            today=timezone.localdate(),
        )
        if problems:
            raise forms.ValidationError(problems)
        return chosen

    def clean_country(self) -> str:
        value = str(self.cleaned_data.get("country") or "").strip().upper()
        if value and (len(value) != 2 or pycountry.countries.get(alpha_2=value) is None):
            raise forms.ValidationError(
                "Use a two-letter ISO 3166 country code such as GB, DE or AE."
            )
        return value

    def clean_currency(self) -> str:
        value = str(self.cleaned_data.get("currency") or "").strip().upper()
        if len(value) != 3 or pycountry.currencies.get(alpha_3=value) is None:
            raise forms.ValidationError("Use a three-letter ISO 4217 code such as GBP or EUR.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The run cannot end before it starts.")
        hands_on_hours = data.get("hands_on_hours") or Decimal(0)
        online = data.get("mode") == Mode.ONLINE
        if online:
            if data.get("hands_on"):
                self.add_error("hands_on", "An online run cannot include hands-on practice.")
            if hands_on_hours > 0:
                self.add_error("hands_on_hours", "An online run has no hands-on hours.")
            if data.get("live_models_guaranteed"):
                self.add_error(
                    "live_models_guaranteed", "An online run cannot guarantee live models."
                )
        elif data.get("hands_on") and not hands_on_hours > 0:
            self.add_error(
                "hands_on_hours",
                "A run that claims hands-on practice needs more than 0 hands-on hours.",
            )
        elif not data.get("hands_on") and hands_on_hours > 0:
            self.add_error(
                "hands_on_hours",
                "Tick “Includes hands-on practice” or set hands-on hours to 0.",
            )
        if data.get("seats") is not None and data["seats"] < 1:
            self.add_error("seats", "A run needs at least one seat.")
        opens, closes = data.get("enrolment_opens"), data.get("enrolment_closes")
        if opens and closes and closes <= opens:
            self.add_error("enrolment_closes", "Enrolment must close after it opens.")
        if closes and starts and closes.date() > starts:
            self.add_error("enrolment_closes", "Enrolment must close by the first day of the run.")
        seats = data.get("seats")
        if self.instance.pk and seats is not None and seats < self.instance.seats_taken:
            self.add_error(
                "seats",
                f"{self.instance.seats_taken} learners are already "
                "enrolled; cancel enrolments before reducing seats below that.",
            )
        return data


def _relationship_choices() -> list[tuple[str, str]]:
    kinds = accreditation_policy().disclosure.relationship_types.values
    return [("", "Choose…")] + [(c.id, c.label) for c in kinds]


class DeclarationForm(forms.Form):
    nothing_to_declare = forms.BooleanField(
        required=False,
        label="I have had no financial relationship with any company that makes or sells "
        "healthcare products in the period asked",
    )


class RelationshipForm(forms.Form):
    company = forms.CharField(max_length=150)
    kind = forms.ChoiceField(choices=_relationship_choices, label="Relationship")
    starts_on = forms.DateField(widget=IsoDateInput(), label="From")
    ends_on = forms.DateField(
        widget=IsoDateInput(), required=False, label="To", help_text="Empty while it continues."
    )
    mitigation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Required when the course teaches this company's products, e.g. peer review "
        "of your content by someone without a relationship.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The relationship cannot end before it starts.")
        return data


class BaseRelationshipFormSet(forms.BaseFormSet[RelationshipForm]):
    def clean(self) -> None:
        if any(self.errors):
            return
        rows = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        forms_by_row = [
            f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        for index, problems in declarations.relationship_problems(rows).items():
            for field, message in problems.items():
                forms_by_row[index].add_error(field, message)

    def relationships(self) -> list[dict[str, Any]]:
        return [
            {
                k: f.cleaned_data.get(k)
                for k in ("company", "kind", "starts_on", "ends_on", "mitigation")
            }
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


RelationshipFormSet = forms.formset_factory(
    RelationshipForm, formset=BaseRelationshipFormSet, extra=2, can_delete=True, max_num=40
)
