"""The figures of the synthetic demo kabupaten, exact (Decimal) and reproducible from a seed.

Every figure a report prints is decided here; `layout` only formats. Each kecamatan draws
its indicators and programs from its own seeded generator, and each (kecamatan, year) its
budget and results from another, so a subset of kecamatan or years gets the same figures as
the full run, and the three-year table of one report shows exactly what the earlier reports
state.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sakip_analysis.demo.names import (
    NEGATIVE_IKU,
    OTHER_PROGRAMS,
    PENUNJANG,
    PERCENT_IKU,
    SASARAN_AKUNTABILITAS,
    SASARAN_LAYANAN,
    UNFUNDED_KEGIATAN,
    KegiatanSpec,
    ProgramSpec,
)
from sakip_analysis.errors import SakipError

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
FIRST_DOC_YEAR = 2022  # indicators introduced later than the history start begin here
SAKIP_WEIGHTS = (("Perencanaan Kinerja", 30), ("Pengukuran Kinerja", 30),
                 ("Pelaporan Kinerja", 15), ("Evaluasi Kinerja", 25))


class DemoError(SakipError):
    """The demo was asked for something it cannot make (unknown kecamatan, format)."""


def rng_for(seed: int, *parts: object) -> random.Random:
    """A generator of its own for each part of the demo; string seeds are stable across runs."""
    return random.Random("/".join([str(seed), *map(str, parts)]))


def round2(value: Decimal) -> Decimal:
    """Round half-up to the two decimals reports print."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def capaian(target: Decimal | None, realisasi: Decimal | None,
            negative: bool = False) -> Decimal | None:
    """Capaian in percent, two decimals; lower-is-better indicators use (2T − R) / T."""
    if target is None or realisasi is None or target == 0:
        return None
    ratio = (2 * target - realisasi) / target if negative else realisasi / target
    return round2(ratio * HUNDRED)


def mean2(values: list[Decimal]) -> Decimal | None:
    """Average of printed values, rounded like the reports (None when there is nothing)."""
    return round2(sum(values, Decimal(0)) / len(values)) if values else None


@dataclass(frozen=True)
class Iku:
    """An indicator kinerja utama: same name in every table and every year of a kecamatan."""

    key: str
    name: str
    unit: str  # the Satuan column: Nilai, Persen, Hari
    sasaran: str
    negative: bool = False
    start: int = 0  # first year measured; earlier cells print `-`

    @property
    def percent(self) -> bool:
        return self.unit == "Persen"


@dataclass(frozen=True)
class Measure:
    target: Decimal | None
    realisasi: Decimal | None
    negative: bool = False

    @property
    def capaian(self) -> Decimal | None:
        return capaian(self.target, self.realisasi, self.negative)


@dataclass(frozen=True)
class Kinerja:
    """Output indicator of a program or kegiatan; `unit` None means a percentage."""

    indicator: str
    target: Decimal
    realisasi: Decimal | None
    unit: str | None = None

    @property
    def capaian(self) -> Decimal | None:
        return capaian(self.target, self.realisasi)


@dataclass(frozen=True)
class Kegiatan:
    name: str
    kinerja: Kinerja
    pagu: int | None  # None: listed without a budget
    realisasi: int | None

    @property
    def serapan(self) -> Decimal | None:
        if not self.pagu or self.realisasi is None:
            return None
        return round2(Decimal(self.realisasi) / self.pagu * HUNDRED)


@dataclass(frozen=True)
class Program:
    name: str
    sasaran: str
    kinerja: Kinerja
    kegiatan: tuple[Kegiatan, ...]

    @property
    def pagu(self) -> int:
        return sum(k.pagu or 0 for k in self.kegiatan)

    @property
    def realisasi(self) -> int:
        return sum(k.realisasi or 0 for k in self.kegiatan)


def serapan(pagu: int, realisasi: int) -> Decimal | None:
    return round2(Decimal(realisasi) / pagu * HUNDRED) if pagu else None


