from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the user chose another language with the language switch.

    The browser's Accept-Language header is deliberately ignored: Wijkregie is a Dutch
    municipal application and speaks Dutch to everyone until they choose English.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class AdminStyleCSPMiddleware:
    """Django admin widgets set inline styles: allow them under /admin/ only (scripts stay
    strict). Must come after ``csp.middleware.CSPMiddleware`` in ``MIDDLEWARE``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return response
