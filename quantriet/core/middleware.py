from collections.abc import Awaitable, Callable

from asgiref.sync import iscoroutinefunction
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import sync_and_async_middleware


@sync_and_async_middleware
def vietnamese_by_default(get_response: Callable) -> Callable:
    """Ignore the browser's Accept-Language: the site is Vietnamese unless the user picks English.

    Many officers' browsers are set to English; the language switch (a cookie) is the only way out.
    Async-capable, so long-lived live streams under ASGI need no thread hop for it.
    """
    if iscoroutinefunction(get_response):

        async def async_middleware(request: HttpRequest) -> HttpResponse:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
            return await get_response(request)

        return async_middleware

    def middleware(request: HttpRequest) -> HttpResponse | Awaitable[HttpResponse]:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return get_response(request)

    return middleware
