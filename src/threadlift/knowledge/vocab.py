"""Shared vocabularies of the knowledge base, imported by the other core packages.

These Literal types are a cross-team contract: values may be added, never renamed.
"""

from __future__ import annotations

from typing import Literal, get_args

Plane = Literal["dermis", "subcutaneous", "smas", "sub_smas", "periosteal"]
"""Tissue planes of the face, superficial to deep."""

PLANES: tuple[Plane, ...] = get_args(Plane)
"""The planes in depth order, superficial first (index = depth rank)."""

View = Literal["frontal", "lateral-left", "lateral-right"]
"""The views in which a face (and a danger zone) is drawn."""

MaterialId = Literal["pdo", "plla", "plcl", "pcl", "polypropylene"]
"""Thread materials. PLGA and PLLA/PLGA copolymer threads are filed under `plla`."""

DesignId = Literal["mono", "screw", "cog_unidirectional", "cog_bidirectional", "cone"]
"""Thread designs used in plans. Further design records (barb manufacture, fixation) may exist."""

IndicationId = Literal[
    "brow", "temple", "midface", "nasolabial", "marionette", "jowl", "jawline", "neck", "nose"
]
"""Treatment areas."""

ZoneId = Literal[
    "great_auricular_nerve",
    "temporal_branch",
    "marginal_mandibular_nerve",
    "zygomatic_buccal_branches",
    "supraorbital_nerve",
    "infraorbital_nerve",
    "mental_nerve",
    "parotid_duct",
    "facial_artery",
    "superficial_temporal_artery",
    "angular_artery",
    "orbit",
    "lips",
    "external_jugular_vein",
    "erbs_point",
]
"""Facial danger zones (nerves, arteries, the parotid duct) and no-go regions (the orbit, the
lips, the external jugular vein and Erb's point): a thread in a no-go region is critical in every
plane."""

Evidence = Literal[
    "systematic-review",
    "meta-analysis",
    "rct",
    "cohort",
    "case-series",
    "case-report",
    "cadaver-study",
    "consensus",
    "guideline",
    "regulation",
    "manufacturer",
    "expert-opinion",
    "unconfirmed",
]
"""Evidence grade of a record: the strongest kind of source that supports it."""

Mark = Literal["unconfirmed", "weak-source", "manufacturer-claim"]
"""Caveats carried over from the fact base: [U] unconfirmed, [S] weak source, [M] manufacturer."""

Profession = Literal[
    "physician",
    "dermatologist",
    "plastic_surgeon",
    "other_medical_specialist",
    "dentist",
    "registered_nurse",
    "nurse_practitioner",
    "physician_assistant",
    "other",
]
"""Professions for the regulation table (`other` covers non-registered practitioners)."""

RegulationStatus = Literal["may_perform", "may_perform_with_conditions", "may_not", "unknown"]
Confidence = Literal["high", "medium", "low"]
StructureType = Literal["nerve", "artery", "duct", "vein", "region"]
"""What a zone protects; `region` is an anatomical region (the orbit, the lips), not one vessel."""
ContraindicationKind = Literal["absolute", "relative"]

MATERIAL_IDS: tuple[MaterialId, ...] = get_args(MaterialId)
DESIGN_IDS: tuple[DesignId, ...] = get_args(DesignId)
INDICATION_IDS: tuple[IndicationId, ...] = get_args(IndicationId)
ZONE_IDS: tuple[ZoneId, ...] = get_args(ZoneId)
EVIDENCE_GRADES: tuple[Evidence, ...] = get_args(Evidence)
MARKS: tuple[Mark, ...] = get_args(Mark)
PROFESSIONS: tuple[Profession, ...] = get_args(Profession)
VIEWS: tuple[View, ...] = get_args(View)

# Clinical assessment vocabularies (the assessment engine and its rule files share them).

Symptom = Literal[
    "swelling",
    "bruising",
    "pain",
    "dimpling",
    "asymmetry",
    "visible_thread",
    "thread_extrusion",
    "redness",
    "warmth",
    "pus_or_fluctuance",
    "fever",
    "numbness",
    "facial_weakness",
    "clear_fluid_leak",
    "pulsatile_lump",
    "blanching_or_dusky_skin",
    "visual_change",
    "late_nodule",
    "expanding_swelling",
    "severe_or_increasing_pain",
    "periorbital_swelling",
    "anaphylaxis",
    "local_anaesthetic_toxicity",
    "trismus",
    "spreading_redness",
]
"""Symptoms a patient can report after a thread lift (the fixed list of the triage)."""

Urgency = Literal["routine", "review_days", "urgent", "emergency"]
"""Triage urgency, least to most urgent: routine, review within days, urgent same day,
emergency now."""

Severity = Literal["info", "caution", "not_suitable"]
"""How much a suitability reason weighs, least to most: `info` leaves a patient suitable."""

Concern = Literal["sagging", "volume_loss", "skin_quality", "wrinkles", "contour"]
"""What a patient is concerned about in an area."""

SYMPTOMS: tuple[Symptom, ...] = get_args(Symptom)
URGENCIES: tuple[Urgency, ...] = get_args(Urgency)
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
CONCERNS: tuple[Concern, ...] = get_args(Concern)
