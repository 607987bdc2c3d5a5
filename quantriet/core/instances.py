"""Model instances from known values, for hot paths that make one per request or a thousand per
batch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

M = TypeVar("M", bound=Model)

_ATTNAMES: dict[type[Model], tuple[str, ...]] = {}


def from_values(
    model: type[M], values: Sequence[Any], *, adding: bool = True, db: str | None = None
) -> M:
    """`model(*values)` — `values` being its concrete fields' in order — made as unpickling makes
    an instance: the attributes set at once, without Model.__init__, whose loop over the fields
    and two signals cost several microseconds. Nothing else differs while no pre_init/post_init
    receiver is connected for the model (an ImageField's, say); then the constructor is used."""
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        instance = model(*values)
    else:
        attnames = _ATTNAMES.get(model)
        if attnames is None:
            attnames = _ATTNAMES[model] = tuple(f.attname for f in model._meta.concrete_fields)
        instance = model.__new__(model)
        instance._state = ModelState()
        instance.__dict__.update(zip(attnames, values, strict=True))
    instance._state.adding = adding
    instance._state.db = db
    return instance
