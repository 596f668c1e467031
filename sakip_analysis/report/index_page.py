"""reports/index.html: every report of a batch, grouped, with its status, linked relatively so
the folder can be zipped, mailed or opened from disk."""

from __future__ import annotations

import html
import os
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from sakip_analysis.errors import SakipError
from sakip_analysis.formatting import fmt_duration
from sakip_analysis.report.html_export import page, table_of_contents, write_atomic

REQUIRED = ("output", "title", "group", "kind", "status")
#: status → (label shown to the analyst, CSS class)
STATUS_LABELS = {
    "ok": ("berhasil", "ok"),
    "skipped": ("berhasil (tidak berubah)", "ok"),
    "failed": ("gagal", "bad"),
    "timeout": ("waktu habis", "bad"),
}

INDEX_CSS = """<style>
table.index { border-collapse: collapse; width: 100%; font-size: .9rem; margin-bottom: 1.5rem; }
table.index th, table.index td { border: 1px solid var(--line); padding: .3rem .5rem;
  text-align: left; vertical-align: top; }
table.index thead th { background: #f6f8fa; }
table.index td.num { text-align: right; white-space: nowrap; }
.status { font-weight: 700; white-space: nowrap; }
.status.ok { color: #1a7f37; } .status.bad { color: var(--bad); }
tr.bad td { background: var(--badbg); }
p.summary { font-size: 1rem; }
</style>
"""


def _text(value: object) -> str:
    """A cell as text; NaN/None (a row without that field) become empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _href(path: object, reports_dir: Path) -> str | None:
    """A relative, URL-quoted link from index.html to `path` (None when there is no file)."""
    target = _text(path)
    if not target:
        return None
    full = Path(target) if Path(target).is_absolute() else reports_dir / target
    rel = os.path.relpath(full, reports_dir)
    return quote(Path(rel).as_posix())


def _summary(status: pd.DataFrame) -> str:
    counts = status["status"].value_counts()
    ok, same = int(counts.get("ok", 0)), int(counts.get("skipped", 0))
    bad, late = int(counts.get("failed", 0)), int(counts.get("timeout", 0))
    return (f"{len(status)} laporan: {ok + same} berhasil ({same} tidak berubah sejak proses "
            f"sebelumnya), {bad} gagal, {late} waktu habis.")


def _table(rows: pd.DataFrame, reports_dir: Path) -> str:
    lines = ['<table class="index">', "<thead><tr><th>Laporan</th><th>Jenis</th><th>Status</th>"
             "<th>Keterangan</th><th>Durasi</th></tr></thead>", "<tbody>"]
    for row in rows.to_dict("records"):
        code = _text(row["status"])
        label, css = STATUS_LABELS.get(code, (code or "tidak diketahui", "bad"))
        title = html.escape(_text(row["title"]) or _text(row["output"]))
        link = _href(row.get("html_path"), reports_dir)
        report = f'<a href="{html.escape(link)}">{title}</a>' if link else title
        seconds = row.get("seconds")
        duration = fmt_duration(seconds) if _text(seconds) and code != "skipped" else ""
        lines.append(
            f'<tr class="{css}"><td>{report}</td><td>{html.escape(_text(row["kind"]))}</td>'
            f'<td><span class="status {css}">{html.escape(label)}</span></td>'
            f"<td>{html.escape(_text(row.get('error')))}</td>"
            f'<td class="num">{duration}</td></tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def write_index(status: pd.DataFrame, reports_dir: Path, title: str = "Laporan SAKIP",
                synthetic: bool = False) -> Path:
    """Write `reports_dir/index.html` from run_batch's status table (plus any rows of the same
    shape, e.g. documents that could not be read); groups keep their first-seen order."""
    missing = [c for c in REQUIRED if c not in status.columns]
    if missing:
        raise SakipError(f"status table for {reports_dir}/index.html lacks columns: "
                         f"{', '.join(missing)}")
    reports_dir = Path(reports_dir).resolve()
    now = datetime.now()
    sections = []
    groups = status["group"].map(_text)
    for group in dict.fromkeys(groups):
        rows = status[groups == group]
        sections.append(f"<section>\n<h2>{html.escape(group or 'Lainnya')}</h2>\n"
                        f"{_table(rows, reports_dir)}\n</section>")
    body, toc = table_of_contents("\n".join(sections))
    generated = now.strftime("%Y-%m-%d %H:%M")
    content = (f'<p class="summary">{html.escape(_summary(status))}</p>\n{toc}\n'
               f"<main>\n{body or '<p>Belum ada laporan.</p>'}\n</main>")
    text = page(title, content, provenance=f"Indeks dibuat {generated}", synthetic=synthetic,
                extra_head=INDEX_CSS, generated=now)
    target = reports_dir / "index.html"
    write_atomic(target, text)
    return target
