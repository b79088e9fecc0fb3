"""计划开始日期 / 计划完成日期: in order, and the table year lies within them."""

from __future__ import annotations

from typing import Iterator

from generator.check.registry import Hit, rule
from generator.schema import Project


@rule("dates.order", "error", "计划开始日期 is not after 计划完成日期.")
def order(project: Project) -> Iterator[Hit]:
    if project.start_date and project.end_date and project.start_date > project.end_date:
        yield Hit(
            ("end_date",),
            f"计划完成日期 {project.end_date} is before 计划开始日期 {project.start_date}; the end date should be on or after the start (e.g. {project.start_date.year}-12-31)",
        )


@rule("dates.year", "warning", "The table year lies between the start and end dates.")
def year(project: Project) -> Iterator[Hit]:
    y = project.year
    if project.start_date and project.start_date.year > y:
        yield Hit(("start_date",), f"计划开始日期 {project.start_date} is after the table year {y}; a {y} table starts in {y} or earlier (e.g. {y}-01-01)")
    if project.end_date and project.end_date.year < y:
        yield Hit(("end_date",), f"计划完成日期 {project.end_date} is before the table year {y}; a {y} table ends in {y} or later (e.g. {y}-12-31)")
