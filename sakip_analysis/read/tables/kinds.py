"""The table kinds, recognised by the words of their headers (never by caption numbers)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sakip_analysis.read.tables import extractors
from sakip_analysis.read.tables.context import TableContext
from sakip_analysis.read.tables.header import CAPAIAN, PAGU, Column


@dataclass(frozen=True)
class TableKind:
    """A kind: the header patterns that must all match some column, those that must not, and
    the extractor that turns its rows into tidy records."""

    name: str
    description: str
    requires: tuple[str, ...]
    extract: Callable[[TableContext], extractors.Records]
    forbids: tuple[str, ...] = ()
    min_years: int = 0
    twice: str | None = None  # a pattern at least two columns must match
    title: str | None = None  # a word the title must hold, to tell apart same-header tables

    def matches(self, cols: list[Column], title: str) -> bool:
        texts = [c.text for c in cols]
        header = " | ".join(texts)
        years = {c.year for c in cols if c.year}
        return (all(any(re.search(p, t) for t in texts) for p in self.requires)
                and not any(re.search(p, header) for p in self.forbids)
                and len(years) >= self.min_years
                and (self.twice is None or sum(bool(re.search(self.twice, t)) for t in texts) >= 2)
                and (self.title is None or bool(re.search(self.title, title.lower()))))


KINDS: tuple[TableKind, ...] = (
    TableKind("sakip_components", "Komponen evaluasi SAKIP dengan bobot dan nilai",
              (r"komponen", r"bobot", r"nilai"), extractors.sakip_components),
    TableKind("efficiency", "Efisiensi: % capaian kinerja, % capaian anggaran, tingkat efisiensi",
              (r"capaian kinerja", r"anggaran", r"efisiensi"), extractors.efficiency),
    TableKind("quarterly", "Realisasi per triwulan (K dan Rp)",
              (r"triwulan", r"\brp$"), extractors.quarterly),
    TableKind("kinerja_anggaran", "Kinerja dan anggaran berdampingan",
              (r"target", r"realisasi", PAGU), extractors.performance_budget,
              twice=r"realisasi"),
    TableKind("multi_year", "Target, realisasi dan % beberapa tahun",
              (r"target", r"realisasi|capaian|capkin"), extractors.multi_year, min_years=2),
    TableKind("capaian_years", "Capaian (atau realisasi) beberapa tahun berdampingan",
              (r"indikator", r"capaian|realisasi"), extractors.multi_year, min_years=2,
              forbids=(r"target",)),
    TableKind("budget", "Anggaran per program/kegiatan: pagu, realisasi, prosentase",
              (PAGU, r"realisasi"), extractors.budget),
    TableKind("budget_plan", "Anggaran per program/kegiatan tanpa realisasi (lampiran PK, Renja)",
              (r"program|progam|kegiatan|uraian", PAGU), extractors.budget,
              forbids=(r"realisasi", r"indikator", r"target", r"sasaran")),
    TableKind("benchmark", "Perbandingan dengan kabupaten dan provinsi",
              (r"kabupaten|kab\b", r"propinsi|provinsi"), extractors.benchmarks),
    TableKind("plan", "Rencana: indikator dengan target (dan pagu) per tahun (Renstra, Renja, "
              "RPJMD, IKU, Perjanjian Kinerja beberapa tahun)", (r"indikator", r"target"),
              extractors.plan, min_years=2, forbids=(r"realisasi",), twice=r"target"),
    TableKind("perjanjian_kinerja", "Perjanjian Kinerja: sasaran, indikator, target, anggaran",
              (r"sasaran|program", r"indikator", r"target"),
              extractors.perjanjian_kinerja, forbids=(r"realisasi",)),
    TableKind("kegiatan", "Pengukuran kinerja kegiatan (rumus realisasi/target)",
              (r"kegiatan", r"indikator", r"target", r"pengukuran|realisasi dan capaian"),
              extractors.activity),
    TableKind("renstra", "Realisasi dibanding target Renstra",
              (r"indikator", r"target", r"realisasi", CAPAIAN), extractors.achievement,
              title=r"renstra"),
    TableKind("iku", "Capaian indikator kinerja: target, realisasi, capaian",
              (r"indikator|sasaran|uraian", r"target", r"realisasi", CAPAIAN),
              extractors.achievement),
)
"""Most specific first: the first kind whose patterns all match wins."""

UNRECOGNISED = "tidak_dikenali"


def recognise(cols: list[Column], title: str) -> TableKind | None:
    """The kind of a table from its column labels (and title only to split look-alikes)."""
    return next((kind for kind in KINDS if kind.matches(cols, title)), None)
