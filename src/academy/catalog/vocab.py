"""Choices for catalog fields. Material and design ids are the knowledge base's ids."""

from __future__ import annotations

from typing import Literal

from django.db import models

from threadlift.knowledge.vocab import DESIGN_IDS, MATERIAL_IDS, DesignId, MaterialId


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class Level(models.TextChoices):
    FOUNDATION = "foundation", "Foundation"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class Topic(models.TextChoices):
    ANATOMY = "anatomy", "Facial anatomy and ageing"
    THREADS = "threads", "Thread types and materials"
    TECHNIQUE = "technique", "Safe technique"
    SELECTION = "selection", "Patient selection and consultation"
    COMMUNICATION = "communication", "Patient communication"
    COMPLICATIONS = "complications", "Complication management"
    AFTERCARE = "aftercare", "Aftercare"


class CreditType(models.TextChoices):
    CPD_HOURS = "cpd_hours", "CPD hours"
    CME_CREDITS = "cme_credits", "CME credits"
    CPD_POINTS = "cpd_points", "CPD points"
    QUALIFICATION = "qualification", "Regulated qualification credits"


# The ids are the core's (threadlift.knowledge.vocab): one list for the knowledge base, the
# catalog's forms and filters, the API and the certificates. Only the words for people live here,
# keyed by those ids (mypy refuses a label for an id the core does not know; a core id without a
# label fails at import, below, and in tests/web/catalog's vocabulary test).
_MATERIAL_WORDS: dict[MaterialId, str] = {
    "pdo": "PDO (polydioxanone)",
    "plla": "PLLA / PLGA",
    "plcl": "PLCL (poly-L-lactide-co-caprolactone)",
    "pcl": "PCL (polycaprolactone)",
    "polypropylene": "Polypropylene (permanent)",
}
_DESIGN_WORDS: dict[DesignId, str] = {
    "mono": "Mono",
    "screw": "Screw",
    "cog_unidirectional": "Unidirectional cog",
    "cog_bidirectional": "Bidirectional cog",
    "cone": "Cone",
}
# Looked up by any stored token (a course's list), hence keyed by str.
MATERIAL_LABELS: dict[str, str] = {m: _MATERIAL_WORDS[m] for m in MATERIAL_IDS}
DESIGN_LABELS: dict[str, str] = {d: _DESIGN_WORDS[d] for d in DESIGN_IDS}
MATERIAL_CHOICES: list[tuple[str, str]] = list(MATERIAL_LABELS.items())
DESIGN_CHOICES: list[tuple[str, str]] = list(DESIGN_LABELS.items())

MaterialFilter = Literal["", MaterialId]
"""A material filter: "" (any material) or one of the core's material ids (the API's type)."""

__all__ = [
    "DESIGN_CHOICES",
    "DESIGN_IDS",
    "DESIGN_LABELS",
    "MATERIAL_CHOICES",
    "MATERIAL_IDS",
    "MATERIAL_LABELS",
    "CreditType",
    "DesignId",
    "Level",
    "MaterialFilter",
    "MaterialId",
    "Mode",
    "Topic",
]
