"""Read, check and compare LKJIP/SAKIP performance reports of kecamatan and OPD.

The package is grouped by stage; data flows one way and no import points back up a stage:

- `read`: readers (txt/md, docx, pdf) → `Document` → table kinds → tidy tables (`schema`),
  the number parser, identity, and the dataset on disk (`load_dataset`, `write_dataset`);
- `analysis`: indicator math (capaian, serapan, efisiensi, predikat, SAKIP grade) and
  comparison across kecamatan;
- `review`: the rule registry, the rules, and findings with their writers;
- `report`: views, plots, number formatting, notebook jobs, HTML export and the index page;
- `pipeline`: ingest of `data/raw` and `sakip run`.

The public API is the names below; they are imported on first use so that `import
sakip_analysis` (and the `sakip` command) stays fast.

>>> import sakip_analysis as sa
>>> float(sa.capaian(80, 90))
112.5
>>> sa.predikat(112.5)
'Sangat Tinggi'
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.2.0"

_PUBLIC: dict[str, str] = {
    # read
    "read_document": "sakip_analysis.read.readers",
    "extract_paths": "sakip_analysis.read.extract",
    "extract_document": "sakip_analysis.read.extract",
    "load_dataset": "sakip_analysis.read.dataset",
    "write_dataset": "sakip_analysis.read.dataset",
    "parse_number": "sakip_analysis.read.numbers",
    # analysis
    "capaian": "sakip_analysis.analysis.indicators",
    "capaian_range": "sakip_analysis.analysis.indicators",
    "serapan": "sakip_analysis.analysis.indicators",
    "efisiensi": "sakip_analysis.analysis.indicators",
    "predikat": "sakip_analysis.analysis.indicators",
    "sakip_grade": "sakip_analysis.analysis.indicators",
    "add_capaian": "sakip_analysis.analysis.indicators",
    "league_table": "sakip_analysis.analysis.compare",
    "rank": "sakip_analysis.analysis.compare",
    # review
    "check_tables": "sakip_analysis.review",
    "RULES": "sakip_analysis.review",
    "write_findings": "sakip_analysis.review.findings",
    # errors
    "SakipError": "sakip_analysis.errors",
    "ReadError": "sakip_analysis.errors",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sakip_analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
