"""The synthetic demo kabupaten: complete, reproducible, in the reference layout, internally
consistent when clean, and every planted inconsistency recorded where it really is.

The consistency checks below are an independent re-computation (Decimal from the parsed
cells, half-up rounding to the decimals printed), not the generator's own functions.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pandas as pd
import pytest
from num2words import num2words

from sakip_analysis.demo import KECAMATAN_JOMBANG, SYNTHETIC_MARKER, DemoError, generate_demo
from sakip_analysis.demo.__main__ import main
from sakip_analysis.read.document import Document, Table
from sakip_analysis.read.extract import extract_paths, identity_of
from sakip_analysis.read.numbers import parse_number
from sakip_analysis.read.readers.text_reader import read_text

YEARS = (2022, 2023, 2024)
CAPTIONS = ["Tabel 2.1", "Tabel 3.1", "Tabel 3.2", "Tabel 3.3", "Tabel 3.4", "Tabel 3.5",
            "Tabel 3.6", "Tabel 3.7"]
FAMILIES = {"ratio", "difference", "sum", "average", "cross-table", "narrative", "counts",
            "time", "structure", "across-reports"}
AMOUNT = re.compile(r"^\d{1,3}(\.\d{3})*(,00)?$")
PERCENT = re.compile(r"^-?\d+(,\d{2})?%$")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    out = tmp_path_factory.mktemp("demo")
    return out, generate_demo(out)


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[tuple[str, int], Document]:
    out = tmp_path_factory.mktemp("clean")
    manifest = generate_demo(out, formats=("txt",), inject=False)
    assert manifest.empty
    return {(k, y): read_text(out / str(y) / f"{_slug(k)}.txt")
            for k in KECAMATAN_JOMBANG for y in YEARS}


@pytest.fixture(scope="module")
def injected_txt(tmp_path_factory) -> tuple[Path, pd.DataFrame]:
    out = tmp_path_factory.mktemp("injected")
    return out, generate_demo(out, formats=("txt",))


def _slug(k: str) -> str:
    return k.lower().replace(" ", "-")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


# --- completeness, identity, determinism ---------------------------------------------------

def test_every_kecamatan_and_year_written_once(demo):
    out, _ = demo
    docs = sorted(p.relative_to(out).as_posix() for p in out.glob("*/*.*"))
    assert len(docs) == 21 * 3
    stems = {(p.split("/")[0], p.split("/")[1].rsplit(".", 1)[0]) for p in docs}
    assert stems == {(str(y), _slug(k)) for k in KECAMATAN_JOMBANG for y in YEARS}
    assert "2022/bandar-kedung-mulyo.txt" in docs or "2022/bandar-kedung-mulyo.docx" in docs
    assert sum(p.endswith(".docx") for p in docs) == 3
    assert not list(out.rglob("*.md"))  # nothing else a reader would pick up as a report


def test_title_page_marks_every_document_synthetic(clean):
    for (k, y), doc in clean.items():
        lines = doc.path.read_text(encoding="utf-8").splitlines()[:12]
        assert SYNTHETIC_MARKER in lines
        assert (doc.kecamatan, doc.kabupaten, doc.year) == (k, "Jombang", y)
        assert identity_of(doc)["data_source"] == "sintetis"


def test_synthetic_jogoroto_stays_apart_from_the_real_report(clean, reference_txt):
    synthetic = identity_of(clean[("Jogoroto", 2024)])
    real = identity_of(read_text(reference_txt))
    assert (synthetic["kecamatan"], synthetic["year"]) == (real["kecamatan"], real["year"])
    assert (synthetic["data_source"], real["data_source"]) == ("sintetis", "laporan")


def test_same_seed_same_bytes_other_seed_other_figures(tmp_path):
    some = ["Kabuh", "Wonosalam"]
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate_demo(a, kecamatan=some)
    generate_demo(b, kecamatan=some)
    generate_demo(c, kecamatan=some, seed=7)
    files_a, files_b, files_c = _files(a), _files(b), _files(c)
    assert any(name.endswith(".docx") for name in files_a)
    assert files_a == files_b
    docs = [n for n in files_a if n.endswith(".txt")]
    assert all(files_a[n] != files_c.get(n) for n in docs)


def test_a_subset_gets_the_same_figures_as_the_full_run(tmp_path, clean):
    generate_demo(tmp_path, kecamatan=["ploso"], formats=("txt",), inject=False)
    for y in YEARS:
        alone = (tmp_path / str(y) / "ploso.txt").read_bytes()
        assert alone == clean[("Ploso", y)].path.read_bytes()


# --- layout ---------------------------------------------------------------------------------

HEADERS = {
    "Tabel 2.1": [["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET"]],
    "Tabel 3.1": [["Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"]],
    "Tabel 3.4": [["SASARAN, PROGRAM, KEGIATAN", "INDIKATOR", "KINERJA", "", "", "ANGGARAN", "",
                   ""],
                  ["", "", "TARGET", "REALISASI", "CAPAIAN", "TARGET", "REALISASI", "CAPAIAN"]],
    "Tabel 3.5": [["NO", "SASARAN, PROGRAM, KEGIATAN", "INDIKATOR", "% CAPAIAN KINERJA",
                   "% CAPAIAN ANGGARAN", "TINGKAT EFISIENSI"]],
    "Tabel 3.6": [["Program/Kegiatan", "Indikator", "Target", "Pagu Anggaran", "Realisasi",
                   "Menunjang /Kurang", "Prosentase"]],
    "Tabel 3.7": [["No", "Komponen", "Bobot", "Nilai Hasil Evaluasi"]],
}


def test_every_table_found_with_caption_title_and_header(clean):
    for (k, y), doc in clean.items():
        tables = doc.tables
        assert [t.caption for t in tables] == CAPTIONS
        assert all(t.title for t in tables)
        by = {t.caption: t for t in tables}
        for caption, header in HEADERS.items():
            assert [r.cells for r in by[caption].header] == header, (k, y, caption)
        assert [r.cells for r in by["Tabel 3.2"].header] == [
            ["No", "IKU", "Satuan", f"Tahun {y - 2}", "", "%", f"Tahun {y - 1}", "", "%",
             f"Tahun {y}", "", "%"],
            ["", "", "", "Target", "Realisasi", "", "Target", "Realisasi", "", "Target",
             "Realisasi", ""]]
        assert [r.cells for r in by["Tabel 3.3"].header] == [[
            "Uraian", f"Realisasi Kec {k}", "Realisasi Kabupaten", "Realisasi Propinsi",
            "% Realisasi dg Propinsi"]]
        assert by["Tabel 3.1"].rows[-1].cells[0] == "Rata-rata capaian IKU"
        assert by["Tabel 3.6"].rows[-1].cells[0] == "JUMLAH"
        assert by["Tabel 3.7"].rows[-1].cells[0] == "Hasil Evaluasi Akuntabilitas Kinerja"


def test_figures_printed_the_indonesian_way(clean):
    amounts = percents = 0
    for doc in clean.values():
        by = {t.caption: t for t in doc.tables}
        for row in by["Tabel 3.6"].rows:
            for cell in (row.cells[3], row.cells[4]):
                assert cell == "-" or AMOUNT.match(cell), cell
                amounts += cell != "-"
            assert row.cells[6] == "-" or PERCENT.match(row.cells[6]), row.cells[6]
            percents += 1
        for row in by["Tabel 3.1"].rows[:-1]:
            assert re.fullmatch(r"\d+(,\d{2})?|100%", row.cells[4]), row.cells[4]
    assert amounts > 1000 and percents > 500


def test_realistic_variety(clean):
    totals, kegiatan, serapan, grades, capaian = [], [], [], set(), []
    negative = missing = 0
    for doc in clean.values():
        by = {t.caption: t for t in doc.tables}
        jumlah = by["Tabel 3.6"].rows[-1].cells
        totals.append(_amount(jumlah[3]))
        for row in by["Tabel 3.6"].rows[:-1]:
            if row.cells[0].startswith("Kegiatan") and row.cells[3] != "-":
                kegiatan.append(_amount(row.cells[3]))
                serapan.append(_num(row.cells[6]))
        score = _num(by["Tabel 3.7"].rows[-1].cells[3])
        grades.add("A" if score > 80 else "BB" if score > 70 else "B" if score > 60 else "CC")
        capaian += [_num(r.cells[4]) for r in by["Tabel 3.1"].rows[:-1]]
        negative += any("semakin rendah" in r.cells[1] for r in by["Tabel 3.1"].rows)
        missing += sum(c == "-" for r in by["Tabel 3.2"].rows for c in r.cells)
    assert min(totals) < 1_000_000_000 < 2_000_000_000 < max(totals)
    assert min(kegiatan) < 10_000_000 and max(kegiatan) > 1_000_000_000
    assert min(serapan) >= 60 and max(serapan) <= 100
    assert grades == {"A", "BB", "B", "CC"}
    assert min(capaian) < 76 and max(capaian) > 100
    assert 10 < negative < 63 and missing > 0


# --- an independent consistency check -------------------------------------------------------

def _num(cell: str) -> Decimal:
    value = parse_number(cell).value
    assert value is not None, cell
    return value


def _amount(cell: str) -> Decimal:
    value = parse_number(cell, "amount").value
    return Decimal(0) if value is None else value


def _r2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _ratio(part: Decimal, whole: Decimal, negative: bool = False) -> Decimal:
    return _r2(((2 * whole - part) if negative else part) / whole * 100)


def _mean(values: list[Decimal]) -> Decimal:
    return _r2(sum(values, Decimal(0)) / len(values))


def _iku_rows(doc: Document) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    table = next(t for t in doc.tables if t.caption == "Tabel 3.1" and "Capaian" in t.title)
    return {r.cells[1]: (_num(r.cells[2]), _num(r.cells[3]), _num(r.cells[4]))
            for r in table.rows[:-1]}


def problems(doc: Document) -> set[int]:
    """Lines of everything that does not add up inside one report."""
    bad: set[int] = set()
    y = doc.year
    assert y is not None
    tables = doc.tables
    seen: dict[str, int] = {}
    for t in tables:
        if t.caption in seen:
            bad.add(t.line)
        seen.setdefault(t.caption or "", t.line)
        years = [int(v) for v in re.findall(r"\b20\d\d\b", t.title)]
        if t.title.startswith("Analisis"):
            if years != [y - 2, y - 1, y]:
                bad.add(t.line + 2)
        elif years != [y]:
            bad.add(t.line + 2)

    def by(prefix: str) -> Table:
        return next(t for t in tables if t.title.startswith(prefix))

    iku_table = by("Capaian Indikator Kinerja Utama")
    iku: dict[str, tuple[Decimal, Decimal, Decimal]] = {}
    for row in iku_table.rows[:-1]:
        t, r, c = (_num(x) for x in row.cells[2:5])
        iku[row.cells[1]] = (t, r, c)
        if c != _ratio(r, t, "semakin rendah" in row.cells[1]):
            bad.add(row.line)
    average = iku_table.rows[-1]
    if _num(average.cells[4]) != _mean([v[2] for v in iku.values()]):
        bad.add(average.line)

    for row in by("Perjanjian Kinerja").rows:
        if _num(row.cells[3]) != iku[row.cells[2]][0]:
            bad.add(row.line)

    multi = by("Analisis Pencapaian IKU")
    if [c for c in multi.header[0].cells if c.startswith("Tahun")] != [
            f"Tahun {y - 2}", f"Tahun {y - 1}", f"Tahun {y}"]:
        bad.add(multi.header[0].line)
    columns: dict[int, list[Decimal]] = {3: [], 6: [], 9: []}
    for row in multi.rows[:-1]:
        for col, values in columns.items():
            if row.cells[col] == "-":
                continue
            t, r, c = (_num(x) for x in row.cells[col:col + 3])
            values.append(c)
            if c != _ratio(r, t, "semakin rendah" in row.cells[1]):
                bad.add(row.line)
        if tuple(_num(x) for x in row.cells[9:12]) != iku[row.cells[1]]:
            bad.add(row.line)
    for col, values in columns.items():
        stated = multi.rows[-1].cells[col + 2]
        if stated != ("N/A" if not values else None) and (
                not values or _num(stated) != _mean(values)):
            bad.add(multi.rows[-1].line)
    if _num(multi.rows[-1].cells[11]) != _num(average.cells[4]):
        bad.add(multi.rows[-1].line)

    realisasi = {name.split(" Kecamatan")[0]: v[1] for name, v in iku.items()}
    for row in by("Perbandingan Realisasi SAKIP, IKPP dan PATEN").rows:
        if _num(row.cells[1]) != realisasi[row.cells[0]]:
            bad.add(row.line)
        if row.cells[3] != "-" and _num(row.cells[4]) != _ratio(_num(row.cells[1]),
                                                                _num(row.cells[3])):
            bad.add(row.line)

    perf = by("Pencapaian Kinerja dan Anggaran")
    perf_values: dict[str, tuple[Decimal | None, Decimal | None]] = {}
    perf_money: dict[str, tuple[Decimal, Decimal, int]] = {}
    sasaran_rows: list[tuple[int, Decimal, Decimal, list[str]]] = []
    program_rows: list[tuple[str, int, Decimal, Decimal, list[str]]] = []
    for row in perf.rows[:-1]:
        label, cells = row.cells[0], row.cells
        if cells[2] and cells[4] != "-" and _num(cells[4]) != _ratio(_num(cells[3]),
                                                                     _num(cells[2])):
            bad.add(row.line)
        if label and cells[5] != "-":
            pagu, spent = _amount(cells[5]), _amount(cells[6])
            if _num(cells[7]) != _ratio(spent, pagu):
                bad.add(row.line)
            perf_money[label] = (pagu, spent, row.line)
        perf_values[label or cells[1]] = (
            None if cells[4] == "-" else _num(cells[4]),
            None if cells[7] in ("", "-") else _num(cells[7]))
        if label.startswith("Sasaran"):
            sasaran_rows.append((row.line, _amount(cells[5]), _amount(cells[6]), []))
        elif label.startswith("Program"):
            program_rows.append((label, row.line, _amount(cells[5]), _amount(cells[6]), []))
            sasaran_rows[-1][3].append(label)
        elif label.startswith("Kegiatan"):
            program_rows[-1][4].append(label)
        if label.startswith("Sasaran") and (
                _num(cells[2]), _num(cells[3]), _num(cells[4])) != iku[cells[1]]:
            bad.add(row.line)
    for _label, line, pagu, spent, kegiatan in program_rows:
        if (pagu, spent) != (sum(perf_money.get(k, (0, 0, 0))[0] for k in kegiatan),
                             sum(perf_money.get(k, (0, 0, 0))[1] for k in kegiatan)):
            bad.add(line)
    for line, pagu, spent, programs in sasaran_rows:
        if (pagu, spent) != (sum(perf_money[p][0] for p in programs),
                             sum(perf_money[p][1] for p in programs)):
            bad.add(line)
    total = perf.rows[-1]
    if (_amount(total.cells[5]), _amount(total.cells[6])) != (
            sum(s[1] for s in sasaran_rows), sum(s[2] for s in sasaran_rows)):
        bad.add(total.line)

    eff = by("Efisiensi Penggunaan Sumber Daya")
    kin_values, ang_values = [], []
    for row in eff.rows[:-1]:
        label, cells = row.cells[1], row.cells
        key = label or cells[2]
        kin = None if cells[3] == "-" else _num(cells[3])
        ang = None if cells[4] in ("", "-") else _num(cells[4])
        if (kin, ang) != perf_values[key]:
            bad.add(row.line)
        if label.startswith("Kegiatan") and kin is not None and ang is not None:
            kin_values.append(kin)
            ang_values.append(ang)
        if kin is not None and ang is not None and _num(cells[5]) != kin - ang:
            bad.add(row.line)
    last = eff.rows[-1].cells
    if (_num(last[3]), _num(last[4]), _num(last[5])) != (
            _mean(kin_values), _mean(ang_values), _mean(kin_values) - _mean(ang_values)):
        bad.add(eff.rows[-1].line)

    budget = by("Program, Kegiatan, Anggaran dan Realisasi")
    n_program = n_kegiatan = 0
    program_sum: list[tuple[int, Decimal, Decimal, Decimal, Decimal]] = []
    for row in budget.rows[:-1]:
        label, cells = row.cells[0], row.cells
        pagu, spent = _amount(cells[3]), _amount(cells[4])
        if cells[3] != "-" and _num(cells[6]) != _ratio(spent, pagu):
            bad.add(row.line)
        if label.startswith("Program"):
            n_program += 1
            program_sum.append((row.line, pagu, spent, Decimal(0), Decimal(0)))
        else:
            n_kegiatan += 1
            line, p, s, kp, ks = program_sum[-1]
            program_sum[-1] = (line, p, s, kp + pagu, ks + spent)
            if label in perf_money and perf_money[label][:2] != (pagu, spent):
                bad.update({row.line, perf_money[label][2]})
    for line, p, s, kp, ks in program_sum:
        if (p, s) != (kp, ks):
            bad.add(line)
    jumlah = budget.rows[-1]
    stated_total = (_amount(jumlah.cells[3]), _amount(jumlah.cells[4]))
    if stated_total != (sum(p[1] for p in program_sum), sum(p[2] for p in program_sum)) or (
            _num(jumlah.cells[6]) != _ratio(*reversed(stated_total))):
        bad.add(jumlah.line)

    sakip = by("Nilai Hasil Evaluasi SAKIP per Komponen")
    parts = [(_num(r.cells[2]), _num(r.cells[3])) for r in sakip.rows[:-1]]
    if any(v > w for w, v in parts) or sum(v for _w, v in parts) != _num(
            sakip.rows[-1].cells[3]) or _num(sakip.rows[-1].cells[3]) != iku["Nilai SAKIP"][1]:
        bad.add(sakip.rows[-1].line)

    for p in doc.paragraphs:
        text = p.text
        if (m := re.search(r"memuat (\d+) \(([a-z ]+)\) indikator", text)) and (
                int(m[1]) != len(iku) or m[2] != num2words(int(m[1]), lang="id")):
            bad.add(p.line)
        if (m := re.search(r"Rata-rata capaian indikator .* adalah ([\d.,]+)%", text)) and \
                _num(m[1]) != _num(average.cells[4]):
            bad.add(p.line)
        if (m := re.search(r"target ([\d,]+) terealisasi ([\d,]+) dengan capaian ([\d,]+)%",
                           text)) and tuple(map(_num, m.groups())) != iku["Nilai SAKIP"]:
            bad.add(p.line)
        if (m := re.search(r"didukung oleh (\d+) program dan (\d+) kegiatan", text)) and (
                int(m[1]), int(m[2])) != (n_program, n_kegiatan):
            bad.add(p.line)
        if (m := re.search(r"Rp\. ([\d.]+) dengan realisasi Rp\. ([\d.]+) atau serapan "
                           r"([\d,]+)%", text)) and (
                _amount(m[1]), _amount(m[2]), _num(m[3])) != (*stated_total,
                                                             _num(jumlah.cells[6])):
            bad.add(p.line)
        if (m := re.search(r"periode (\d{4})-(\d{4})", text)) and not (
                int(m[1]) < int(m[2]) and int(m[1]) <= y <= int(m[2])):
            bad.add(p.line)
        if m := re.search(r"sebesar ([\d,]+), sedangkan .* sebesar ([\d,]+), sehingga "
                          r"terdapat selisih ([\d,]+) poin", text):
            a, b, gap = (_num(x) for x in m.groups())
            if abs(a - b) != gap or a != iku["Nilai SAKIP"][1]:
                bad.add(p.line)
    return bad


def across(now: Document, before: Document) -> set[int]:
    """Lines of the three-year table in `now` that disagree with the earlier report."""
    assert now.year is not None and before.year is not None
    multi = next(t for t in now.tables if t.title.startswith("Analisis"))
    col = 3 + 3 * (before.year - now.year + 2)
    earlier = _iku_rows(before)
    bad = set()
    for row in multi.rows[:-1]:
        if tuple(_num(x) for x in row.cells[col:col + 3]) != earlier[row.cells[1]]:
            bad.add(row.line)
    return bad


def test_clean_documents_add_up_within_and_across_reports(clean):
    for (k, y), doc in clean.items():
        assert problems(doc) == set(), (k, y)
        for earlier in (y - 1, y - 2):
            if earlier in YEARS:
                assert across(doc, clean[(k, earlier)]) == set(), (k, y, earlier)


def test_clean_documents_extract_completely(clean):
    paths = [doc.path for (k, y), doc in clean.items() if y == 2024]
    result = extract_paths(paths)
    assert not result.failed
    assert result.tables["raw_cells"].empty
    assert set(result.tables["tables"]["table_kind"]) == {
        "perjanjian_kinerja", "iku", "multi_year", "benchmark", "kinerja_anggaran",
        "efficiency", "budget", "sakip_components"}
    for name in ("indicators", "budget", "efficiency", "sakip_components", "benchmarks"):
        assert set(result.tables[name]["data_source"]) == {"sintetis"}
    assert result.tables["indicators"]["kecamatan"].nunique() == 21


# --- the manifest ---------------------------------------------------------------------------

def test_manifest_covers_every_family_and_a_share_of_documents(demo):
    out, manifest = demo
    assert set(manifest["family"]) == FAMILIES
    assert (out / "manifest.csv").read_text(encoding="utf-8").startswith(
        "kecamatan,year,file,format,family,kind,line,")
    per_doc = manifest.groupby("file").size()
    assert 0.3 * 63 <= len(per_doc) <= 0.5 * 63
    assert per_doc.between(1, 3).all()
    assert (manifest["original"] != manifest["injected"]).all()


def test_manifest_lines_hold_the_injected_values(demo):
    out, manifest = demo
    text_rows = manifest[manifest["format"] == "txt"]
    assert len(text_rows) > 20
    for row in text_rows.itertuples():
        lines = (out / row.file).read_text(encoding="utf-8").splitlines()
        line = lines[row.line - 1]
        assert row.injected in line, (row.file, row.line, row.injected)
        if pd.notna(row.column):
            assert line.split("\t")[row.column - 1] == row.injected


def test_manifest_positions_in_word_files(demo):
    out, manifest = demo
    word_rows = manifest[manifest["format"] == "docx"]
    for row in word_rows.itertuples():
        document = docx.Document(str(out / row.file))
        if pd.notna(row.paragraph):
            assert row.injected in document.paragraphs[row.paragraph - 1].text
        else:
            table = _word_cells(document.tables[row.table_index - 1])
            assert table[row.row - 1][row.column - 1] == row.injected


def test_changes_are_exactly_the_recorded_ones(clean, injected_txt, demo):
    out, manifest = injected_txt
    recorded = manifest.groupby("file")["line"].apply(set).to_dict()
    across_files = set(manifest.loc[manifest["family"] == "across-reports", "file"])
    for (k, y), doc in clean.items():
        name = f"{y}/{_slug(k)}.txt"
        before = doc.path.read_text(encoding="utf-8").splitlines()
        after = (out / name).read_text(encoding="utf-8").splitlines()
        assert len(before) == len(after)
        changed = {i + 1 for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b}
        expected = recorded.get(name, set())
        if name in across_files:  # the three-year table's average row follows the change
            average = next(t for t in read_text(out / name).tables
                           if t.title.startswith("Analisis")).rows[-1].line
            expected = expected | {average}
        assert changed == expected, name
    # the format split does not change what is planted
    key = ["kecamatan", "year", "family", "kind", "original", "injected"]
    assert manifest[key].equals(demo[1][key])


def test_an_independent_check_finds_every_injection_at_its_line(injected_txt):
    out, manifest = injected_txt
    docs = {(k, y): read_text(out / str(y) / f"{_slug(k)}.txt")
            for k in KECAMATAN_JOMBANG for y in YEARS}
    found = {key: problems(doc) for key, doc in docs.items()}
    for (k, y), doc in docs.items():
        for earlier in (y - 1, y - 2):
            if earlier in YEARS:
                found[(k, y)] |= across(doc, docs[(k, earlier)])
    for row in manifest.itertuples():
        assert row.line in found[(row.kecamatan, row.year)], (row.file, row.kind, row.line)
    untouched = set(docs) - set(zip(manifest["kecamatan"], manifest["year"], strict=True))
    assert untouched and all(problems(docs[key]) == set() for key in untouched)


# --- Word files -----------------------------------------------------------------------------

def _word_cells(table) -> list[list[str]]:
    """Cells as printed once: a merged cell's repeats (same `w:tc`) read as empty."""
    grid = [[cell._tc for cell in row.cells] for row in table.rows]
    texts = [[cell.text for cell in row.cells] for row in table.rows]
    out = []
    for r, row in enumerate(grid):
        out.append(["" if (c and row[c - 1] is tc) or (r and grid[r - 1][c] is tc)
                    else texts[r][c] for c, tc in enumerate(row)])
    return out


