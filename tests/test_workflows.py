"""The GitHub Actions workflow: valid against the workflow schema, triggers and permissions as intended."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


@pytest.mark.skipif(importlib.util.find_spec("check_jsonschema") is None, reason="check-jsonschema not installed")
def test_workflows_match_the_github_schema() -> None:
    files = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.y*ml"))
    cmd = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *files]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_site_workflow_triggers_permissions_and_deploy() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    on = flow[True]  # YAML 1.1 reads the key `on` as a boolean
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    for path in ("content/**", "generator/**", "overrides/**", "mkdocs.yml"):
        assert path in on["push"]["paths"]
    assert flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    assert any(step.get("run") == "python3 tasks.py test" for step in jobs["test"]["steps"])
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("python3 tasks.py test")
    merge_steps = jobs["merge"]["steps"]
    upload = next(s for s in merge_steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    for job in jobs.values():
        setup = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
        assert all(s["with"]["cache"] == "pip" and "requirements" in s["with"]["cache-dependency-path"] for s in setup)
        assert "permissions" not in job or job is jobs["deploy"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "merge" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")


def test_test_job_uploads_browser_screenshots_even_on_failure() -> None:
    steps = yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]["test"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@v4"))
    assert upload["if"] == "always()" and upload["with"]["path"] == "test-artifacts/"
    assert steps.index(upload) > next(i for i, s in enumerate(steps) if s.get("run") == "python3 tasks.py test")


def test_site_is_built_as_a_matrix_of_shards_then_merged() -> None:
    """Each matrix job builds shard I of K (K = the matrix size) and uploads it; the merge job takes them all."""
    jobs = yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]
    shards, merge = jobs["shards"], jobs["merge"]
    assert shards["needs"] == "test" and shards["if"] == "github.event_name != 'pull_request'"
    numbers = shards["strategy"]["matrix"]["shard"]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2
    checkout = next(s for s in shards["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # page dates come from git: every shard needs the history
    run = next(s["run"] for s in shards["steps"] if "--shard" in s.get("run", ""))
    assert run == ("python3 tasks.py build --shard ${{ matrix.shard }}/${{ strategy.job-total }}"
                   " --site shards/${{ matrix.shard }}")
    upload = next(s for s in shards["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "shard-${{ matrix.shard }}" and upload["with"]["path"] == "shards/${{ matrix.shard }}"
    assert upload["with"]["if-no-files-found"] == "error"
    assert merge["needs"] == "shards"
    steps = merge["steps"]
    download = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/download-artifact@"))
    assert steps[download]["with"] == {"pattern": "shard-*", "path": "shards"}
    merged = next(i for i, s in enumerate(steps) if s.get("run") == "python3 tasks.py build --merge shards/shard-*")
    pages = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert download < merged < pages