@dataclass(frozen=True)
class ReportFigures:
    """Everything one (kecamatan, year) report states."""

    seed: int
    kecamatan: str
    year: int
    n_desa: int
    ikus: tuple[Iku, ...]
    history: dict[int, dict[str, Measure | None]]  # year-2 … year → iku key → measure
    programs: tuple[Program, ...]
    kabupaten: dict[str, Decimal | None]  # SAKIP/IKPP/PATEN of Kabupaten Jombang this year
    provinsi: dict[str, Decimal | None]
    sakip_components: tuple[Decimal, ...]  # in SAKIP_WEIGHTS order, summing to Nilai SAKIP
    program_cents: bool  # print program pagu as `2.796.089.661,00`, as some reports do

    def measure(self, key: str, year: int | None = None) -> Measure | None:
        return self.history[self.year if year is None else year][key]

    def iku(self, key: str) -> Iku:
        return next(i for i in self.ikus if i.key == key)

    @property
    def pagu(self) -> int:
        return sum(p.pagu for p in self.programs)

    @property
    def realisasi(self) -> int:
        return sum(p.realisasi for p in self.programs)

    @property
    def kegiatan(self) -> list[Kegiatan]:
        return [k for p in self.programs for k in p.kegiatan]


@dataclass(frozen=True)
class Profile:
    """What stays the same for a kecamatan across years: indicators, programs, levels."""

    kecamatan: str
    n_desa: int
    ikus: tuple[Iku, ...]
    programs: tuple[tuple[ProgramSpec, tuple[KegiatanSpec, ...]], ...]
    base_pagu: dict[str, int]  # kegiatan name → pagu in the first year
    sakip_level: float
    sakip_trend: float
    sakip_target: Decimal
    sakip_step: Decimal
    ikpp_target: Decimal
    ikpp_step: Decimal
    paten_target: Decimal
    negative_target: Decimal | None


def profile(seed: int, kecamatan: str) -> Profile:
    """The stable traits of one kecamatan."""
    rng = rng_for(seed, kecamatan)
    ikus = [
        Iku("sakip", "Nilai SAKIP", "Nilai", SASARAN_AKUNTABILITAS),
        Iku("ikpp", f"Nilai IKPP Kecamatan {kecamatan}", "Nilai", SASARAN_LAYANAN,
            start=rng.choice((2020, 2021, 2021))),
        Iku("paten", f"Nilai PATEN Kecamatan {kecamatan}", "Nilai", SASARAN_LAYANAN,
            start=rng.choice((2020, 2020, 2021))),
    ]
    for i, name in enumerate(sorted(rng.sample(PERCENT_IKU, rng.randint(1, 3)),
                                    key=PERCENT_IKU.index)):
        ikus.append(Iku(f"persen{i + 1}", name, "Persen", SASARAN_LAYANAN))
    negative_target = None
    if rng.random() < 0.55:
        name, unit = rng.choice(NEGATIVE_IKU)
        ikus.append(Iku("negatif", name, unit, SASARAN_LAYANAN, negative=True,
                        start=FIRST_DOC_YEAR))
        negative_target = Decimal(rng.choice((5, 10)) if unit == "Persen" else rng.choice((3, 5)))
    others = [OTHER_PROGRAMS[0], *rng.sample(OTHER_PROGRAMS[1:], rng.randint(1, 4))]
    others.sort(key=OTHER_PROGRAMS.index)
    programs = [(PENUNJANG, (PENUNJANG.kegiatan[0], *sorted(
        rng.sample(PENUNJANG.kegiatan[1:], rng.randint(1, 3)), key=PENUNJANG.kegiatan.index)))]
    for spec in others:
        chosen = rng.sample(spec.kegiatan, rng.randint(1, len(spec.kegiatan)))
        programs.append((spec, tuple(sorted(chosen, key=spec.kegiatan.index))))
    base_pagu = {}
    for _spec, kegiatan in programs:
        for k in kegiatan:
            if k.salaries:
                base_pagu[k.name] = rng.randint(150_000_000, 2_600_000_000)
            elif "Pengadaan" in k.name:
                base_pagu[k.name] = rng.randint(20, 300) * 1_000_000 + rng.randint(0, 9) * 50_000
            else:
                base_pagu[k.name] = rng.randint(5_000, 140_000) * 1_000 + rng.choice((0, 500))
    return Profile(
        kecamatan=kecamatan,
        n_desa=rng.randint(10, 20),
        ikus=tuple(ikus),
        programs=tuple(programs),
        base_pagu=base_pagu,
        sakip_level=rng.uniform(55.0, 84.0),
        sakip_trend=rng.uniform(-1.5, 2.0),
        sakip_target=Decimal(rng.choice((65, 67, 68, 70, 72))).quantize(CENT),
        sakip_step=Decimal(rng.choice(("0.50", "1.00", "1.00", "1.50"))),
        ikpp_target=Decimal(rng.randint(60, 75)) / 10,
        ikpp_step=Decimal(rng.choice(("0.10", "0.20", "0.30"))),
        paten_target=Decimal(rng.choice((80, 85, 85, 90))),
        negative_target=negative_target,
    )


