"""Pydantic schemas of the knowledge data files, one model per collection."""

from threadlift.knowledge.schemas.anatomy import DangerZone
from threadlift.knowledge.schemas.assessment import (
    Alternative,
    Expectation,
    SuitabilityRule,
    ThreadOption,
    TriageRule,
    When,
)
from threadlift.knowledge.schemas.bibliography import Source
from threadlift.knowledge.schemas.clinical import (
    Aftercare,
    CitedNote,
    Complication,
    Contraindication,
    Incidence,
    Indication,
    Visit,
)
from threadlift.knowledge.schemas.common import (
    CitedFigure,
    CitedMonthRange,
    CountRange,
    DayRange,
    MonthRange,
    Record,
)
from threadlift.knowledge.schemas.consent import ClearanceReading, ConsentClause
from threadlift.knowledge.schemas.instruments import (
    CutOff,
    Instrument,
    Item,
    ItemCondition,
    Level,
    RuleGroup,
    Scoring,
)
from threadlift.knowledge.schemas.practice import Register, Regulation, TrainingStandard
from threadlift.knowledge.schemas.threads import (
    Clearance,
    Design,
    Longevity,
    Material,
    Product,
    StrengthFigure,
)

__all__ = [
    "Aftercare",
    "Alternative",
    "CitedFigure",
    "CitedMonthRange",
    "CitedNote",
    "Clearance",
    "ClearanceReading",
    "Complication",
    "ConsentClause",
    "Contraindication",
    "CountRange",
    "CutOff",
    "DangerZone",
    "DayRange",
    "Design",
    "Expectation",
    "Incidence",
    "Indication",
    "Instrument",
    "Item",
    "ItemCondition",
    "Level",
    "Longevity",
    "Material",
    "MonthRange",
    "Product",
    "Record",
    "Register",
    "Regulation",
    "RuleGroup",
    "Scoring",
    "Source",
    "StrengthFigure",
    "SuitabilityRule",
    "ThreadOption",
    "TrainingStandard",
    "TriageRule",
    "Visit",
    "When",
]
