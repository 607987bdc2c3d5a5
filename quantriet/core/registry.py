"""Where an upper app adds to a lower app's page or search without the lower app importing it.

A capability names a *slot* on one of its pages (`"documents.detail"`) and renders whatever the
slot holds; an app built on top fills the slot in its `AppConfig.ready()`. The lower app never
imports the upper one, so the import contract (`pyproject.toml`) holds, and an app that is not
installed simply adds nothing.

- **Panels**: a template and a function that gives its context for the page's object (None: the
  panel is not shown to this user). The view renders them (`render_panels`), so their queries
  run in the view like the page's own, never from a template.
- **Search providers**: `(user, q, offset, limit) -> (count, items)` in the contract's item shape
  (`type`, `id`, `title`, `number`, `snippet`, `url`); `search` pages through them in order as
  if they were one list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

PanelContext = Callable[[HttpRequest, Any], dict[str, Any] | None]
SearchProvider = Callable[..., tuple[int, list[dict[str, Any]]]]


@dataclass(frozen=True)
class Panel:
    template: str
    context: PanelContext
    order: int


@dataclass(frozen=True)
class Provider:
    kind: str
    search: SearchProvider
    order: int


_panels: dict[str, list[Panel]] = {}
_providers: list[Provider] = []


def add_panel(slot: str, *, template: str, context: PanelContext, order: int = 100) -> None:
    """Show `template` in `slot` (ordered by `order`), with `context(request, obj)`."""
    panels = _panels.setdefault(slot, [])
    if any(p.template == template for p in panels):
        return  # ready() may run twice (tests reloading apps)
    panels.append(Panel(template=template, context=context, order=order))
    panels.sort(key=lambda p: p.order)


def render_panels(slot: str, request: HttpRequest, obj: Any) -> list[SafeString]:
    """The slot's panels rendered for this request and object; hidden ones left out."""
    out = []
    for panel in _panels.get(slot, ()):
        context = panel.context(request, obj)
        if context is not None:
            out.append(mark_safe(render_to_string(panel.template, context, request=request)))  # noqa: S308 — our own rendered template
    return out


def add_search_provider(kind: str, search: SearchProvider, *, order: int = 100) -> None:
    """Let the one search box find `kind` items: `search(user=, q=, offset=, limit=)`."""
    if any(p.kind == kind for p in _providers):
        return
    _providers.append(Provider(kind=kind, search=search, order=order))
    _providers.sort(key=lambda p: p.order)


def search(*, user: Any, q: str, offset: int, limit: int) -> tuple[int, list[dict[str, Any]]]:
    """Every provider's results as one list: the total count, and `limit` items from `offset`.

    Each provider answers with its own count and the part of the page that falls to it, so a
    page costs each provider a count and at most one page query."""
    total = 0
    items: list[dict[str, Any]] = []
    for provider in _providers:
        count, found = provider.search(
            user=user, q=q, offset=max(0, offset - total), limit=limit - len(items)
        )
        total += count
        items += found
    return total, items
