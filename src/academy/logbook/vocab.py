"""The logbook's words: settings, supervision levels, anaesthesia, photo kinds, DOPS domains and
the two published scales the DOPS form uses (cited in the bibliography, sources.yaml):

- each domain on the O-SCORE entrustment scale, 1 "I had to do" to 5 "I did not need to be
  there", plus "not observed" (Gofton et al. 2012, source E1);
- the overall rating on the ISCP surgical DOPS global levels 0-4 (source E2).

The supervision levels of a case follow the UK surgical eLogbook's codes, simplified to the four
issue 14 names (observed / assisted / performed under supervision / performed independently).
"""

from __future__ import annotations

from django.db import models

OSCORE_SOURCE = "E1"
ISCP_SOURCE = "E2"
POLICY_SOURCE = "TA-FACTBASE"  # no published minimum of supervised thread-lift cases was found


class Setting(models.TextChoices):
    MODEL = "model", "Volunteer model (training session)"
    PATIENT = "patient", "Patient (clinic)"


class Supervision(models.TextChoices):
    OBSERVED = "observed", "Observed"
    ASSISTED = "assisted", "Assisted"
    SUPERVISED = "supervised", "Performed under supervision"
    INDEPENDENT = "independent", "Performed independently"


# Levels at which the learner touched the patient: consent must be confirmed before saving.
HANDS_ON_LEVELS = (Supervision.ASSISTED, Supervision.SUPERVISED, Supervision.INDEPENDENT)


class Anaesthesia(models.TextChoices):
    NONE = "none", "None"
    TOPICAL = "topical", "Topical"
    LOCAL = "local_infiltration", "Local infiltration"
    BLOCK = "nerve_block", "Regional nerve block"
    OTHER = "other", "Other (say which in the notes)"


class PhotoKind(models.TextChoices):
    BEFORE = "before", "Before"
    AFTER = "after", "After"


DOPS_DOMAINS: tuple[tuple[str, str], ...] = (
    ("indication_consent", "Indication and consent"),
    ("anatomy_marking", "Anatomy and marking"),
    ("asepsis", "Asepsis"),
    ("anaesthesia", "Anaesthesia"),
    ("technique_plane", "Technique: plane"),
    ("technique_vector", "Technique: vector"),
    ("technique_anchoring", "Technique: anchoring"),
    ("complications", "Handling complications"),
    ("aftercare_communication", "Aftercare and communication"),
)
NOT_OBSERVED = "n"
OSCORE_SCALE: tuple[tuple[str, str], ...] = (
    ("1", "1 — “I had to do”: needed complete hands-on guidance, or did not do it"),
    ("2", "2 — “I had to talk them through”: able, but needed constant direction"),
    ("3", "3 — “I had to prompt them from time to time”: some independence"),
    ("4", "4 — “I needed to be in the room just in case”: independent, not yet safe alone"),
    ("5", "5 — “I did not need to be there”: independent and safe"),
    (NOT_OBSERVED, "Not observed"),
)


class OverallLevel(models.IntegerChoices):
    """ISCP surgical DOPS global rating (levels 0-4)."""

    INSUFFICIENT = 0, "0 — Insufficient evidence"
    UNABLE = 1, "1 — Unable to perform the procedure under supervision"
    SUPERVISED = 2, "2 — Able to perform the procedure under supervision"
    MINIMAL = 3, "3 — Able to perform the procedure with minimal supervision"
    COMPETENT = 4, "4 — Competent to perform unsupervised and deal with complications"


class DopsStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    SIGNED = "signed", "Signed"


class RuleKind(models.TextChoices):
    CASES = "cases", "Signed cases at a supervision level"
    DOPS = "dops", "Signed DOPS at an overall level"
