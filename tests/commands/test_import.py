"""The ``import`` command end to end: idempotent, never overwrites silently, writes nothing on error."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["import", *args], catch_exceptions=False)


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_import_is_idempotent(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "content"
    first = _run(str(seed_path), "--out", str(out))
    assert first.exit_code == 0, first.output
    assert "11 project(s): 11 written, 0 unchanged" in first.output
    before = _tree(out)
    second = _run(str(seed_path), "--out", str(out))
    assert second.exit_code == 0 and "0 written, 11 unchanged" in second.output
    assert _tree(out) == before


def test_changed_file_is_not_overwritten_without_force(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "content"
    _run(str(seed_path), "--out", str(out))
    edited = next(out.rglob("劳动保护.yaml"))
    original = edited.read_text("utf-8")
    edited.write_text(original.replace("=5.00(家)", "=6.00(家)"), "utf-8")
    refused = _run(str(seed_path), "--out", str(out))
    assert refused.exit_code == 1
    assert "劳动保护.yaml: differs from the import" in refused.output
    assert "1 file(s) differ; nothing was written" in refused.output
    assert "=6.00(家)" in edited.read_text("utf-8")
    dry = _run(str(seed_path), "--out", str(out), "--dry-run")
    assert dry.exit_code == 0 and "-  target: {text: =6.00(家)" in dry.output and "+  target: {text: =5.00(家)" in dry.output
    assert "=6.00(家)" in edited.read_text("utf-8")
    forced = _run(str(seed_path), "--out", str(out), "--force")
    assert forced.exit_code == 0 and edited.read_text("utf-8") == original


def test_no_table_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "notes.txt"
    src.write_text("会议纪要\n没有绩效目标表\n", "utf-8")
    out = tmp_path / "content"
    result = _run(str(src), "--out", str(out))
    assert result.exit_code == 1
    assert "no 绩效目标表 found in this file; nothing was written" in result.output
    assert not out.exists()


def test_ids_of_existing_files_are_kept(tmp_path: Path, seed_path: Path) -> None:
    """A re-import keeps the id already in the file, so an edited id (URL) survives."""
    out = tmp_path / "content"
    _run(str(seed_path), "--out", str(out))
    path = next(out.rglob("党建经费.yaml"))
    path.write_text(path.read_text("utf-8").replace("id: 2023-dang-jian-jing-fei", "id: 2023-party-building"), "utf-8")
    result = _run(str(seed_path), "--out", str(out))
    assert result.exit_code == 0 and "0 written" in result.output


def test_schema_file_is_current() -> None:
    from generator.commands.schema import DEFAULT, schema_text

    root = Path(__file__).resolve().parents[2]
    assert (root / DEFAULT).read_text("utf-8") == schema_text(), "run: python -m generator schema"
