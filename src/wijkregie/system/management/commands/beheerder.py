"""``wijkregie beheerder USER --email … --organisatie CODE [--naam NAME]``: the first
administrator of a fresh installation (nobody can give the first administrator role in the app).

Creates the account when it does not exist (without a usable password: set one with
``wijkregie changepassword USER``, or log in through single sign-on), creates the municipal
organisation when it does not exist, and gives the account the administrator role there. The
change is in the audit log. Idempotent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wijkregie.accounts import services
from wijkregie.accounts.models import AuditEvent, Membership, User
from wijkregie.accounts.roles import Role
from wijkregie.organisations.models import Organisation


class Command(BaseCommand):
    help = "Give an account the administrator role (creating the account and organisation)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--organisatie", required=True, help="Code, e.g. gemeente-zaanstad.")
        parser.add_argument("--naam", help="Name of the organisation when it is created.")

    @transaction.atomic
    def handle(self, *args, username, email, organisatie, naam, **options):
        organisation = Organisation.objects.filter(code=organisatie).first()
        if organisation is None:
            organisation = Organisation(
                code=organisatie, name=naam or organisatie, kind=Organisation.Kind.MUNICIPALITY
            )
            try:
                organisation.full_clean()
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            organisation.save()
        user = User.objects.filter(username=username).first()
        if user is None:
            try:
                user = services.user_create(username=username, email=email)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
        if not Membership.objects.filter(
            user=user, organisation=organisation, role=Role.ADMINISTRATOR
        ).exists():
            services.membership_create(
                user=user, organisation=organisation, role=Role.ADMINISTRATOR
            )
            services.audit_event_create(
                action=AuditEvent.Action.OBJECT_CHANGED,
                obj=user,
                username="wijkregie beheerder",
                detail={"change": "membership_added", "role": Role.ADMINISTRATOR},
            )
        self.stdout.write(
            f"{user.username} is beheerder bij {organisation.name}. "
            f"Wachtwoord instellen: wijkregie changepassword {user.username} "
            "(of log in via single sign-on); bij de eerste login stelt u de tweestapscode in."
        )
