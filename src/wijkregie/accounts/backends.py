"""Log in with a password, without Django's model permissions.

What a user may do follows from their roles (``accounts.permissions``, django-rules). Django's
``ModelBackend`` would also read the user's and their groups' model permissions from the
database — two queries on every page with a permission check — although Wijkregie assigns none.
This backend keeps its password check and answers every permission question with "no",
leaving the answer to the rules."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """``ModelBackend``'s login (username and password, active users only), no permissions."""

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return False

    def has_module_perms(self, user_obj, app_label) -> bool:
        return False
