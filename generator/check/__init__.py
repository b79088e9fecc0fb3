"""``check``: the target-quality validator (issue 4).

``check_projects(items, config)`` runs every registered rule on loaded projects
and returns located ``Problem`` findings. Tables that are not
project target tables (自评表, 整体支出) are refused earlier, by the importers
(``generator.importers.layout``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from generator.check.config import CheckConfig, load_config
from generator.check.engine import check_project, rule_levels
from generator.problems import display_path
from generator.check.registry import RULES, Rule, all_rules
from generator.check.pages import findings_href, quality_pages, write_quality_pages
from generator.check.report import QualityReport, quality_report
from generator.load import Loaded
from generator.problems import Problem


def check_projects(items: Sequence[Loaded], config: CheckConfig | None = None, base: Path | None = None) -> list[Problem]:
    """All findings for ``items``, sorted by path, line and column.

    ``base`` makes displayed paths relative (default: the current directory when
    the file lies below it). Without ``config``, ``checks.yaml`` in ``base`` (or the
    current directory) is read when present, so the build and ``check`` agree.
    Rules switched off do not run; findings silenced by an indicator's
    ``ignore: {rule-id: reason}`` are dropped.
    """
    config = config if config is not None else load_config(None, base)
    rules = list(all_rules())
    shared = None if config.overrides else rule_levels(rules, config, "")  # no path patterns: one set of levels
    findings: list[Problem] = []
    for item in items:
        findings.extend(check_project(item, rules, config, display_path(item.path, base), shared))
    return sorted(findings, key=lambda p: (p.path, p.line, p.column, p.rule, p.message))


__all__ = [
    "CheckConfig", "load_config", "RULES", "Rule", "all_rules", "check_projects", "quality_report", "QualityReport",
    "write_quality_pages", "quality_pages", "findings_href",
]
