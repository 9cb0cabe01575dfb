"""One workflow helper for every object with a status.

A :class:`Workflow` names the states of one model field, the allowed transitions with their
rule in words, and the model its append-only history rows go to. Every status change goes
through :meth:`Workflow.move` (or :meth:`Workflow.start` for the first state), which

1. locks the row (``SELECT … FOR UPDATE``),
2. checks the caller's version (optimistic locking: someone else changed it meanwhile), then
   that the transition is allowed from the state *as stored*, then the step's own condition,
3. saves the state with the fields that change with it,
4. appends a history row (from, to, note, who, when),
5. and after the commit sends :data:`transitioned`, so mail and other side effects never
   run for a change that was rolled back.

A refused step raises :class:`IllegalTransition` with a Dutch message for the user.
:meth:`Workflow.replay` walks an object's history from the start and checks that every step
was allowed and that it ends in the stored state: the replay tests of every workflow use it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_init, pre_save
from django.dispatch import Signal
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from wijkregie.common.versioning import ConcurrentEditError, VersionedModel

#: Sent after the commit of every transition: ``sender`` is the model class; arguments
#: ``instance``, ``transition`` (:class:`Transition`), ``actor``, ``note``.
transitioned = Signal()


_writing = threading.local()


@contextmanager
def _through_workflow():
    depth = getattr(_writing, "depth", 0)
    _writing.depth = depth + 1
    try:
        yield
    finally:
        _writing.depth = depth


class IllegalTransition(Exception):
    """A step the workflow does not allow, or whose condition is not met (``message`` is the
    Dutch explanation for the user)."""

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        from_state: str | None = None,
        to_state: str | None = None,
        label: str = "",
    ):
        self.from_state = from_state
        self.to_state = to_state
        self._message = message
        self._label = label
        super().__init__(str(message) if message else f"{from_state or 'new'} -> {to_state}")

    @property
    def message(self) -> str:
        if self._message:
            return str(self._message)
        return _(
            "This item is '%(state)s' now, so that step is no longer possible. Reload the "
            "page to see its current state."
        ) % {"state": self._label or self.from_state or "—"}


@dataclass(frozen=True)
class Transition:
    """A step from any of ``sources`` (``None``: a new object) to ``target``."""

    name: str
    sources: tuple[str | None, ...]
    target: str
    rule: str | Promise = ""


class Workflow:
    """The states and transitions of ``model.<field>``, with history rows in ``history``
    (a :class:`~wijkregie.common.history.HistoryEvent` subclass whose foreign key to the
    object is ``subject``)."""

    def __init__(
        self,
        model: type[models.Model],
        *,
        field: str,
        history: type[models.Model],
        subject: str,
        transitions: Iterable[Transition],
        description: str | Promise = "",
    ):
        self.model = model
        self.field = field
        self.history = history
        self.subject = subject
        self.transitions = tuple(transitions)
        self.description = description
        self.states = [value for value, _label in model._meta.get_field(field).choices]
        seen: set[tuple[str | None, str]] = set()
        for transition in self.transitions:
            if transition.target not in self.states:
                raise ValueError(f"{model.__name__}: unknown state {transition.target!r}")
            for source in transition.sources:
                if source is not None and source not in self.states:
                    raise ValueError(f"{model.__name__}: unknown state {source!r}")
                if (source, transition.target) in seen:
                    raise ValueError(f"{model.__name__}: {source} -> {transition.target} twice")
                seen.add((source, transition.target))
        self._marker = f"_workflow_loaded_{field}"
        self._guard()

    def _guard(self) -> None:
        """Refuse a save that changes the status outside :meth:`move` and :meth:`start`: a
        status set by hand (``obj.status = …; obj.save()``) would skip the rules and the
        history. (Queryset ``update()`` bypasses signals; the replay tests catch those.)"""
        field = self.field
        marker = self._marker

        def remember(sender, instance, **kwargs):
            instance.__dict__[marker] = instance.__dict__.get(field)

        def refuse(sender, instance, update_fields=None, **kwargs):
            if getattr(_writing, "depth", 0) or kwargs.get("raw"):
                return
            if update_fields is not None and field not in update_fields:
                return
            if instance._state.adding:
                # A new object begins through start(); a test fixture in the model's default
                # state is left alone (it has no history to replay).
                if getattr(instance, field) == sender._meta.get_field(field).get_default():
                    return
            elif getattr(instance, field) == instance.__dict__.get(marker):
                return
            elif sender._default_manager.filter(pk=instance.pk).values_list(
                field, flat=True
            ).first() == getattr(instance, field):
                return  # loaded before a refresh_from_db(): the stored status is unchanged
            raise IllegalTransition(
                f"{sender.__name__}.{field} changes only through its workflow",
                from_state=instance.__dict__.get(marker),
                to_state=getattr(instance, field),
            )

        post_init.connect(remember, sender=self.model, weak=False)
        pre_save.connect(refuse, sender=self.model, weak=False)

    # --- reading the table -----------------------------------------------------------------
    def label(self, state: str | None) -> str:
        if state is None:
            return _("new")
        choices = dict(self.model._meta.get_field(self.field).choices)
        return str(choices.get(state, state))

    def find(self, from_state: str | None, to_state: str) -> Transition | None:
        for transition in self.transitions:
            if transition.target == to_state and from_state in transition.sources:
                return transition
        return None

    def targets(self, state: str | None) -> list[str]:
        """The states one step away from ``state``, in the order of the table."""
        return [t.target for t in self.transitions if state in t.sources]

    def allowed(self, obj_or_state: models.Model | str | None, to_state: str) -> bool:
        state = (
            getattr(obj_or_state, self.field)
            if isinstance(obj_or_state, models.Model)
            else obj_or_state
        )
        return self.find(state, to_state) is not None

    def check(self, from_state: str | None, to_state: str) -> Transition:
        transition = self.find(from_state, to_state)
        if transition is None:
            raise self.refusal(from_state, to_state)
        return transition

    def choices(self, state: str | None) -> list[tuple[str, str]]:
        """For a status field: the current state and the states one step away."""
        keep = ([state] if state is not None else []) + self.targets(state)
        return [(value, self.label(value)) for value in self.states if value in keep]

    def refusal(self, from_state: str | None, to_state: str) -> IllegalTransition:
        """The error for a step that is not possible from ``from_state``."""
        return IllegalTransition(
            from_state=from_state, to_state=to_state, label=self.label(from_state)
        )

    def table(self) -> list[dict[str, Any]]:
        """The transitions for documentation: from, to and the rule in words."""
        return [
            {
                "name": t.name,
                "from": [self.label(s) for s in t.sources],
                "to": self.label(t.target),
                "rule": str(t.rule),
            }
            for t in self.transitions
        ]

    # --- writing ---------------------------------------------------------------------------
    def _append(self, obj, from_state, to_state, note, actor, now) -> None:
        self.history.objects.create(
            **{self.subject: obj},
            from_state=from_state or "",
            to_state=to_state,
            note=note,
            actor=actor,
            at=now or timezone.now(),
        )

    def _emit(self, obj, transition: Transition, actor, note: str) -> None:
        model = self.model
        transaction.on_commit(
            lambda: transitioned.send(
                sender=model, instance=obj, transition=transition, actor=actor, note=note
            )
        )

    def start(
        self,
        obj: models.Model,
        to_state: str,
        *,
        actor=None,
        note: str = "",
        now: dt.datetime | None = None,
    ) -> models.Model:
        """Save a new object in its first state and record that as its first history row."""
        transition = self.check(None, to_state)
        setattr(obj, self.field, to_state)
        with transaction.atomic(), _through_workflow():
            obj.save()
            obj.__dict__[self._marker] = to_state
            self._append(obj, None, to_state, note, actor, now)
            self._emit(obj, transition, actor, note)
        return obj

    def move(
        self,
        obj: models.Model,
        to_state: str,
        *,
        actor=None,
        note: str = "",
        expected_version: int | None = None,
        fields: Mapping[str, Any] | None = None,
        condition: Callable[[models.Model], None] | None = None,
        validate: bool = False,
        now: dt.datetime | None = None,
    ) -> models.Model:
        """Move ``obj`` to ``to_state`` and return the stored object as it now is.

        ``fields`` are saved with the state; ``condition`` receives the locked object and
        raises (``IllegalTransition`` or ``ValidationError``) when the step's own rule is not
        met; ``validate`` runs the model's own validation after the fields are set.
        ``expected_version`` (for models with a version) refuses a change based on an old
        read with :class:`ConcurrentEditError`."""
        fields = dict(fields or {})
        with transaction.atomic(), _through_workflow():
            locked = self.model._default_manager.select_for_update().get(pk=obj.pk)
            if expected_version is not None and (
                getattr(locked, "version", expected_version) != expected_version
            ):
                raise ConcurrentEditError()
            from_state = getattr(locked, self.field)
            transition = self.check(from_state, to_state)
            if condition is not None:
                condition(locked)
            setattr(locked, self.field, to_state)
            for name, value in fields.items():
                setattr(locked, name, value)
            if validate:
                locked.full_clean()
            update = [self.field, *fields]
            if isinstance(locked, VersionedModel):
                locked.save_versioned(expected_version=locked.version, update_fields=update)
            else:
                if hasattr(locked, "version"):
                    locked.version += 1
                    update.append("version")
                locked.save(update_fields=update)
            self._append(locked, from_state, to_state, note, actor, now)
            self._emit(locked, transition, actor, note)
        # The caller's instance follows, so code holding it sees the stored state.
        for name in [self.field, *fields, *(["version"] if hasattr(locked, "version") else [])]:
            setattr(obj, name, getattr(locked, name))
        obj.__dict__[self._marker] = locked.__dict__[self._marker] = to_state
        return locked

    def annotate(
        self, obj: models.Model, note: str, *, actor=None, now: dt.datetime | None = None
    ) -> None:
        """A history row without a change of state (a reminder, a carry-over)."""
        state = getattr(obj, self.field)
        self._append(obj, state, state, note, actor, now)

    # --- checking ------------------------------------------------------------------------
    def replay(self, obj: models.Model) -> str | None:
        """Walk the object's history from the start: every change must be an allowed
        transition from the state the walk is in, and the walk must end in the stored state.
        Rows without a change (``from == to``) are notes; a note as the first row is where the
        history of an object older than its history begins. Returns the state reached; raises
        :class:`IllegalTransition` on the first step that does not fit."""
        rows = self.history.objects.filter(**{self.subject: obj}).order_by("at", "pk")
        state: str | None = None
        for index, row in enumerate(rows):
            from_state = row.from_state or None
            if from_state == row.to_state:
                if index == 0:  # history began with the object already in this state
                    state = row.to_state
                elif state != row.to_state:
                    raise IllegalTransition(from_state=state, to_state=row.to_state)
                continue
            if from_state != state:
                raise IllegalTransition(from_state=state, to_state=row.to_state)
            self.check(state, row.to_state)
            state = row.to_state
        if state != getattr(obj, self.field):
            raise IllegalTransition(from_state=state, to_state=getattr(obj, self.field))
        return state
