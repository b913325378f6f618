"""Hands-on practice: what a volunteer model is told before a supervised treatment.

Pure functions over the knowledge base (no Django)."""

from threadlift.practice.pretreatment import PreTreatment, pre_treatment_instructions

__all__ = ["PreTreatment", "pre_treatment_instructions"]
