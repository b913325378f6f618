"""Clinical assessment: suitability, screening, thread choice, expectations, aftercare, triage,
consent document.

Pure functions over the knowledge base; every rule they apply is data in
`threadlift.knowledge` with sources and an evidence grade.

    from threadlift.knowledge import load_knowledge
    from threadlift.assessment import parse_profile, assess
    kb = load_knowledge()
    result = assess(parse_profile(json_text, kb), kb)
"""

from threadlift.assessment.aftercare import (
    AftercareSchedule,
    aftercare_schedule,
    schedule_ics,
    schedule_pdf,
)
from threadlift.assessment.common import InputProblem
from threadlift.assessment.consent import ConsentDocument, consent_document
from threadlift.assessment.consent_pdf import consent_pdf
from threadlift.assessment.expectations import Expectations, expectations
from threadlift.assessment.profile import PatientProfile, parse_profile, profile_json_schema
from threadlift.assessment.report import ConsultationReport, consultation_report
from threadlift.assessment.screening import (
    ScreeningResult,
    score_bddq_as,
    score_dcq,
    score_screening,
)
from threadlift.assessment.suitability import Assessment, Reason, assess
from threadlift.assessment.threads import ThreadChoice, thread_options
from threadlift.assessment.triage import (
    SYMPTOM_LABELS,
    URGENCY_LABELS,
    Triage,
    parse_symptoms,
    triage,
)

__all__ = [
    "SYMPTOM_LABELS",
    "URGENCY_LABELS",
    "AftercareSchedule",
    "Assessment",
    "ConsentDocument",
    "ConsultationReport",
    "Expectations",
    "InputProblem",
    "PatientProfile",
    "Reason",
    "ScreeningResult",
    "ThreadChoice",
    "Triage",
    "aftercare_schedule",
    "assess",
    "consent_document",
    "consent_pdf",
    "consultation_report",
    "expectations",
    "parse_profile",
    "parse_symptoms",
    "profile_json_schema",
    "schedule_ics",
    "schedule_pdf",
    "score_bddq_as",
    "score_dcq",
    "score_screening",
    "thread_options",
    "triage",
]
