"""The patient profile: what a consultation records, validated strictly at the edge.

The JSON shape is the contract of `threadlift assess` (see `profile_json_schema`). Unknown
fields, unknown area ids and unknown condition ids are rejected, each with a message naming it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from threadlift.assessment.common import InputProblem
from threadlift.knowledge.base import KnowledgeBase
from threadlift.knowledge.schemas.assessment import PreviousTreatmentKind
from threadlift.knowledge.vocab import Concern, IndicationId, MaterialId


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Area(_Strict):
    """One treatment area: laxity 0 (none) to 4 (severe), on the published photonumeric scale
    where one exists (Merz jawline; other Merz scales), and the patient's main concern."""

    laxity: int = Field(ge=0, le=4, description="0 none to 4 severe (Merz-style 5-point scale)")
    concern: Concern = Field(default="sagging", description="the patient's main concern here")


class Skin(_Strict):
    thickness: Literal["thin", "normal", "thick"]
    photodamage: Literal["none", "mild", "moderate", "severe"]


class PreviousTreatment(_Strict):
    """A previous treatment in an area, and how many months ago it was."""

    area: IndicationId
    treatment: PreviousTreatmentKind = Field(
        description="threads, filler, surgery or energy_device (RF, laser, IPL, HIFU, needling)"
    )
    months_ago: float = Field(ge=0, le=1200)
    material: MaterialId | None = Field(default=None, description="thread material, if known")


Score1to5 = Annotated[int, Field(ge=1, le=5)]


class BddqAs(_Strict):
    """BDDQ-AS answers: items 1, 2 and 7 yes/no; items 3-6 scored 1-5. Items after a "no" to
    item 1 or 2 may be left out, as on the published form."""

    q1: bool
    q2: bool
    q3: Score1to5 | None = None
    q4: Score1to5 | None = None
    q5: Score1to5 | None = None
    q6: Score1to5 | None = None
    q7: bool | None = None

    def answers(self) -> dict[int, bool | int]:
        """Answers keyed by item number, as the instrument's positive rule takes them."""
        values = [self.q1, self.q2, self.q3, self.q4, self.q5, self.q6, self.q7]
        return {n: v for n, v in enumerate(values, start=1) if v is not None}


class Screening(_Strict):
    bddq_as: BddqAs | None = None
    dcq: tuple[Annotated[int, Field(ge=0, le=3)], ...] | None = Field(
        default=None, min_length=7, max_length=7, description="the seven DCQ item scores, 0-3"
    )


class Allergies(_Strict):
    """Allergies asked about before threads: to local anaesthetic, to a thread polymer, and any
    other (free text; empty when none)."""

    local_anaesthetic: bool
    polymer: bool
    other: str = Field(default="", max_length=300, description="other allergies; empty if none")


class MedicalHistory(_Strict):
    """The history a clinician records before threads, each item answered yes or no."""

    allergies: Allergies
    isotretinoin_last_6_months: bool = Field(description="isotretinoin in the last 6 months")
    recent_dental_treatment_or_infection: bool
    cold_sores_in_area: bool = Field(description="cold sores (herpes) in or near a treatment area")
    permanent_filler_in_area: bool = Field(description="permanent filler in a treatment area")

    def flags(self) -> frozenset[str]:
        """The items answered yes, by the rule vocabulary's flag names."""
        answers = {
            "allergy_local_anaesthetic": self.allergies.local_anaesthetic,
            "allergy_polymer": self.allergies.polymer,
            "allergy_other": bool(self.allergies.other.strip()),
            "isotretinoin_last_6_months": self.isotretinoin_last_6_months,
            "recent_dental_treatment_or_infection": self.recent_dental_treatment_or_infection,
            "cold_sores_in_area": self.cold_sores_in_area,
            "permanent_filler_in_area": self.permanent_filler_in_area,
        }
        return frozenset(flag for flag, yes in answers.items() if yes)


class PatientExpectations(_Strict):
    """What the patient expects from threads and for how long, and whether the clinician,
    having discussed it, judges that realistic."""

    expects: str = Field(min_length=1, max_length=1000, description="in the patient's words")
    expected_months: float = Field(ge=0, le=1200, description="how long they expect it to last")
    realistic: bool = Field(description="the clinician's judgement after discussing it")


