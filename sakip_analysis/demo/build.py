"""Write the demo kabupaten: one report per kecamatan and year, plus the injection manifest."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from sakip_analysis.demo.generator import DemoError, profile, report_figures, rng_for
from sakip_analysis.demo.inject import FAMILIES, Context, Injection, inject_one
from sakip_analysis.demo.layout import Report, TableBlock, build_report
from sakip_analysis.demo.names import KECAMATAN_JOMBANG, slug
from sakip_analysis.demo.render import write_docx, write_text

DEFAULT_SEED = 2024
DEFAULT_YEARS = (2022, 2023, 2024)
FORMATS = ("txt", "docx")
INJECT_SHARE = 0.4  # of the documents get 1–3 planted inconsistencies
DOCX_DOCUMENTS = 3  # with both formats asked: this many documents are written as .docx only
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ["kecamatan", "year", "file", "format", "family", "kind", "line",
                    "paragraph", "table", "table_index", "row", "column", "original",
                    "injected", "description", "also"]
"""`line`: 1-based text line (.txt only). `paragraph`: 1-based index in python-docx
`Document.paragraphs` (.docx, sentences and captions). `table_index`, `row`, `column`:
1-based table order in the document, row within the table counting header rows, cell.
`also`: other families that may rightly fire on the same change (`;`-separated)."""

Doc = tuple[str, int]


def generate_demo(out_dir: Path, *, seed: int = DEFAULT_SEED,
                  kecamatan: Iterable[str] | None = None,
                  years: Iterable[int] = DEFAULT_YEARS,
                  formats: Iterable[str] = FORMATS, inject: bool = True) -> pd.DataFrame:
    """Write `out_dir/<year>/<slug>.txt|.docx` and `out_dir/manifest.csv`; return the manifest.

    Each (kecamatan, year) is written once, in one format: with both formats, a seeded
    handful of documents is Word and the rest text, so no report is in the dataset twice.
    Every title page says DATA DEMO SINTETIS, which extraction turns into
    `data_source = "sintetis"`; that column keeps the synthetic Jogoroto apart from the
    real one.
    """
    out_dir = Path(out_dir)
    names = _kecamatan(kecamatan)
    year_list = sorted({int(y) for y in years})
    if not year_list:
        raise DemoError("demo: tidak ada tahun yang diminta")
    wanted = _formats(formats)
    docs: list[Doc] = [(k, y) for k in names for y in year_list]
    profiles = {k: profile(seed, k) for k in names}
    reports = {(k, y): build_report(report_figures(seed, profiles[k], y, year_list[0]))
               for k, y in docs}
    planted = _inject_all(seed, reports, docs, frozenset(year_list)) if inject else {}
    chosen = _formats_per_doc(seed, names, year_list, wanted)
    if out_dir.exists() and not out_dir.is_dir():
        raise DemoError(f"{out_dir}: bukan folder")
    rows: list[dict[str, object]] = []
    for k, y in docs:
        suffix = chosen[(k, y)]
        folder = out_dir / str(y)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{slug(k)}.{suffix}"
        stale = path.with_suffix(".docx" if suffix == "txt" else ".txt")
        if stale.exists():  # left by an earlier run with another format split
            stale.unlink()
        report = reports[(k, y)]
        where = write_text(report, path) if suffix == "txt" else write_docx(report, path)
        rel = path.relative_to(out_dir).as_posix()
        rows += [_manifest_row(report, injection, where, rel, suffix)
                 for injection in planted.get((k, y), [])]
    manifest = pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
    for column in ("line", "paragraph", "table_index", "row", "column"):
        manifest[column] = manifest[column].astype("Int64")
    manifest.to_csv(out_dir / MANIFEST, index=False)
    return manifest


def _kecamatan(requested: Iterable[str] | None) -> list[str]:
    if requested is None:
        return list(KECAMATAN_JOMBANG)
    known = {k.lower(): k for k in KECAMATAN_JOMBANG}
    out = []
    for name in requested:
        canonical = known.get(" ".join(str(name).split()).lower())
        if canonical is None:
            raise DemoError(f"demo: kecamatan {name!r} tidak ada di Kabupaten Jombang; "
                            f"pilih dari: {', '.join(KECAMATAN_JOMBANG)}")
        if canonical not in out:
            out.append(canonical)
    if not out:
        raise DemoError("demo: tidak ada kecamatan yang diminta")
    return out


def _formats(formats: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(f.lower().lstrip(".") for f in formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise DemoError(f"demo: format {', '.join(unknown) or '(kosong)'} tidak dikenal; "
                        "pakai txt dan/atau docx")
    return wanted


def _formats_per_doc(seed: int, names: list[str], years: list[int],
                     wanted: tuple[str, ...]) -> dict[Doc, str]:
    """Text for every document, except a seeded few kecamatan-years written as Word."""
    if len(wanted) == 1:
        return {(k, y): wanted[0] for k in names for y in years}
    rng = rng_for(seed, "docx")
    picks = rng.sample(names, min(DOCX_DOCUMENTS, len(names)))
    word = {(k, years[i % len(years)]) for i, k in enumerate(picks)}
    return {(k, y): "docx" if (k, y) in word else "txt" for k in names for y in years}


def _inject_all(seed: int, reports: dict[Doc, Report], docs: list[Doc],
                years: frozenset[int]) -> dict[Doc, list[Injection]]:
    """Plant 1–3 inconsistencies in a seeded share of the documents, cycling through the
    families so every family is represented."""
    rng = rng_for(seed, "inject")
    chosen = sorted(rng.sample(range(len(docs)), max(1, round(len(docs) * INJECT_SHARE))))
    order = list(FAMILIES)
    rng.shuffle(order)
    pointer = 0
    out: dict[Doc, list[Injection]] = {}
    for index in chosen:
        doc = docs[index]
        ctx = Context(reports[doc], rng_for(seed, "inject", *doc), years)
        used: set[str] = set()
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            for step in range(len(order)):
                family = order[(pointer + step) % len(order)]
                if family in used:
                    continue
                injection = inject_one(ctx, family)
                if injection is not None:
                    used.add(family)
                    out.setdefault(doc, []).append(injection)
                    pointer = (pointer + step + 1) % len(order)
                    break
    return out


def _manifest_row(report: Report, injection: Injection, where: dict, file: str,
                  suffix: str) -> dict[str, object]:
    fig = report.figures
    kind, block = injection.where[0], injection.where[1]
    assert isinstance(block, int)
    table_index = None
    if isinstance(report.blocks[block], TableBlock):
        table_index = sum(isinstance(b, TableBlock) for b in report.blocks[: block + 1])
    position = where[injection.where]
    line = paragraph = row = None
    if suffix == "txt":
        line = position
        if kind == "row":
            row = int(injection.where[2]) + 1  # type: ignore[call-overload]
    elif kind == "row":
        table_index, row = position
    else:
        paragraph = position[0]
    return {
        "kecamatan": fig.kecamatan, "year": fig.year, "file": file, "format": suffix,
        "family": injection.family, "kind": injection.kind, "line": line,
        "paragraph": paragraph, "table": injection.table, "table_index": table_index,
        "row": row, "column": None if injection.column is None else injection.column + 1,
        "original": injection.original, "injected": injection.injected,
        "description": injection.description, "also": ";".join(injection.also),
    }
