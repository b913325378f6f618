"""Who is acting, for audit rows: the signed-in user of the current request, if any.

django-simple-history's HistoryRequestMiddleware keeps the request for the duration of the
request (per thread/context, not module state); outside a request (commands, the task worker)
the actor is the system.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed
from simple_history.models import HistoricalRecords

from academy.accounts.models import RoleAction, RoleEvent, User


def current_actor() -> User | None:
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


def actor_label(user: User | None) -> str:
    return f"{user.full_name} <{user.email}>" if user is not None else "system (command or task)"


def _record(users: list[User], group_names: list[str], action: RoleAction) -> None:
    by = current_actor()
    RoleEvent.objects.bulk_create(
        RoleEvent(
            user=user,
            user_email=user.email,
            role=name,
            action=action,
            by=by,
            by_label=actor_label(by),
        )
        for user in users
        for name in group_names
    )
    for user in users:
        if hasattr(user, "_role_cache"):
            del user._role_cache


def group_membership_changed(
    sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any, **_: Any
) -> None:
    """Record every change of User.groups, whichever side it was made from."""
    from django.contrib.auth.models import Group

    if action == "pre_clear":
        if reverse:
            instance._cleared_users = list(instance.user_set.all())
        else:
            instance._cleared_groups = list(instance.groups.values_list("name", flat=True))
        return
    if action == "post_clear":
        if reverse:
            _record(getattr(instance, "_cleared_users", []), [instance.name], RoleAction.REMOVED)
        else:
            _record([instance], getattr(instance, "_cleared_groups", []), RoleAction.REMOVED)
        return
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    kind = RoleAction.GRANTED if action == "post_add" else RoleAction.REMOVED
    if reverse:  # group.user_set.add(...)
        _record(list(User.objects.filter(pk__in=pk_set)), [instance.name], kind)
    else:  # user.groups.add(...)
        names = list(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
        _record([instance], names, kind)


def connect() -> None:
    m2m_changed.connect(
        group_membership_changed, sender=User.groups.through, dispatch_uid="accounts-role-events"
    )
