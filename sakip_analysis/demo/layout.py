"""One report as blocks in the reference LKJIP layout: title page, chapters, captioned tables.

The blocks are the single source of both renderings (text and Word), and the place where
inconsistencies are injected: each table row carries a tag (`("kegiatan", p, k)`) so an
injection can find "the pagu of a kegiatan in the budget table" without parsing text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from num2words import num2words

from sakip_analysis.demo.generator import (
    HUNDRED,
    SAKIP_WEIGHTS,
    Kinerja,
    Measure,
    ReportFigures,
    mean2,
    round2,
    serapan,
)
from sakip_analysis.demo.names import (
    KABUPATEN,
    PROVINSI,
    SASARAN_AKUNTABILITAS,
    SASARAN_LAYANAN,
    SYNTHETIC_MARKER,
)
from sakip_analysis.read.numbers import format_number

Tag = tuple[object, ...]


@dataclass
class Para:
    """A paragraph; `style` is body, title (title page), heading or marker; `key` names the
    sentences injections may change."""

    text: str
    style: str = "body"
    key: str = ""


@dataclass
class TableBlock:
    """A captioned table: `cells` holds the header rows first, then the body rows."""

    key: str
    caption: str
    title: list[str]
    n_header: int
    cells: list[list[str]]
    tags: list[Tag] = field(default_factory=list)  # one per body row
    label: str = ""  # the caption as generated; `caption` may be changed by an injection

    def __post_init__(self) -> None:
        self.label = self.label or self.caption

    def body_index(self, tag: Tag) -> int | None:
        """Row index in `cells` of the body row with this tag."""
        try:
            return self.n_header + self.tags.index(tag)
        except ValueError:
            return None


Block = Para | TableBlock


@dataclass
class Report:
    figures: ReportFigures
    blocks: list[Block]

    def table(self, key: str) -> TableBlock:
        return next(b for b in self.blocks if isinstance(b, TableBlock) and b.key == key)

    def para(self, key: str) -> Para:
        return next(b for b in self.blocks if isinstance(b, Para) and b.key == key)


# Column positions the injections rely on.
IKU_CAPAIAN = 4
MULTI_FIRST = 3  # Target of the earliest year; then Realisasi, %, next year …
KA_PAGU, KA_REALISASI, KA_SERAPAN = 5, 6, 7
EFF_KINERJA, EFF_ANGGARAN, EFF_EFISIENSI = 3, 4, 5
BUD_PAGU, BUD_REALISASI, BUD_SERAPAN = 3, 4, 6
BENCH_PCT = 4
PK_TARGET = 3


def num(value: Decimal) -> str:
    """A figure with the decimals it carries: `72,00`, `85`, `2,5`."""
    return format_number(value, max(0, -int(value.as_tuple().exponent)))


def pct(value: Decimal | None) -> str:
    return "-" if value is None else num(value) + "%"


def pct2(value: Decimal | None) -> str:
    return "-" if value is None else format_number(value, 2) + "%"


def amount(value: int | None, cents: bool = False) -> str:
    return "-" if value is None else format_number(value, 2 if cents else 0)


def capaian_cell(value: Decimal | None, suffix: str = "") -> str:
    """Capaian as IKU tables print it: `94,22`, and a plain `100%` when fully met."""
    if value is None:
        return "-"
    return "100%" if value == HUNDRED else format_number(value, 2) + suffix


def iku_value(value: Decimal | None, percent: bool) -> str:
    if value is None:
        return "-"
    return pct(value) if percent else num(value)


def kinerja_value(k: Kinerja, value: Decimal | None) -> str:
    if value is None:
        return "-"
    return pct(value) if k.unit is None else f"{num(value)} {k.unit}"


def words(n: int) -> str:
    return num2words(n, lang="id")


def grade(score: Decimal) -> str:
    """SAKIP predikat (PermenPANRB 88/2021)."""
    for floor, name in ((90, "AA"), (80, "A"), (70, "BB"), (60, "B"), (50, "CC"), (30, "C")):
        if score > floor:
            return name
    return "D"


def _pad(rows: list[list[str]], width: int) -> list[list[str]]:
    return [[*r, *[""] * (width - len(r))] for r in rows]


def _table(key: str, caption: str, title: list[str], header: list[list[str]],
           body: list[tuple[Tag, list[str]]]) -> TableBlock:
    width = max(len(r) for r in [*header, *(cells for _t, cells in body)])
    return TableBlock(key, caption, title, len(header),
                      _pad([*header, *(cells for _t, cells in body)], width),
                      [t for t, _c in body])


def build_report(fig: ReportFigures) -> Report:
    """All blocks of one report, figures formatted the Indonesian way."""
    k, y = fig.kecamatan, fig.year
    blocks: list[Block] = [
        Para(f"PEMERINTAH KABUPATEN {KABUPATEN.upper()}", "title"),
        Para(f"KECAMATAN {k.upper()}", "title"),
        Para(SYNTHETIC_MARKER, "marker"),
        Para("LKJIP", "title"),
        Para("LAPORAN KINERJA INSTANSI PEMERINTAH", "title"),
        Para(f"TAHUN {y}", "title"),
        Para("KATA PENGANTAR", "heading"),
        Para(f"Laporan Kinerja Instansi Pemerintah Kecamatan {k} ini disusun sebagai wujud "
             "pertanggungjawaban camat atas pelaksanaan tugas dan fungsi kecamatan selama satu "
             "tahun anggaran. Seluruh angka dalam dokumen ini dibangkitkan oleh program "
             "sakip-analysis untuk keperluan demo dan pengujian, sehingga bukan data resmi "
             "pemerintah daerah."),
        Para("BAB I", "heading"),
        Para("PENDAHULUAN", "heading"),
        Para(f"Kecamatan {k} adalah perangkat daerah Kabupaten {KABUPATEN} yang dipimpin oleh "
             "camat dan menjalankan sebagian kewenangan bupati di bidang pemerintahan, "
             "pelayanan publik, ketenteraman dan ketertiban umum, serta pemberdayaan "
             f"masyarakat desa. Wilayah kerjanya meliputi {fig.n_desa} desa."),
        Para("Laporan ini menyajikan perencanaan kinerja, pengukuran capaian indikator "
             "kinerja utama, realisasi anggaran dan hasil evaluasi akuntabilitas kinerja, "
             "sebagai bahan perbaikan kinerja pada tahun berikutnya."),
        Para("BAB II", "heading"),
        Para("PERENCANAAN KINERJA", "heading"),
        _period_sentence(k, y),
        Para(f"Perjanjian Kinerja tahun {y} ditandatangani oleh Camat {k} dan Bupati "
             f"{KABUPATEN} sebagai janji atas target kinerja yang hendak dicapai. Isi "
             "perjanjian tersebut diringkas pada tabel berikut."),
        _perjanjian(fig),
        Para("BAB III", "heading"),
        Para("AKUNTABILITAS KINERJA", "heading"),
        Para("3.1 CAPAIAN KINERJA ORGANISASI", "heading"),
        Para(f"Perjanjian Kinerja Kecamatan {k} memuat {len(fig.ikus)} ({words(len(fig.ikus))}) "
             "indikator kinerja utama yang diukur pada akhir tahun.", key="iku_count"),
    ]
    iku_table, average = _iku(fig)
    blocks += [iku_table,
               Para(f"Rata-rata capaian indikator kinerja utama Kecamatan {k} pada tahun {y} "
                    f"adalah {format_number(average, 2)}%.", key="iku_average"),
               _sakip_sentence(fig)]
    if any(i.negative for i in fig.ikus):
        blocks.append(Para(
            "Indikator yang diberi keterangan semakin rendah semakin baik adalah indikator "
            "negatif: capaiannya dihitung dari dua kali target dikurangi realisasi, lalu "
            "dibagi target."))
    blocks += [
        Para("Perkembangan capaian indikator kinerja utama dalam tiga tahun terakhir "
             "ditunjukkan pada tabel berikut, sehingga arah perubahan kinerja dapat dilihat."),
        _multi_year(fig),
        Para("Capaian kecamatan juga dibandingkan dengan capaian kabupaten dan provinsi pada "
             "indikator yang sama."),
        _benchmark(fig),
        Para("Sumber: data demo sintetis, bukan publikasi resmi kabupaten atau provinsi."),
        _benchmark_sentence(fig),
        Para("3.2 REALISASI ANGGARAN", "heading"),
        Para("Keterkaitan antara capaian kinerja dan penggunaan anggaran pada setiap sasaran, "
             "program dan kegiatan disajikan sebagai berikut."),
        _kinerja_anggaran(fig),
        Para("Tingkat efisiensi diperoleh dari persentase capaian kinerja dikurangi persentase "
             "capaian anggaran pada baris yang sama."),
        _efficiency(fig),
        Para("Rincian pagu dan realisasi anggaran per program dan kegiatan adalah sebagai "
             "berikut."),
        _budget(fig),
        Para(f"Untuk mencapai sasaran strategis, kinerja Kecamatan {k} didukung oleh "
             f"{len(fig.programs)} program dan {len(fig.kegiatan)} kegiatan.",
             key="program_count"),
        Para(f"Pada tahun {y} Kecamatan {k} mengelola anggaran sebesar Rp. {amount(fig.pagu)} "
             f"dengan realisasi Rp. {amount(fig.realisasi)} atau serapan "
             f"{pct2(serapan(fig.pagu, fig.realisasi))}.", key="budget_sentence"),
        Para("3.3 HASIL EVALUASI AKUNTABILITAS KINERJA", "heading"),
        _sakip_lead(fig),
        _sakip_table(fig),
        Para("BAB IV", "heading"),
        Para("PENUTUP", "heading"),
        Para(f"Kecamatan {k} akan terus memperbaiki perencanaan, pengukuran dan pelaporan "
             "kinerja agar target yang belum tercapai dapat dipenuhi pada tahun mendatang. "
             "Dokumen ini merupakan data demo sintetis."),
    ]
    return Report(fig, blocks)


def _period_sentence(k: str, y: int) -> Para:
    start, end = (2024, 2026) if y >= 2024 else (2018, 2023)
    return Para(f"Tahun {y} berada dalam masa berlaku Rencana Strategis Kecamatan {k} periode "
                f"{start}-{end}, yang menjadi acuan penetapan target kinerja tahunan.",
                key="period")


def _perjanjian(fig: ReportFigures) -> TableBlock:
    body: list[tuple[Tag, list[str]]] = []
    number = 0
    last_sasaran = None
    for iku in fig.ikus:
        m = fig.measure(iku.key)
        first = iku.sasaran != last_sasaran
        if first:
            number += 1
        last_sasaran = iku.sasaran
        body.append((("iku", iku.key), [f"{number}." if first else "",
                                        iku.sasaran if first else "", iku.name,
                                        iku_value(m.target if m else None, iku.percent)]))
    return _table("perjanjian", "Tabel 2.1",
                  [f"Perjanjian Kinerja Tahun {fig.year}",
                   f"Kecamatan {fig.kecamatan} Kabupaten {KABUPATEN}"],
                  [["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET"]], body)


def _iku(fig: ReportFigures) -> tuple[TableBlock, Decimal]:
    body: list[tuple[Tag, list[str]]] = []
    last_sasaran = None
    values = []
    for iku in fig.ikus:
        m = fig.measure(iku.key)
        assert m is not None
        c = m.capaian
        assert c is not None
        values.append(c)
        body.append((("iku", iku.key), [
            iku.sasaran if iku.sasaran != last_sasaran else "", iku.name,
            iku_value(m.target, iku.percent), iku_value(m.realisasi, iku.percent),
            capaian_cell(c)]))
        last_sasaran = iku.sasaran
    average = mean2(values)
    assert average is not None
    body.append((("average",), ["Rata-rata capaian IKU", "", "", "", pct2(average)]))
    table = _table("iku", "Tabel 3.1",
                   ["Capaian Indikator Kinerja Utama",
                    f"Kecamatan {fig.kecamatan} Tahun {fig.year}"],
                   [["Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"]], body)
    return table, average


def _sakip_sentence(fig: ReportFigures) -> Para:
    m = fig.measure("sakip")
    assert m is not None and m.target is not None and m.realisasi is not None
    c = m.capaian
    assert c is not None
    status = "telah tercapai" if m.realisasi >= m.target else "belum tercapai"
    return Para(f"Untuk indikator Nilai SAKIP, target {num(m.target)} terealisasi "
                f"{num(m.realisasi)} dengan capaian {format_number(c, 2)}%, sehingga target "
                f"tahun ini {status}.", key="sakip_sentence")


def _multi_year(fig: ReportFigures) -> TableBlock:
    years = sorted(fig.history)
    top = ["No", "IKU", "Satuan"]
    sub = ["", "", ""]
    for year in years:
        top += [f"Tahun {year}", "", "%"]
        sub += ["Target", "Realisasi", ""]
    body: list[tuple[Tag, list[str]]] = []
    per_year: dict[int, list[Decimal]] = {year: [] for year in years}
    for n, iku in enumerate(fig.ikus, start=1):
        cells = [str(n), iku.name, iku.unit]
        for year in years:
            m: Measure | None = fig.history[year][iku.key]
            if m is None:
                cells += ["-", "-", "-"]
                continue
            c = m.capaian
            assert c is not None
            per_year[year].append(c)
            cells += [iku_value(m.target, iku.percent), iku_value(m.realisasi, iku.percent),
                      capaian_cell(c, "%")]
        body.append((("iku", iku.key), cells))
    average = ["", "Rata-rata Capaian IKU", ""]
    for year in years:
        avg = mean2(per_year[year])
        average += ["", "", pct2(avg) if avg is not None else "N/A"]
    body.append((("average",), average))
    return _table("multi_year", "Tabel 3.2",
                  ["Analisis Pencapaian IKU", f"Tahun {years[0]}, {years[1]} dan {years[2]}"],
                  [top, sub], body)


BENCH_NAMES = (("sakip", "Nilai SAKIP"), ("ikpp", "Nilai IKPP"), ("paten", "Nilai PATEN"))


def _benchmark(fig: ReportFigures) -> TableBlock:
    body: list[tuple[Tag, list[str]]] = []
    for key, label in BENCH_NAMES:
        m = fig.measure(key)
        assert m is not None and m.realisasi is not None
        kab, prov = fig.kabupaten[key], fig.provinsi[key]
        share = round2(m.realisasi / prov * HUNDRED) if prov else None
        body.append((("bench", key), [label, num(m.realisasi), num(kab) if kab else "-",
                                      num(prov) if prov else "-", pct2(share)]))
    return _table("benchmark", "Tabel 3.3",
                  ["Perbandingan Realisasi SAKIP, IKPP dan PATEN",
                   f"dengan Kabupaten {KABUPATEN} dan Provinsi {PROVINSI} Tahun {fig.year}"],
                  [["Uraian", f"Realisasi Kec {fig.kecamatan}", "Realisasi Kabupaten",
                    "Realisasi Propinsi", "% Realisasi dg Propinsi"]], body)


def _benchmark_sentence(fig: ReportFigures) -> Para:
    m = fig.measure("sakip")
    kab = fig.kabupaten["sakip"]
    assert m is not None and m.realisasi is not None and kab is not None
    gap = m.realisasi - kab
    side = "di atas" if gap >= 0 else "di bawah"
    return Para(f"Nilai SAKIP Kecamatan {fig.kecamatan} tahun {fig.year} sebesar "
                f"{num(m.realisasi)}, sedangkan Nilai SAKIP Kabupaten {KABUPATEN} sebesar "
                f"{num(kab)}, sehingga terdapat selisih {format_number(abs(gap), 2)} poin "
                f"{side} nilai kabupaten.", key="benchmark_sentence")


@dataclass(frozen=True)
class _PerfRow:
    """One row of the performance tables: printed kinerja cells, exact capaian and serapan."""

    tag: Tag
    label: str
    indicator: str
    target: str
    realisasi: str
    capaian: Decimal | None
    pagu: str
    spent: str
    serapan: Decimal | None


def _performance_rows(fig: ReportFigures) -> list[_PerfRow]:
    """Sasaran, their programs and kegiatan, in the order both performance tables list them."""
    rows: list[_PerfRow] = []
    for s, (sasaran, keys) in enumerate(((SASARAN_AKUNTABILITAS, ("sakip",)),
                                         (SASARAN_LAYANAN, ("ikpp", "paten")))):
        programs = [(p, prog) for p, prog in enumerate(fig.programs) if prog.sasaran == sasaran]
        pagu = sum(prog.pagu for _p, prog in programs)
        spent = sum(prog.realisasi for _p, prog in programs)
        for i, key in enumerate(keys):
            m = fig.measure(key)
            assert m is not None
            name = fig.iku(key).name
            target, real = iku_value(m.target, False), iku_value(m.realisasi, False)
            if i == 0:
                rows.append(_PerfRow(("sasaran", s), f"Sasaran : {sasaran}", name, target, real,
                                     m.capaian, amount(pagu), amount(spent),
                                     serapan(pagu, spent)))
            else:
                rows.append(_PerfRow(("sasaran_more", s, key), "", name, target, real,
                                     m.capaian, "", "", None))
        for p, prog in programs:
            k = prog.kinerja
            rows.append(_PerfRow(("program", p), f"Program: {prog.name}", k.indicator,
                                 kinerja_value(k, k.target), kinerja_value(k, k.realisasi),
                                 k.capaian, amount(prog.pagu, fig.program_cents),
                                 amount(prog.realisasi, fig.program_cents),
                                 serapan(prog.pagu, prog.realisasi)))
            for j, keg in enumerate(prog.kegiatan):
                kk = keg.kinerja
                rows.append(_PerfRow(("kegiatan", p, j), f"Kegiatan: {keg.name}", kk.indicator,
                                     kinerja_value(kk, kk.target),
                                     kinerja_value(kk, kk.realisasi), kk.capaian,
                                     amount(keg.pagu),
                                     "" if keg.realisasi is None else amount(keg.realisasi),
                                     keg.serapan))
    return rows


def _kinerja_anggaran(fig: ReportFigures) -> TableBlock:
    body: list[tuple[Tag, list[str]]] = []
    for r in _performance_rows(fig):
        ser = "" if r.serapan is None else pct2(r.serapan)
        body.append((r.tag, [r.label, r.indicator, r.target, r.realisasi,
                             "-" if r.capaian is None else format_number(r.capaian, 2),
                             r.pagu, r.spent, ser]))
    body.append((("total",), ["RATA-RATA PENCAPAIAN KINERJA DAN ANGGARAN", "", "", "", "",
                              amount(fig.pagu), amount(fig.realisasi),
                              pct2(serapan(fig.pagu, fig.realisasi))]))
    return _table("kinerja_anggaran", "Tabel 3.4",
                  ["Pencapaian Kinerja dan Anggaran",
                   f"Kecamatan {fig.kecamatan} Tahun {fig.year}"],
                  [["SASARAN, PROGRAM, KEGIATAN", "INDIKATOR", "KINERJA", "", "", "ANGGARAN", "",
                    ""],
                   ["", "", "TARGET", "REALISASI", "CAPAIAN", "TARGET", "REALISASI", "CAPAIAN"]],
                  body)


def _efficiency(fig: ReportFigures) -> TableBlock:
    """Rows mirror the performance-and-budget table; efisiensi = kinerja − anggaran, and the
    total row compares the averages over the funded kegiatan."""
    body: list[tuple[Tag, list[str]]] = []
    kinerja_values: list[Decimal] = []
    anggaran_values: list[Decimal] = []
    number = 0
    for r in _performance_rows(fig):
        kin, ang = r.capaian, r.serapan
        if r.tag[0] == "kegiatan" and kin is not None and ang is not None:
            kinerja_values.append(kin)
            anggaran_values.append(ang)
        if not r.label:  # a second indicator of the sasaran above: kinerja only
            body.append((r.tag, ["", "", r.indicator, pct2(kin), "", ""]))
            continue
        number += 1
        eff = kin - ang if kin is not None and ang is not None else None
        body.append((r.tag, [str(number), r.label, r.indicator, pct2(kin), pct2(ang),
                             pct2(eff)]))
    mean_k, mean_a = mean2(kinerja_values), mean2(anggaran_values)
    assert mean_k is not None and mean_a is not None
    body.append((("total",), ["", "TOTAL EFISIENSI PENGGUNAAN SUMBER DAYA BERDASARKAN "
                              "REALISASI PER KEGIATAN", "", pct2(mean_k), pct2(mean_a),
                              pct2(mean_k - mean_a)]))
    return _table("efficiency", "Tabel 3.5",
                  ["Efisiensi Penggunaan Sumber Daya",
                   f"Kecamatan {fig.kecamatan} Tahun {fig.year}"],
                  [["NO", "SASARAN, PROGRAM, KEGIATAN", "INDIKATOR", "% CAPAIAN KINERJA",
                    "% CAPAIAN ANGGARAN", "TINGKAT EFISIENSI"]], body)


def _budget(fig: ReportFigures) -> TableBlock:
    body: list[tuple[Tag, list[str]]] = []
    for p, program in enumerate(fig.programs):
        k = program.kinerja
        body.append((("program", p), [
            f"Program: {program.name}", k.indicator, kinerja_value(k, k.target),
            amount(program.pagu), amount(program.realisasi), "",
            pct2(serapan(program.pagu, program.realisasi))]))
        for j, keg in enumerate(program.kegiatan):
            kk = keg.kinerja
            body.append((("kegiatan", p, j), [
                f"Kegiatan: {keg.name}", kk.indicator, kinerja_value(kk, kk.target),
                amount(keg.pagu), amount(keg.realisasi), "", pct2(keg.serapan)]))
    body.append((("total",), ["JUMLAH", "", "", amount(fig.pagu), amount(fig.realisasi), "",
                              pct2(serapan(fig.pagu, fig.realisasi))]))
    return _table("budget", "Tabel 3.6",
                  ["Program, Kegiatan, Anggaran dan Realisasi",
                   f"Kecamatan {fig.kecamatan} Tahun {fig.year}"],
                  [["Program/Kegiatan", "Indikator", "Target", "Pagu Anggaran", "Realisasi",
                    "Menunjang /Kurang", "Prosentase"]], body)


def _sakip_lead(fig: ReportFigures) -> Para:
    total = sum(fig.sakip_components, Decimal(0))
    return Para(f"Evaluasi akuntabilitas kinerja Kecamatan {fig.kecamatan} tahun {fig.year} "
                f"menghasilkan nilai {format_number(total, 2)} dengan predikat {grade(total)}. "
                "Nilai tersebut tersusun dari empat komponen berikut.", key="sakip_lead")


def _sakip_table(fig: ReportFigures) -> TableBlock:
    body: list[tuple[Tag, list[str]]] = []
    for i, ((name, weight), value) in enumerate(
            zip(SAKIP_WEIGHTS, fig.sakip_components, strict=True)):
        body.append((("komponen", i), ["abcd"[i], name, f"{weight}%" if i == 3 else f"{weight} %",
                                       format_number(value, 2)]))
    total = sum(fig.sakip_components, Decimal(0))
    body.append((("total",), ["Hasil Evaluasi Akuntabilitas Kinerja", "", "",
                              format_number(total, 2)]))
    return _table("sakip", "Tabel 3.7",
                  ["Nilai Hasil Evaluasi SAKIP per Komponen",
                   f"Kecamatan {fig.kecamatan} Tahun {fig.year}"],
                  [["No", "Komponen", "Bobot", "Nilai Hasil Evaluasi"]], body)
