"""Roles are Django groups named after :class:`vigipub.evidence.casework.Role`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from vigipub.cases.roles import can
from vigipub.evidence.casework import Capability, Role


def roles_of(user: Any) -> frozenset[Role]:
    """The user's roles, read once per request (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_vigipub_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(r for r in Role if str(r) in names)
        user._vigipub_roles = cached
    return cached


def has(user: Any, capability: Capability) -> bool:
    return can(roles_of(user), capability)


def require(user: Any, capability: Capability) -> None:
    if not has(user, capability):
        raise PermissionDenied(f"this needs the capability '{capability}'")


def capability_required(capability: Capability) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            require(request.user, capability)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


#: what an administrator may do in Django's admin site (/admin/): manage accounts, nothing else
ADMIN_PERMISSIONS = ("add_user", "change_user", "view_user", "view_group")


def role_group(role: Role) -> Group:
    group, _created = Group.objects.get_or_create(name=str(role))
    if role == Role.ADMINISTRATOR:
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="auth", codename__in=ADMIN_PERMISSIONS)
        )
    return group


def set_roles(user: Any, roles: set[Role]) -> None:
    user.groups.set([role_group(r) for r in sorted(roles)])
    user.is_staff = Role.ADMINISTRATOR in roles  # administrators manage accounts in /admin/
    user.is_superuser = False
    user.save(update_fields=["is_staff", "is_superuser"])
    if hasattr(user, "_vigipub_roles"):
        del user._vigipub_roles
