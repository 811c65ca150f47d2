"""Dagster config classes made from lifecycle_core's settings dataclasses: every setting declared once.

A dataclass (the training entrypoint's argument groups, the feed, the pod spec, the dataset config)
stays the one place a setting is named, typed, defaulted and explained; `config_class` turns it into
a `dg.Config` or `dg.ConfigurableResource` with the same fields, defaults and help (shown in the
launchpad), and `to_dataclass` turns a configured instance back into the dataclass the core takes.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

import pydantic

# Dagster config has no date type: a date travels as ISO text and becomes a date again in the core.
_AS_TEXT = {date: str}


def _config_type(hint: Any) -> Any:
    if hint in _AS_TEXT:
        return _AS_TEXT[hint]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return typing.Optional[_config_type(next(a for a in typing.get_args(hint) if a is not type(None)))]  # noqa: UP045
    return hint


def _default(spec: dataclasses.Field, overrides: Mapping[str, Any]) -> Any:
    if spec.name in overrides:
        value = overrides[spec.name]
        return value.isoformat() if isinstance(value, date) else value
    if spec.default is not dataclasses.MISSING:
        return spec.default.isoformat() if isinstance(spec.default, date) else spec.default
    if spec.default_factory is not dataclasses.MISSING:
        return spec.default_factory()
    return ...  # pydantic's marker for a required field


def config_class(
    source: type,
    base: type[pydantic.BaseModel],
    name: str,
    *,
    exclude: Collection[str] = (),
    defaults: Mapping[str, Any] | None = None,
) -> Any:
    """A subclass of `base` with one field per field of the dataclass `source` (minus `exclude`).

    `defaults` replaces some defaults (what a profile sets); everything else keeps the dataclass's own.
    """
    overrides = dict(defaults or {})
    hints = typing.get_type_hints(source)
    fields = {f.name: f for f in dataclasses.fields(source) if f.name not in exclude}
    unknown = set(overrides) - set(fields)
    if unknown:
        raise ValueError(f"{source.__name__} has no configurable field {sorted(unknown)}")
    definitions = {
        spec.name: (
            _config_type(hints[spec.name]),
            pydantic.Field(default=_default(spec, overrides), description=spec.metadata.get("help")),
        )
        for spec in fields.values()
    }
    return pydantic.create_model(name, __base__=base, __module__=base.__module__, **definitions)


def to_dataclass(config: Any, target: type, **values: Any) -> Any:
    """The `target` dataclass from a configured instance's same-named fields, plus `values` for the rest."""
    hints = typing.get_type_hints(target)
    for spec in dataclasses.fields(target):
        if spec.name in values or not hasattr(config, spec.name):
            continue
        value = getattr(config, spec.name)
        if isinstance(value, str) and date in (hints[spec.name], *typing.get_args(hints[spec.name])):
            value = date.fromisoformat(value)
        values[spec.name] = value
    return target(**values)


__all__ = ["config_class", "to_dataclass"]
