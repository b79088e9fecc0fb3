"""``build --content content/<year> --site site-<year> --site-url URL``: one site per year (the Pages 1 GB split)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_year_built_as_its_own_site_with_its_url(synthetic_root) -> None:  # type: ignore[no-untyped-def]
    root = synthetic_root(12, 2, 5)
    year = sorted(p.name for p in (root / "corpus").iterdir())[-1]
    config = (root / "mkdocs.yml").read_bytes()
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "generator", "build", "--content", f"corpus/{year}", "--site", f"site-{year}",
           "--site-url", f"https://example.org/jx-{year}"]
    done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    sitemap = (root / f"site-{year}" / "sitemap.xml").read_text("utf-8")
    locs = [line.strip() for line in sitemap.splitlines() if "<loc>" in line]
    assert locs[0] == f"<loc>https://example.org/jx-{year}/index.html</loc>" and len(locs) > 6
    projects = [loc for loc in locs if "/projects/" in loc]
    assert projects and all(f"/projects/{year}-" in loc for loc in projects)  # only that year's projects
    assert (root / "mkdocs.yml").read_bytes() == config and not list(root.glob(".mkdocs*"))
    bad = subprocess.run(cmd[:-1] + ["example.org"], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and "expected an http(s):// URL" in bad.stderr
