from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission


class HasRulePermission(BasePermission):
    """Ask Wijkregie's permission rules (``accounts.permissions``) for
    ``view.permission_required``; object checks use the same rule with the object."""

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(view.permission_required)

    def has_object_permission(self, request, view, obj) -> bool:
        return request.user.has_perm(view.permission_required, obj)


def require(request, permission: str, obj=None) -> None:
    """Refuse (403) unless the rule grants ``permission`` on ``obj``: for checks inside a view,
    on an object the view has only just looked up."""
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied()