def test_word_file_holds_the_text_version(tmp_path):
    generate_demo(tmp_path / "w", kecamatan=["Mojowarno"], years=[2024], formats=["docx"])
    generate_demo(tmp_path / "t", kecamatan=["Mojowarno"], years=[2024], formats=["txt"])
    word = docx.Document(str(tmp_path / "w" / "2024" / "mojowarno.docx"))
    text = read_text(tmp_path / "t" / "2024" / "mojowarno.txt")
    tables: list[Table] = text.tables
    assert len(word.tables) == len(tables) == 8
    for mine, theirs in zip(word.tables, tables, strict=True):
        assert _word_cells(mine) == [r.cells for r in [*theirs.header, *theirs.rows]]
    merged = word.tables[2].rows[0].cells
    assert merged[3]._tc is merged[4]._tc  # "Tahun 2022" spans Target and Realisasi
    lines = (tmp_path / "t" / "2024" / "mojowarno.txt").read_text(encoding="utf-8").splitlines()
    prose = [line for line in lines if line and "\t" not in line]
    assert [p.text for p in word.paragraphs] == prose
    assert SYNTHETIC_MARKER in prose[:5]


# --- bad input and the command line ---------------------------------------------------------

def test_unknown_kecamatan_or_format_is_one_clear_error(tmp_path):
    with pytest.raises(DemoError, match="'Atlantis'"):
        generate_demo(tmp_path, kecamatan=["Diwek", "Atlantis"])
    with pytest.raises(DemoError, match="pdf"):
        generate_demo(tmp_path, formats=["pdf"])
    assert not list(tmp_path.iterdir())


def test_command_line(tmp_path, capsys):
    assert main([str(tmp_path), "--kecamatan", "Kudu", "--years", "2024",
                 "--formats", "txt"]) == 0
    assert (tmp_path / "2024" / "kudu.txt").exists()
    assert "1 dokumen demo sintetis" in capsys.readouterr().out
    assert main([str(tmp_path), "--kecamatan", "Nowhere"]) == 2
    assert "Nowhere" in capsys.readouterr().err
