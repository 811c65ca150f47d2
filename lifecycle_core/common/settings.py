"""Settings as dataclass fields with help text, declared once where the code that reads them lives.

The help is ``metadata["help"]``, as in peft's and transformers' argument dataclasses; the Dagster
config classes made from these dataclasses (``resources/settings.py``) show it in the launchpad.
An entrypoint's arguments are a dataclass of groups (training: model/data/lora/train); the helpers
below read them from a file, a mapping and ``group.field=value`` overrides, and write them back as
``--set`` arguments, the same way for every entrypoint.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import types
import typing
from dataclasses import field
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    """A bad config file or override; the message names the offending key."""


def setting(default: Any, help: str) -> Any:
    """A dataclass field with a default and its help; mutable defaults are copied per instance."""
    if isinstance(default, list | dict | set):
        return field(default_factory=lambda: copy.deepcopy(default), metadata={"help": help})
    return field(default=default, metadata={"help": help})


def _coerce(value: Any, tp: Any, key: str) -> Any:
    """Config values to the field's type; strings (from --set) are parsed, wrong types refused."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _coerce(value, next(t for t in typing.get_args(tp) if t is not type(None)), key)
    if origin is list:
        if isinstance(value, str):
            value = json.loads(value) if value.startswith("[") else [v for v in value.split(",") if v]
        if not isinstance(value, list):
            raise ConfigError(f"{key}: expected a list, got {value!r}")
        return [_coerce(v, typing.get_args(tp)[0], key) for v in value]
    if tp is bool:
        if isinstance(value, str) and value.lower() in ("true", "1", "yes", "false", "0", "no"):
            return value.lower() in ("true", "1", "yes")
        if isinstance(value, bool):
            return value
    elif tp is int and not isinstance(value, bool):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        try:
            return value if isinstance(value, int) else int(value) if isinstance(value, str) else _bad(key, value, tp)
        except ValueError:
            pass
    elif tp is float and not isinstance(value, bool):
        try:
            return float(value)
        except (TypeError, ValueError):
            pass
    elif tp is str:
        # bf16 accepts JSON booleans too; every other str field takes strings only.
        return (
            str(value).lower() if isinstance(value, bool) else value if isinstance(value, str) else _bad(key, value, tp)
        )
    return _bad(key, value, tp)


def _bad(key: str, value: Any, tp: Any) -> typing.NoReturn:
    raise ConfigError(f"{key}: cannot read {value!r} as {getattr(tp, '__name__', tp)}")


def _set(args: Any, dotted: str, value: Any) -> None:
    group_name, _, name = dotted.partition(".")
    groups = {f.name: f for f in dataclasses.fields(args)}
    if group_name not in groups or not name:
        raise ConfigError(f"unknown config key {dotted!r}; groups are {sorted(groups)}")
    group = getattr(args, group_name)
    hints = typing.get_type_hints(type(group))
    if name not in hints:
        raise ConfigError(f"unknown config key {dotted!r}; {group_name} has {sorted(hints)}")
    setattr(group, name, _coerce(value, hints[name], dotted))


def typed_setting(settings: type, name: str, value: Any, where: str = "") -> Any:
    """`value` (e.g. text from the environment) as the type of the settings dataclass's field `name`."""
    hints = typing.get_type_hints(settings)
    if name not in hints:
        raise ConfigError(f"{where or settings.__name__} has no setting {name!r}; it has {sorted(hints)}")
    return _coerce(value, hints[name], f"{where}.{name}" if where else name)


def read_config_file(path: Path) -> dict[str, Any]:
    """A JSON (or YAML) file of groups: {group: {field: value}}."""
    if not path.is_file():
        raise ConfigError(f"config file {path} not found")
    text = path.read_text()
    if path.suffix in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError as err:
            raise ConfigError(f"{path}: YAML configs need pyyaml; use JSON") from err
        data = yaml.safe_load(text) or {}
    else:
        data = json.loads(text)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: top level must be a mapping of groups")
    return data


def apply_config(args: Any, config: dict[str, Any] | None = None, overrides: list[str] = ()) -> Any:
    """`args` (a dataclass of groups) with the mapping ({group: {field: value}}), then the overrides, set."""
    for group_name, values in (config or {}).items():
        if not isinstance(values, dict):
            raise ConfigError(f"config group {group_name!r} must be a mapping")
        for name, value in values.items():
            _set(args, f"{group_name}.{name}", value)
    for item in overrides:
        key, sep, value = item.partition("=")
        if not sep:
            raise ConfigError(f"override {item!r} must look like group.field=value")
        _set(args, key.strip(), value)
    return args


def cli_arguments(config: dict[str, dict[str, Any]]) -> list[str]:
    """``--set group.field=value`` arguments that rebuild ``config`` in an entrypoint (``apply_config``)."""
    arguments = []
    for group, values in config.items():
        for name, value in values.items():
            text = (
                json.dumps(value)
                if isinstance(value, list)
                else str(value).lower()
                if isinstance(value, bool)
                else str(value)
            )
            arguments += ["--set", f"{group}.{name}={text}"]
    return arguments


def parse_entrypoint(
    argv: list[str] | None, *, prog: str, description: str | None, groups: str, example: str, load: Any
) -> Any:
    """An entrypoint's command line, ``--config FILE`` and repeated ``--set group.field=value``, through
    `load(config_path, overrides)`; a bad setting exits with usage and the reason, as argparse does."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--config", help=f"JSON (or YAML) file: {groups}")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="GROUP.FIELD=VALUE",
                        help=f"override one field, e.g. {example} (repeatable)")  # fmt: skip
    ns = parser.parse_args(argv)
    try:
        return load(ns.config, ns.overrides)
    except ConfigError as err:
        parser.error(str(err))


__all__ = [
    "ConfigError",
    "apply_config",
    "cli_arguments",
    "parse_entrypoint",
    "read_config_file",
    "setting",
    "typed_setting",
]
