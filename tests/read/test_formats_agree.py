"""The same tables give the same tidy figures from a text export, a Word file and a PDF."""

import pytest
from doc_builders import (
    KINERJA_ANGGARAN_HEADER,
    KINERJA_ANGGARAN_ROWS,
    TABEL_3_2_1,
    build_docx,
    build_pdf,
    jogoroto_blocks,
)

from sakip_analysis.read.extract import extract_paths


def text_export(blocks) -> str:
    """The blocks as a Word text export prints them: caption, title lines, tab-separated rows."""
    lines: list[str] = []
    for block in blocks:
        if block[0] in ("paragraph", "heading"):
            lines += [block[1], ""]
        elif block[0] == "table":
            _, caption, title, rows, *_ = block
            if block is TABEL_3_2_1:
                rows = [*KINERJA_ANGGARAN_HEADER, *KINERJA_ANGGARAN_ROWS]
            if caption:
                lines.append(caption)
            lines += [title] if isinstance(title, str) else list(title or [])
            lines.append("")
            lines += ["\t".join(c if isinstance(c, str) else c[0] for c in row) for row in rows]
            lines.append("")
    return "\n".join(lines)


FIGURES = {
    "indicators": ["table_kind", "level", "indicator", "target_raw", "realisasi_raw",
                   "capaian_reported_raw", "period_year"],
    "budget": ["table_kind", "level", "name", "parent", "pagu_raw", "realisasi_raw",
               "serapan_reported_raw", "pagu", "realisasi"],
    "sakip_components": ["component", "bobot_raw", "nilai_raw"],
}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    blocks = jogoroto_blocks()
    txt = folder / "jogoroto.txt"
    txt.write_text(text_export(blocks), encoding="utf-8")
    docx = build_docx(folder / "jogoroto.docx", blocks)
    pdf = build_pdf(folder / "jogoroto.pdf", blocks, landscape=True)
    out = {}
    for path in (txt, docx, pdf):
        result = extract_paths([path])
        assert not result.failed, result.failed
        out[path.suffix] = result.tables
    return out


@pytest.mark.parametrize("fmt", [".docx", ".pdf"])
@pytest.mark.parametrize("table", sorted(FIGURES))
def test_same_figures_as_the_text_export(extracted, fmt, table):
    columns = FIGURES[table]
    expected = extracted[".txt"][table][columns].reset_index(drop=True)
    got = extracted[fmt][table][columns].reset_index(drop=True)
    assert len(expected) > 0
    assert got.astype(str).to_dict("records") == expected.astype(str).to_dict("records")


def test_figures_are_the_reference_ones(extracted):
    for tables in extracted.values():
        iku = tables["indicators"][tables["indicators"]["table_kind"] == "iku"]
        assert iku["capaian_reported_raw"].tolist() == ["94,22", "103%", "103%"]
        budget = tables["budget"]
        total = budget[(budget["table_kind"] == "budget") & (budget["level"] == "total")]
        assert total["pagu"].tolist() == [2954994511.0]
        assert set(tables["tables"]["kecamatan"]) == {"Jogoroto"}
