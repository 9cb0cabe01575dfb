"""The one way a form page saves through a service.

Valid input goes to the service; a ``ConcurrentEditError`` answers 409 with the Dutch
explanation and changes nothing; a ``ValidationError`` from the service lands on the form's
fields; invalid input answers 400. On success: a message and a redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wijkregie.common.versioning import ConcurrentEditError
from wijkregie.common.workflow import IllegalTransition

Saved = TypeVar("Saved")


def add_validation_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def form_page(
    request: HttpRequest, form, title: str, cancel_url: str, status: int = 200, intro: str = ""
) -> HttpResponse:
    """The plain form page (``ui/form_page.html``): a title, an optional introduction, the form,
    Save and Cancel."""
    return render(
        request,
        "ui/form_page.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "intro": intro},
        status=status,
    )


def save_form(
    request: HttpRequest,
    form: forms.BaseForm,
    write: Callable[[], Saved],
    *,
    render: Callable[[int], HttpResponse],
    success_url: Callable[[Saved], str],
    success_message: str,
    conflicts: tuple[type[Exception], ...] = (),
) -> HttpResponse:
    """Call ``write()`` when ``form`` is valid. A concurrent edit or a step the workflow no
    longer allows (someone else was first) answers 409; ``conflicts`` are extra exceptions
    that mean the same."""
    if form.is_valid():
        try:
            saved = write()
        except (ConcurrentEditError, IllegalTransition, *conflicts) as exc:
            message = getattr(exc, "message", None) or ConcurrentEditError.message
            form.add_error(None, message)
            return render(409)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, success_message)
            return redirect(success_url(saved))
    return render(400)
