"""The knowledge base: cited clinical and regulatory facts as validated, immutable data.

from threadlift.knowledge import load_knowledge
kb = load_knowledge()
kb.danger_zone("parotid_duct").planes_at_risk
"""

from threadlift.knowledge.base import COLLECTIONS, KnowledgeBase
from threadlift.knowledge.errors import KnowledgeError, Problem
from threadlift.knowledge.loader import DATA_DIR, load_knowledge

__all__ = [
    "COLLECTIONS",
    "DATA_DIR",
    "KnowledgeBase",
    "KnowledgeError",
    "Problem",
    "load_knowledge",
]
