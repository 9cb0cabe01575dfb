""" "Show what others will read": the shared version of an unsaved text, made by the task worker
and fetched by the writer's page (htmx) until it is ready."""

from __future__ import annotations

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import render
from django.views import View

from wijkregie.deidentification import selectors, services

#: Longest text a preview takes (a narrative is far shorter).
MAX_PREVIEW = 20_000


class PreviewView(PermissionRequiredMixin, View):
    permission_required = "deidentification.preview"
    raise_exception = True

    def post(self, request):
        parts = [request.POST.get(name, "") for name in ("title", "text")]
        text = "\n\n".join(p for p in parts if p.strip())[:MAX_PREVIEW]
        marked = [
            line.strip()
            for line in request.POST.get("marked", "").splitlines()[:100]
            if line.strip()
        ]
        if not text.strip():
            return render(request, "deidentification/_preview.html", {"empty": True})
        preview = services.preview_request(user=request.user, text=text, marked=marked)
        return render(request, "deidentification/_preview.html", {"preview": preview})


class PreviewResultView(PermissionRequiredMixin, View):
    permission_required = "deidentification.preview"
    raise_exception = True

    def get(self, request, preview_id):
        preview = selectors.preview_get(preview_id, user=request.user)
        if preview is None:
            raise Http404
        return render(request, "deidentification/_preview.html", {"preview": preview})
