"""``checks.yaml``: turn rules off or change their level, for all files or for some paths.

Format (every key optional)::

    rules:                       # rule id → off | error | warning | info
      labels.normalised: off
      ambition.satisfaction-low: error
    overrides:                   # later entries win; paths are globs on the displayed path
      - paths: ["content/2019/**"]
        rules: {completeness.cost-missing: off}

One indicator is silenced in its own YAML with ``ignore: {rule-id: reason}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal

import yaml

from generator.check.registry import RULES, all_rules
from generator.problems import Level, Problem, ProblemsFound
from generator.yamlio import locate

Setting = Literal["off", "error", "warning", "info"]
SETTINGS = ("off", "error", "warning", "info")
DEFAULT_FILE = Path("checks.yaml")


@dataclass
class CheckConfig:
    """Rule levels chosen by the site: global settings, then path-specific overrides."""

    rules: dict[str, Setting] = field(default_factory=dict)
    overrides: list[tuple[tuple[str, ...], dict[str, Setting]]] = field(default_factory=list)

    def level(self, rule_id: str, default: Level, path: str) -> Level | None:
        """The level of ``rule_id`` for a file (None when the rule is off)."""
        setting: str = self.rules.get(rule_id, default)
        for patterns, rules in self.overrides:
            if rule_id in rules and any(fnmatchcase(path, p) for p in patterns):
                setting = rules[rule_id]
        return None if setting == "off" else setting  # type: ignore[return-value]

    @classmethod
    def from_data(cls, raw: Any, display: str = "checks.yaml", text: str = "") -> "CheckConfig":
        """Validate plain data; every mistake is a located problem (raised together)."""
        list(all_rules())
        problems: list[Problem] = []

        def bad(loc: tuple[Any, ...], message: str) -> None:
            line, col = locate(text, loc) if text else (1, 1)
            problems.append(Problem(display, line, col, ".".join(str(p) for p in loc), message))

        def settings(value: Any, loc: tuple[Any, ...]) -> dict[str, Setting]:
            if value is None:
                return {}
            if not isinstance(value, dict):
                bad(loc, "expected a mapping of rule id → off/error/warning/info")
                return {}
            out: dict[str, Setting] = {}
            for key, setting in value.items():
                if setting is False:  # YAML 1.1 reads a bare `off` as false
                    setting = "off"
                if key not in RULES:
                    bad(loc + (key,), f"unknown rule {key!r}; `python -m generator check --list-rules` lists them")
                elif setting not in SETTINGS:
                    bad(loc + (key,), f"level {setting!r} is not one of off, error, warning, info")
                else:
                    out[key] = setting
            return out

        raw = raw or {}
        if not isinstance(raw, dict):
            bad((), "expected a mapping with the keys rules and overrides")
            raw = {}
        for key in raw:
            if key not in ("rules", "overrides"):
                bad((key,), "unknown key; expected rules or overrides")
        config = cls(rules=settings(raw.get("rules"), ("rules",)))
        for n, entry in enumerate(raw.get("overrides") or []):
            loc = ("overrides", n)
            paths = entry.get("paths") if isinstance(entry, dict) else None
            if isinstance(paths, str):
                paths = [paths]
            if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
                bad(loc, "each override needs paths: a list of glob patterns such as content/2019/**")
                continue
            config.overrides.append((tuple(paths), settings(entry.get("rules"), loc + ("rules",))))
        if problems:
            raise ProblemsFound(problems)
        return config

    @classmethod
    def load(cls, path: Path, display: str | None = None) -> "CheckConfig":
        """Read a config file; a missing file is an empty config only when it is the default one."""
        text = path.read_text("utf-8")
        shown = display or str(path)
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise ProblemsFound([Problem(shown, line, col, "", f"YAML syntax error: {getattr(exc, 'problem', exc)}")]) from None
        return cls.from_data(raw, shown, text)


def load_config(path: Path | None = None, root: Path | None = None) -> CheckConfig:
    """The config at ``path``, else ``checks.yaml`` in ``root`` (or the current directory) when present, else defaults."""
    if path is not None:
        return CheckConfig.load(path)
    default = (root or Path.cwd()) / DEFAULT_FILE
    return CheckConfig.load(default, str(DEFAULT_FILE)) if default.is_file() else CheckConfig()
