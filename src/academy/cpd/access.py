"""Who sees what of the CPD app. Views never filter by owner themselves.

A portfolio is its learner's alone: every getter here returns the signed-in user's own rows, so
anyone else's id answers 404. An academy's CPD ledger is seen by that academy's admins only
(403 without the role, 404 for another academy), as the catalog's policy answers.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from academy.accounts.models import User
from academy.catalog.models import Provider
from academy.catalog.policy import get_provider_for_admin
from academy.cpd.models import DevelopmentGoal, ExternalActivity


def get_external_for_learner(user: User, external_id: int) -> ExternalActivity:
    return get_object_or_404(ExternalActivity.objects.filter(learner=user), pk=external_id)


def get_goal_for_learner(user: User, goal_id: int) -> DevelopmentGoal:
    return get_object_or_404(DevelopmentGoal.objects.filter(learner=user), pk=goal_id)


def get_academy_for_cpd_admin(user: User, provider_id: int) -> Provider:
    return get_provider_for_admin(user, provider_id)
