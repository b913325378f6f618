"""The authentication backend: Django's ModelBackend, with a cheaper load of the signed-in user.

Every signed-in request loads its user, and nearly every one then asks for the user's roles
(the second-factor gate, the navigation, the access helpers): two queries on every page, and
the ORM's compiling of them cost more than anything most pages do themselves (issue 25). Here
both come from one query, written once in SQL (it never changes shape, so there is nothing for
the ORM to build per request): the user's row joined to the names of its groups, one row per
role (or one row with no name). The roles are read fresh on every request, so a role granted or
taken away counts from the very next request; nothing about access is cached.

The rows are read with a plain cursor and made into a `User` as the ORM does it (`from_db`, with
the database backend's converters for each column, e.g. SQLite's 0/1 into booleans): a raw
queryset costs twice as much per request for the same object.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

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


Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


@cache
def _converters(vendor: str) -> tuple[tuple[int, Any, tuple[Converter, ...]], ...]:
    """Per user column that needs one, its position, column expression and converters, as the
    ORM's compiler finds them (the backend's, then the field's), for this database vendor."""
    out = []
    for i, field in enumerate(User._meta.concrete_fields):
        col = field.get_col(User._meta.db_table)
        found = [*connection.ops.get_db_converters(col), *col.get_db_converters(connection)]
        if found:
            out.append((i, col, tuple(found)))
    return tuple(out)


def user_with_roles(user_id: Any) -> User | None:
    """The user with this id, its roles already known to `has_role`; None when there is none."""
    with connection.cursor() as cursor:
        cursor.execute(_user_with_roles_sql(), [user_id])
        rows = cursor.fetchall()
    if not rows:
        return None
    values = list(rows[0][:-1])  # the last column is the role's name
    for i, col, converters in _converters(connection.vendor):
        for convert in converters:
            values[i] = convert(values[i], col, connection)
    user = User.from_db(connection.alias, _field_names(), values)
    user._role_cache = {row[-1] for row in rows if row[-1] is not None}
    return user


@cache
def _field_names() -> list[str]:
    return [field.attname for field in User._meta.concrete_fields]


class UserWithRolesBackend(ModelBackend):
    """ModelBackend (passwords, permissions, `is_active`) whose session user comes with roles."""

    def get_user(self, user_id: Any) -> User | None:
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
