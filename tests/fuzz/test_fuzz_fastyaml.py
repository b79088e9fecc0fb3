"""The fast YAML reader against PyYAML on mutated project files, YAML noise and dumped random projects."""

from __future__ import annotations


import pytest
from fuzz_run import run_property
from fuzz_strategies import mutated_project_data, yaml_texts
from hypothesis import strategies as st
from pydantic import ValidationError
from yamlsame import same

from generator.fastyaml import parse
from generator.schema import Project
from generator.yamlio import dump_project, load_data

PIECES = ["a", "id", "x y", ":", ": ", " #", "#", "-", "- ", "'", "''", '"', "{", "}", "[", "]", ", ", "|", "|-", "\n", "\n  ",
          "\n- ", "  ", "1", "1.50", "-2", "0x1", "1_0", "null", "~", "yes", "on", "2023-01-01", "=", "<<", "&a", "*a", "!t",
          "中文", "（", "：", "\u3000", "\xa0", "\t", "\r", "\u2028", "\ufeff", "\\"]
lines = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
structured = st.lists(
    st.tuples(st.sampled_from(["", "  ", "    ", "- ", "  - "]), st.sampled_from(["a", "b", "text", "on", "1"]), st.sampled_from([":", ": ", ": |", ": |-", ": {"]), lines),
    max_size=12,
).map(lambda rows: "\n".join(f"{i}{k}{sep}{v}" for i, k, sep, v in rows) + "\n")


def check_fast_yaml(text: str) -> None:
    fast = parse(text)
    if fast is not None:
        assert same(fast, load_data(text)), text


def check_dumped_project(data: dict) -> None:
    try:
        project = Project.model_validate(data)
    except ValidationError:
        return
    text = dump_project(project, "schema.json")
    check_fast_yaml(text)


TARGETS = [(check_fast_yaml, st.one_of(yaml_texts, lines, structured)), (check_dumped_project, mutated_project_data())]
IDS = ["text", "dumped"]


@pytest.mark.parametrize(("check", "strategy"), TARGETS, ids=IDS)
def test_fast_yaml_quick(check, strategy) -> None:  # type: ignore[no-untyped-def]
    run_property(check, strategy, 150)


@pytest.mark.fuzz
@pytest.mark.parametrize(("check", "strategy"), TARGETS, ids=IDS)
def test_fast_yaml_fuzz(check, strategy, fuzz_examples: int) -> None:  # type: ignore[no-untyped-def]
    run_property(check, strategy, fuzz_examples)
