"""The authentication backend: Django's ModelBackend, with a cheaper load of the signed-in user.

Every signed-in request loads its user, and nearly every one then asks for the user's roles
(the second-factor gate, the navigation, the access helpers): two queries on every page, and
the ORM's compiling of them cost more than anything most pages do themselves (issue 25). Here
both come from one query, written once in SQL (it never changes shape, so there is nothing for
the ORM to build per request): the user's row joined to the names of its groups, one row per
role (or one row with no name). The roles are read fresh on every request, so a role granted or
taken away counts from the very next request; nothing about access is cached.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connection

from academy.accounts.models import User


@cache
def _user_with_roles_sql() -> str:
    quote = connection.ops.quote_name
    user = User._meta
    membership = User.groups.through._meta
    columns = ", ".join(f"u.{quote(str(field.column))}" for field in user.concrete_fields)
    return (
        f"SELECT {columns}, g.{quote('name')} AS role_name "
        f"FROM {quote(user.db_table)} u "
        f"LEFT JOIN {quote(membership.db_table)} m ON m.{quote('user_id')} = u.{quote('id')} "
        f"LEFT JOIN {quote(Group._meta.db_table)} g ON g.{quote('id')} = m.{quote('group_id')} "
        f"WHERE u.{quote('id')} = %s"
    )


def user_with_roles(user_id: Any) -> User | None:
    """The user with this id, its roles already known to `has_role`; None when there is none."""
    rows = list(User.objects.raw(_user_with_roles_sql(), [user_id]))
    if not rows:
        return None
    user = rows[0]
    names = (getattr(row, "role_name", None) for row in rows)  # the query's extra column
    user._role_cache = {name for name in names if name is not None}
    return user


class UserWithRolesBackend(ModelBackend):
    """ModelBackend (passwords, permissions, `is_active`) whose session user comes with roles."""

    def get_user(self, user_id: Any) -> User | None:
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