class PatientProfile(_Strict):
    """A patient as assessed at consultation. Ages in years; BMI in kg/m²."""

    model_config = ConfigDict(title="Threadlift patient profile")

    age: int = Field(ge=18, le=120, description="years; the toolkit assesses adults")
    sex: Literal["female", "male", "other"]
    fitzpatrick: int = Field(ge=1, le=6, description="Fitzpatrick phototype 1-6")
    glogau: int = Field(ge=1, le=4, description="Glogau photoaging class 1-4")
    bmi: float = Field(ge=10, le=80, description="kg/m²")
    smoker: bool
    areas: dict[IndicationId, Area] = Field(min_length=1, description="per indication id")
    skin: Skin
    conditions: tuple[str, ...] = Field(
        default=(), description="ids of the knowledge base's contraindications"
    )
    history: tuple[PreviousTreatment, ...] = ()
    screening: Screening = Field(default_factory=Screening)
    medical: MedicalHistory | None = Field(
        default=None, description="pre-treatment history; left out means not recorded"
    )
    expectations: PatientExpectations | None = Field(
        default=None, description="the patient's expectations; left out means not recorded"
    )


def parse_profile(data: str | bytes | Mapping[str, Any], kb: KnowledgeBase) -> PatientProfile:
    """Validate a profile (JSON text or parsed JSON) strictly; raise `InputProblem` naming every
    bad field. Booleans must be true/false and numbers numbers: nothing is guessed. A number
    with no fraction (`2.0`) is a whole number, as JSON Schema's `integer` has it."""
    text = _json_text(data)
    try:
        profile = PatientProfile.model_validate_json(text, strict=True)
    except ValidationError as exc:
        raise InputProblem([_describe(error) for error in exc.errors(include_url=False)]) from None
    known = {c.id for c in kb.contraindications}
    unknown = [
        (f"conditions.{i}", f"unknown condition id {cid!r}; known: {', '.join(sorted(known))}")
        for i, cid in enumerate(profile.conditions)
        if cid not in known
    ]
    if unknown:
        raise InputProblem(unknown)
    if profile.sex == "male" and "pregnancy" in profile.conditions:
        index = profile.conditions.index("pregnancy")
        raise InputProblem([(f"conditions.{index}", "pregnancy cannot apply to a male patient")])
    return profile


def _json_text(data: str | bytes | Mapping[str, Any]) -> str | bytes:
    """The profile as JSON text with whole numbers as integers; text that is not JSON (or holds
    NaN/Infinity) is passed on as it came, for the validator to name the problem."""

    def refuse(constant: str) -> Any:
        raise ValueError(constant)

    if isinstance(data, str | bytes):
        try:
            parsed = json.loads(data, parse_constant=refuse)
        except (ValueError, RecursionError):
            return data
        return json.dumps(_whole_numbers(parsed))
    return json.dumps(_whole_numbers(data))


def _whole_numbers(value: Any) -> Any:
    """Parsed JSON with each float that has no fraction written as an integer (JSON does not
    tell 2 from 2.0; a float field takes either, an integer field only the former)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Mapping):
        return {k: _whole_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(v) for v in value]
    return value


def _describe(error: Any) -> tuple[str, str]:
    loc = [str(part) for part in error["loc"]]
    if error["type"] == "extra_forbidden":
        return ".".join(loc), f"unknown field {loc[-1]!r}"
    if loc and loc[-1] == "[key]":
        key = loc[-2]
        return ".".join(loc[:-1]), f"unknown area id {key!r}; {error['msg']}"
    if error["type"] == "json_invalid":
        return "profile", f"invalid JSON: {error['msg']}"
    return ".".join(loc) or "profile", error["msg"]


def profile_json_schema(kb: KnowledgeBase) -> dict[str, Any]:
    """The JSON Schema of a patient profile, with the condition ids of this knowledge base."""
    schema = PatientProfile.model_json_schema()
    conditions = schema["properties"]["conditions"]
    conditions["items"] = {"type": "string", "enum": [c.id for c in kb.contraindications]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
