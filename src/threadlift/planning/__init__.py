"""Thread plans: parsing, scoring rules against danger zones and published technique, and
reference plans. Pure core: the knowledge base and the face are passed in.
"""

from threadlift.planning.models import Finding, Plan, ProductSpec, Score, Thread
from threadlift.planning.objectives import ObjectiveCheck, Objectives
from threadlift.planning.offlabel import OffLabelUse, off_label_uses
from threadlift.planning.parse import PlanError, parse_plan
from threadlift.planning.reference import reference_plan, reference_plans
from threadlift.planning.scoring import build_context, check_objectives, plan_face, score_plan

__all__ = [
    "Finding",
    "ObjectiveCheck",
    "Objectives",
    "OffLabelUse",
    "Plan",
    "PlanError",
    "ProductSpec",
    "Score",
    "Thread",
    "build_context",
    "check_objectives",
    "off_label_uses",
    "parse_plan",
    "plan_face",
    "reference_plan",
    "reference_plans",
    "score_plan",
]
