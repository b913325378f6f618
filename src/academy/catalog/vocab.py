"""Choices for catalog fields. Material and design ids are the knowledge base's ids."""

from __future__ import annotations

from django.db import models


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


MATERIAL_CHOICES = [
    ("pdo", "PDO (polydioxanone)"),
    ("plla", "PLLA / PLGA"),
    ("plcl", "PLCL (poly-L-lactide-co-caprolactone)"),
    ("pcl", "PCL (polycaprolactone)"),
    ("polypropylene", "Polypropylene (permanent)"),
]
DESIGN_CHOICES = [
    ("mono", "Mono"),
    ("screw", "Screw"),
    ("cog_unidirectional", "Unidirectional cog"),
    ("cog_bidirectional", "Bidirectional cog"),
    ("cone", "Cone"),
]
MATERIAL_LABELS = dict(MATERIAL_CHOICES)
DESIGN_LABELS = dict(DESIGN_CHOICES)
