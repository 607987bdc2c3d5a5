from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def vietnamese_by_default(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Ignore the browser's Accept-Language: the site is Vietnamese unless the user picks English.

    Many officers' browsers are set to English; the language switch (a cookie) is the only way out.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return get_response(request)

    return middleware
