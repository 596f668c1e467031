"""Executed notebook → one self-contained HTML file an analyst can open from an e-mail.

nbconvert's "lab" and "classic" templates inline ~270 KiB of CSS in every file and link
require.js, MathJax and mermaid from a CDN, which an offline reader cannot load. The "basic"
template gives only the cells' markup (≈2 KiB for a small report, PNG figures already embedded
as base64), so we wrap it in our own page: a few KiB of CSS, a title, the data's provenance,
an optional demo-data banner, a status box when the run failed and a table of contents.
"""

from __future__ import annotations

import copy
import functools
import html
import os
import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from sakip_analysis.formatting import SYNTHETIC_BANNER

#: Cell tag of the notebook cell that shows the synthetic-data banner; the page header shows
#: the banner instead (once, from the job's `synthetic` flag).
BANNER_TAG = "sakip-banner"

#: Cell tag papermill puts on the English error banners it inserts; we show our own instead.
PAPERMILL_ERROR_TAG = "papermill-error-cell-tag"
_IMG_WITHOUT_ALT = re.compile(r"(<img)(?=[\s/>])(?![^>]*\salt\s*=)", re.IGNORECASE)
"""An image tag with no alt attribute (every chart: IPython's Image carries none). An
attribute follows whitespace; base64 data never holds any, so `…+alt=` in a PNG's data is
not taken for one."""
#: Anchor of the marker placed just before the cell where execution stopped.
STOP_ANCHOR = "sel-berhenti"

CSS = """
:root { --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bad: #b42318; --badbg: #fef3f2; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg);
  max-width: 1100px; margin: 0 auto; padding: 1.5rem; line-height: 1.5; }
h1.report-title { margin: 0 0 .25rem; font-size: 1.8rem; }
p.provenance { margin: 0 0 1rem; color: var(--muted); font-size: .9rem; }
.banner-synthetic { background: #fff4ce; border: 2px solid #c69026; color: #6b4600;
  padding: .6rem 1rem; font-weight: 700; margin-bottom: 1rem; border-radius: 6px; }
.run-status { background: var(--badbg); border: 2px solid var(--bad); color: var(--bad);
  padding: .75rem 1rem; margin: 1rem 0; border-radius: 6px; }
.run-status pre { color: var(--fg); background: #fff; padding: .5rem; overflow-x: auto; }
.stop-marker { color: var(--bad); font-weight: 700; border-top: 2px solid var(--bad);
  padding-top: .5rem; margin-top: 1rem; }
nav.toc { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem;
  margin: 1rem 0 1.5rem; background: #f6f8fa; }
nav.toc h2 { font-size: 1rem; margin: .25rem 0; }
nav.toc ul { list-style: none; margin: 0; padding: 0; }
nav.toc li.toc-h2 { padding-left: 1.2rem; } nav.toc li.toc-h3 { padding-left: 2.4rem; }
a.anchor-link { display: none; }
pre { white-space: pre-wrap; font-size: .85rem; }
.output_stderr pre { background: #fff8e6; }
.output_error pre { background: var(--badbg); padding: .5rem; }
img { max-width: 100%; height: auto; }
table.dataframe { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; }
table.dataframe th, table.dataframe td { border: 1px solid var(--line); padding: .2rem .5rem; }
table.dataframe thead th { background: #f6f8fa; }
table.dataframe tbody tr:nth-child(even) { background: #fafbfc; }
.ansi-red-fg, .ansi-red-intense-fg { color: #c62828; } .ansi-green-fg { color: #2e7d32; }
.ansi-green-intense-fg { color: #1b5e20; } .ansi-cyan-fg { color: #00838f; }
.ansi-yellow-fg { color: #9a6700; } .ansi-blue-fg, .ansi-blue-intense-fg { color: #1565c0; }
.ansi-bold { font-weight: 700; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; border-top: 1px solid
  var(--line); padding-top: .5rem; }
"""

def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: mkstemp creates 0600 files; reports should get the permissions any new file would.
_FILE_MODE = 0o666 & ~_current_umask()

_HEADING = re.compile(r"<h([1-3])\b([^>]*)>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)
_ID_ATTR = re.compile(r"""\bid\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_ANCHOR_LINK = re.compile(r"<a\b[^>]*class=\"anchor-link\"[^>]*>.*?</a>", re.DOTALL)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write through a temp file in the same directory and os.replace it, so a reader (or a
    killed batch) never sees half a report."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), _FILE_MODE)
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def _exporter() -> Any:
    """One exporter per process: building its Jinja environment costs more than a conversion."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class BodyExporter(HTMLExporter):
        """HTMLExporter without its last step, a BeautifulSoup pass over the whole body
        (some 700 KB for a kecamatan page, nearly all of it base64 PNG) that only adds
        `alt` to images and `tabindex` to the "lab" template's cells: 40 % of a page's
        conversion. This page is the "basic" template (no such cells), and `notebook_html`
        gives every image its alt text. The steps before it are HTMLExporter's own."""

        def from_notebook_node(self, nb: Any, resources: Any = None,
                               **kw: Any) -> tuple[str, dict[str, Any]]:
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return BodyExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True, embed_images=True)


def stopped_cell(nb: Any) -> int | None:
    """Index of the cell where execution stopped: the one papermill marked with an exception,
    else (timeout, dead kernel: papermill marks nothing) the last cell that had started."""
    started = None
    for i, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {}).get("papermill", {})
        if meta.get("exception"):
            return i
        if meta.get("start_time"):
            started = i
    return started


