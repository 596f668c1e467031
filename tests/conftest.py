"""Shared fixtures: the shared reference report (skipped with a reason where it is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]
# The shared reference folder: ../shared/reference beside the checkout, or SAKIP_REFERENCE.
SHARED_REFERENCE = Path(os.environ.get("SAKIP_REFERENCE")
                        or REPO.parent / "shared" / "reference")
REAL_CORPUS = SHARED_REFERENCE / "real"
REFERENCE_TXT = SHARED_REFERENCE / "lkjip-jogoroto-2024.txt"
REFERENCE_PDF = SHARED_REFERENCE / "realisasi-triwulan-2023-tangsel-kewilayahan1.pdf"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared reference {path.name} is absent from {path.parent} (present in the "
                    "project's CI and dev machines; elsewhere set SAKIP_REFERENCE=/path/to/"
                    "shared/reference)")
    return path


@pytest.fixture(scope="session")
def reference_txt() -> Path:
    return need(REFERENCE_TXT)


@pytest.fixture(scope="session")
def reference_pdf() -> Path:
    return need(REFERENCE_PDF)


@pytest.fixture(scope="session")
def reference_tables(reference_txt):
    from sakip_analysis.read.extract import extract_paths

    result = extract_paths([reference_txt])
    assert not result.failed
    return result.tables


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
