"""The wheel ships the notebooks, so `pip install .` then `sakip run` works outside the repo."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("uv") is None, reason="needs uv to build the wheel")
def test_the_wheel_ships_every_notebook(tmp_path):
    subprocess.run(["uv", "build", "--wheel", "-q", "-o", str(tmp_path)], cwd=REPO, check=True,
                   capture_output=True, timeout=300)
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for notebook in (REPO / "notebooks").glob("*.ipynb"):
        assert f"sakip_analysis/notebooks/{notebook.name}" in names


def test_notebooks_are_found_in_the_package_first(tmp_path, monkeypatch):
    from sakip_analysis.report import plan

    assert plan.notebooks_dir() == REPO / "notebooks"  # a checkout: the top-level folder
    shipped = Path(plan.__file__).resolve().parents[1] / "notebooks"
    shipped.mkdir()
    try:
        assert plan.notebooks_dir() == shipped  # an installed wheel: inside the package
    finally:
        shipped.rmdir()