def _without_banners(nb: Any, synthetic: bool) -> Any:
    """Without papermill's English error banners and, when the page header carries the
    synthetic-data banner, without the notebook's own banner cell (tagged, never sniffed)."""
    drop = {PAPERMILL_ERROR_TAG, BANNER_TAG} if synthetic else {PAPERMILL_ERROR_TAG}
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if not drop & set(c.get("metadata", {}).get("tags", []))]
    return nb


def _mark_stop(nb: Any, index: int) -> None:
    from nbformat.v4 import new_markdown_cell

    marker = (f'<div id="{STOP_ANCHOR}" class="stop-marker">Eksekusi berhenti pada sel di bawah '
              "ini; sel sesudahnya tidak dijalankan.</div>")
    nb.cells.insert(index, new_markdown_cell(marker))


def table_of_contents(body: str) -> tuple[str, str]:
    """(body with an id on every h1–h3, the table-of-contents markup). nbconvert already gives
    markdown headings ids (`Judul-Satu`); headings without one get `bagian-N`."""
    entries: list[tuple[int, str, str]] = []
    used: set[str] = set()

    def visit(match: re.Match[str]) -> str:
        level, attrs, inner = int(match.group(1)), match.group(2), match.group(3)
        text = html.unescape(_TAG.sub("", _ANCHOR_LINK.sub("", inner))).strip()
        found = _ID_ATTR.search(attrs)
        anchor = html.unescape(found.group(1)) if found else ""
        if not anchor or anchor in used:
            anchor = f"bagian-{len(entries) + 1}"
            attrs = _ID_ATTR.sub("", attrs) + f' id="{anchor}"'
        used.add(anchor)
        if text:
            entries.append((level, anchor, text))
        return f"<h{level}{attrs}>{inner}</h{level}>"

    body = _HEADING.sub(visit, body)
    if not entries:
        return body, ""
    top = min(level for level, _, _ in entries)  # a report without an h1 starts flush left
    items = "\n".join(
        f'<li class="toc-h{level - top + 1}"><a href="#{html.escape(anchor)}">'
        f"{html.escape(text)}</a></li>" for level, anchor, text in entries)
    return body, f'<nav class="toc"><h2>Daftar Isi</h2>\n<ul>\n{items}\n</ul></nav>'


def status_box(status: str, error: str, source: str | None = None) -> str:
    """The red box on top of a report whose notebook did not finish."""
    if status in ("ok", "skipped"):
        return ""
    headline = {"timeout": "Notebook dihentikan karena melewati batas waktu.",
                "failed": "Notebook gagal dijalankan."}.get(status, "Notebook tidak selesai.")
    parts = [f'<div class="run-status" role="alert"><strong>{html.escape(headline)}</strong>',
             f"<p>Kesalahan: {html.escape(error or 'tidak diketahui')}</p>"]
    if source is not None:
        parts.append(f'<p><a href="#{STOP_ANCHOR}">Lihat tempat eksekusi berhenti</a>. Hasil di '
                     "bawah ini hanya sampai sel terakhir yang selesai.</p>")
        parts.append(f"<details><summary>Kode sel tersebut</summary><pre>{html.escape(source)}"
                     "</pre></details>")
    parts.append("</div>")
    return "\n".join(parts)


def page(title: str, content: str, *, provenance: str = "", synthetic: bool = False,
         extra_head: str = "", generated: datetime | None = None) -> str:
    """A complete HTML page around `content` (already HTML); every text we insert is escaped."""
    when = (generated or datetime.now()).strftime("%Y-%m-%d %H:%M")
    banner = (f'<div class="banner-synthetic" role="note">{html.escape(SYNTHETIC_BANNER)}</div>'
              if synthetic else "")
    prov = f'<p class="provenance">{html.escape(provenance)}</p>' if provenance else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n{extra_head}</head>\n"
        f"<body>\n<header>\n{banner}\n<h1 class=\"report-title\">{html.escape(title)}</h1>\n"
        f"{prov}\n</header>\n{content}\n"
        f"<footer>Dibuat {html.escape(when)} oleh sakip-analysis.</footer>\n</body>\n</html>\n")


def notebook_html(nb: Any | None, *, title: str, provenance: str = "", synthetic: bool = False,
                  status: str = "ok", error: str = "") -> str:
    """The report page of an executed notebook (or of a run that produced none): no code,
    figures embedded, a table of contents, and where it stopped when it did not finish."""
    body, source = "", None
    if nb is not None:
        nb = _without_banners(nb, synthetic)
        stop = stopped_cell(nb) if status not in ("ok", "skipped") else None
        if stop is not None:  # what follows never ran: its headings would only mislead
            source = "".join(nb.cells[stop].get("source", ""))
            nb.cells = nb.cells[: stop + 1]
            _mark_stop(nb, stop)
        body, _ = _exporter().from_notebook_node(nb)
        body = _IMG_WITHOUT_ALT.sub(r'\1 alt="Gambar"', body)
    body, toc = table_of_contents(body)
    content = "\n".join(part for part in (status_box(status, error, source), toc,
                                          f'<main class="report">\n{body}\n</main>') if part)
    return page(title, content, provenance=provenance, synthetic=synthetic)
