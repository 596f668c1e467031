"""A national-size synthetic dataset, written directly as tidy tables (no documents).

About 7,300 kecamatan in about 500 kabupaten × 5 years, the size of Indonesia, to measure and
to exercise the comparisons at province and country scale. Each kecamatan's indicators and
their yearly target and realisasi come from the demo generator (`generator.profile`,
`generator.measures`); its budget total and SAKIP score follow from the same seeded streams.
Every row says `data_source = "sintetis"`: this is never data of a real kecamatan.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from sakip_analysis.demo.generator import measures, profile, rng_for
from sakip_analysis.formatting import SYNTHETIC_SOURCE
from sakip_analysis.read import schema

_SYLLABLES = ("ba", "da", "ga", "ja", "ka", "la", "ma", "na", "pa", "ra", "sa", "ta", "wa",
              "bu", "du", "gu", "ju", "ku", "lu", "mu", "nu", "pu", "ru", "su", "tu", "wu",
              "bo", "do", "go", "jo", "ko", "lo", "mo", "no", "po", "ro", "so", "to", "wo",
              "ri", "ni", "li", "mi", "si", "ti")
_PREFIXES = ("Sumber", "Karang", "Tanjung", "Wono", "Banyu", "Kali", "Pandan", "Rejo", "Sido",
             "Tegal", "Gunung", "Bukit", "Padang", "Muara", "Talang", "Labuhan")


def _name(seed: int, *parts: object) -> str:
    rng = rng_for(seed, "nama", *parts)
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title()
    return f"{rng.choice(_PREFIXES)} {word}" if rng.random() < 0.45 else word


def national_tables(n_kecamatan: int = 7300, n_kabupaten: int = 500,
                    years: Sequence[int] = (2020, 2021, 2022, 2023, 2024), *,
                    seed: int = 2024) -> dict[str, pd.DataFrame]:
    """The tidy tables (`tables`, `indicators`, `budget`, `sakip_components`; the others
    empty) of `n_kecamatan` synthetic kecamatan spread over `n_kabupaten` kabupaten."""
    names: list[tuple[str, str]] = []
    used: set[str] = set()
    for i in range(n_kecamatan):
        kabupaten = f"Kabupaten {_name(seed, 'kab', i % n_kabupaten)} {i % n_kabupaten + 1:03d}"
        name = _name(seed, "kec", i)
        while name in used:
            name = f"{name} {len(used) % 97 + 2}"
        used.add(name)
        names.append((kabupaten, name))
    catalog, indicators, budget, sakip = [], [], [], []
    first = min(years)
    for kabupaten, name in names:
        prof = profile(seed, name)
        for year in years:
            file = f"nasional/{year}/{name}.tidy"
            who = {"kecamatan": name, "kabupaten": kabupaten, "year": year,
                   "data_source": SYNTHETIC_SOURCE, "source_file": file}
            catalog.append({**who, "table_kind": "iku", "n_rows": len(prof.ikus),
                            "n_columns": 6, "source_table_index": 1})
            for line, iku in enumerate(prof.ikus, start=10):
                m = measures(seed, prof, year, first)[iku.key]
                if m is None:
                    continue
                indicators.append({
                    **who, "table_kind": "iku", "period_year": year, "level": "iku",
                    "name": iku.sasaran, "indicator": iku.name, "unit": iku.unit,
                    "target": float(m.target) if m.target is not None else None,
                    "realisasi": float(m.realisasi) if m.realisasi is not None else None,
                    "source_table": "Tabel 3.1", "source_table_index": 1, "source_line": line})
            rng = rng_for(seed, name, year, "anggaran")
            pagu = sum(prof.base_pagu.values()) * (1 + 0.04 * (year - first))
            pagu = int(round(pagu * rng.uniform(0.9, 1.1), -3))
            realisasi = int(pagu * rng.uniform(0.78, 0.995))
            budget.append({**who, "table_kind": "budget", "level": "total", "name": "JUMLAH",
                           "pagu": pagu, "realisasi": realisasi, "source_table": "Tabel 3.5",
                           "source_table_index": 5, "source_line": 80})
            score = measures(seed, prof, year, first)["sakip"]
            sakip.append({**who, "level": "total", "component": "Nilai SAKIP",
                          "nilai": float(score.realisasi) if score else None,
                          "source_table": "Tabel 3.7", "source_table_index": 7,
                          "source_line": 90})
    rows = {"tables": catalog, "indicators": indicators, "budget": budget,
            "sakip_components": sakip}
    return {name: _conformed(name, rows[name]) if name in rows else schema.empty_frame(name)
            for name in schema.TABLE_NAMES}


def _conformed(name: str, records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(records)
    missing = [c for c in schema.SCHEMAS[name].columns if c not in frame.columns]
    frame = frame.assign(**{c: float("nan") for c in missing})
    return schema.conform(name, frame)


def write_national(out_dir: Path, **options: object) -> Path:
    """Write the national dataset as a dataset folder (CSV, no workbook: it would not fit)."""
    from sakip_analysis.read.dataset import write_dataset

    return write_dataset(national_tables(**options), Path(out_dir), xlsx=False)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    """`python -m sakip_analysis.demo.national DIR`: write the national synthetic dataset."""
    import argparse

    parser = argparse.ArgumentParser(
        description="Tulis dataset sintetis seukuran nasional (tabel rapi, bukan dokumen).")
    parser.add_argument("out", help="folder tujuan (mis. data/nasional)")
    parser.add_argument("--kecamatan", type=int, default=7300,
                        help="jumlah kecamatan (bawaan: 7300)")
    parser.add_argument("--kabupaten", type=int, default=500,
                        help="jumlah kabupaten (bawaan: 500)")
    parser.add_argument("--tahun", type=int, nargs="+", default=[2020, 2021, 2022, 2023, 2024],
                        help="tahun laporan (bawaan: 2020–2024)")
    parser.add_argument("--seed", type=int, default=2024, help="benih acak (bawaan: 2024)")
    args = parser.parse_args(argv)
    out = write_national(Path(args.out), n_kecamatan=args.kecamatan,
                         n_kabupaten=args.kabupaten, years=tuple(args.tahun), seed=args.seed)
    print(f"{args.kecamatan} kecamatan × {len(args.tahun)} tahun ditulis ke {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