def _decimal(value: float, places: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def measures(seed: int, prof: Profile, year: int,
             first_doc_year: int) -> dict[str, Measure | None]:
    """Target and realisasi of every IKU in one year (None before an indicator existed)."""
    rng = rng_for(seed, prof.kecamatan, year, "iku")
    offset = year - FIRST_DOC_YEAR
    out: dict[str, Measure | None] = {}
    for iku in prof.ikus:
        draw = rng.random()  # drawn for every indicator, so presence never shifts the stream
        noise = rng.uniform(-1.0, 1.0)
        if year < iku.start and year < first_doc_year:
            out[iku.key] = None
            continue
        if iku.key == "sakip":
            target = prof.sakip_target + prof.sakip_step * offset
            value = prof.sakip_level + prof.sakip_trend * offset + 3.0 * noise
            out[iku.key] = Measure(target, _decimal(min(max(value, 50.5), 89.5), 2))
        elif iku.key == "ikpp":
            target = (prof.ikpp_target + prof.ikpp_step * offset).quantize(CENT)
            value = float(target) + 1.2 * noise - 0.2
            out[iku.key] = Measure(target, _decimal(min(max(value, 3.5), 9.9), 2))
        elif iku.key == "paten":
            out[iku.key] = Measure(prof.paten_target, _decimal(85.0 + 12.0 * noise, 2))
        elif iku.negative:
            target = prof.negative_target or Decimal(5)
            places = 2 if iku.unit == "Persen" else 1
            value = float(target) * (0.95 + 0.5 * noise)
            out[iku.key] = Measure(target, _decimal(value, places), negative=True)
        elif draw < 0.7:
            out[iku.key] = Measure(HUNDRED, HUNDRED)
        elif draw < 0.85:
            out[iku.key] = Measure(HUNDRED, Decimal(int(84 + 15 * noise)))
        else:
            out[iku.key] = Measure(HUNDRED, _decimal(85.0 + 14.5 * noise, 2))
    return out


def _kinerja(rng: random.Random, indicator: str, unit: str | None, count: int) -> Kinerja:
    if unit is None:
        done = HUNDRED if rng.random() < 0.8 else Decimal(rng.randint(75, 99))
        return Kinerja(indicator, HUNDRED, done)
    target = Decimal(count)
    done = target if rng.random() < 0.8 or count < 3 else target - rng.randint(1, 2)
    return Kinerja(indicator, target, done, unit)


def programs_of(seed: int, prof: Profile, year: int) -> tuple[Program, ...]:
    """Programs with their kegiatan, pagu and realisasi for one year; serapan 60–100 %."""
    rng = rng_for(seed, prof.kecamatan, year, "anggaran")
    growth = 1.0 + 0.06 * (year - FIRST_DOC_YEAR)
    unfunded = rng.random() < 0.2
    out = []
    for spec, chosen in prof.programs:
        kegiatan = []
        for k in chosen:
            factor = growth * rng.uniform(0.85, 1.15)
            if k.salaries:
                pagu = int(prof.base_pagu[k.name] * factor)
                real = int(pagu * rng.uniform(0.86, 0.99))
            else:
                pagu = int(prof.base_pagu[k.name] * factor) // 1_000 * 1_000
                real = int(pagu * rng.uniform(0.6, 1.0)) // 100 * 100
            count = prof.n_desa if k.per_desa else k.count
            kegiatan.append(Kegiatan(k.name, _kinerja(rng, k.indicator, k.unit, count), pagu, real))
        if unfunded and spec is PENUNJANG:
            k = UNFUNDED_KEGIATAN
            kegiatan.append(Kegiatan(k.name, Kinerja(k.indicator, HUNDRED, None), None, None))
        sasaran = SASARAN_AKUNTABILITAS if spec is PENUNJANG else SASARAN_LAYANAN
        out.append(Program(spec.name, sasaran, _kinerja(rng, spec.indicator, None, 0),
                           tuple(kegiatan)))
    return tuple(out)


def benchmarks(seed: int, year: int) -> tuple[dict[str, Decimal | None],
                                              dict[str, Decimal | None]]:
    """Kabupaten Jombang and Provinsi Jawa Timur values of a year: the same in every report."""
    rng = rng_for(seed, "kabupaten", year)
    kabupaten: dict[str, Decimal | None] = {
        "sakip": _decimal(rng.uniform(66, 74), 2), "ikpp": _decimal(rng.uniform(6.5, 8.2), 2),
        "paten": _decimal(rng.uniform(82, 92), 2)}
    provinsi: dict[str, Decimal | None] = {
        "sakip": _decimal(rng.uniform(78, 84), 2), "ikpp": _decimal(rng.uniform(5.5, 8.0), 2),
        "paten": _decimal(rng.uniform(84, 90), 2)}
    if rng.random() < 0.35:
        provinsi["paten"] = None  # not published that year
    return kabupaten, provinsi


def sakip_components(rng: random.Random, total: Decimal) -> tuple[Decimal, ...]:
    """Four component scores, each within its weight, adding up exactly to `total`."""
    cents = [int(w * float(total) * rng.uniform(0.9, 1.1)) for _n, w in SAKIP_WEIGHTS]
    caps = [w * 100 for _n, w in SAKIP_WEIGHTS]
    cents = [min(c, cap) for c, cap in zip(cents, caps, strict=True)]
    gap = int(total * 100) - sum(cents)
    i = 0
    while gap:
        step = 1 if gap > 0 else -1
        j = i % len(cents)
        if 0 <= cents[j] + step <= caps[j]:
            cents[j] += step
            gap -= step
        i += 1
    return tuple(Decimal(c) / 100 for c in cents)


def report_figures(seed: int, prof: Profile, year: int, first_doc_year: int) -> ReportFigures:
    """The figures of one report, with the two years before it for the three-year table."""
    history = {y: measures(seed, prof, y, first_doc_year) for y in (year - 2, year - 1, year)}
    kabupaten, provinsi = benchmarks(seed, year)
    rng = rng_for(seed, prof.kecamatan, year, "sakip")
    sakip = history[year]["sakip"]
    assert sakip is not None and sakip.realisasi is not None
    return ReportFigures(
        seed=seed, kecamatan=prof.kecamatan, year=year, n_desa=prof.n_desa, ikus=prof.ikus,
        history=history, programs=programs_of(seed, prof, year), kabupaten=kabupaten,
        provinsi=provinsi, sakip_components=sakip_components(rng, sakip.realisasi),
        program_cents=rng.random() < 0.3)
