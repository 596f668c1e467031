"""`sakip extract | check | rules | ingest | run | demo`: argument parsing and exit codes only.

Everything the analyst reads here is in Bahasa Indonesia (option names stay as they are).
Imports of pandas and the rest happen inside each command, so `sakip --help` and `sakip check`
start fast.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sakip_analysis.errors import SakipError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
"""0 done; 1 error-level findings; 2 bad input (a report failed, a dataset damaged, a wrong
option); 3 an internal error (a bug: one line and the path of a log with the traceback)."""
EXIT_INTERRUPTED = 130  # 128 + SIGINT; a SIGTERM exits 143
DEFAULT_DATA = Path("data")
DEFAULT_REPORTS = Path("reports")
SUFFIXES_TEXT = ".txt .md .docx .pdf"

#: argparse's own words, in the analyst's language.
_ARGPARSE_ID = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen posisi",
    "options": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "pilihan tidak sah: %(value)r (pilih salah satu: %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "expected one argument": "memerlukan satu nilai",
    "expected at most one argument": "memerlukan paling banyak satu nilai",
    "expected at least one argument": "memerlukan paling sedikit satu nilai",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s":
        "opsi ambigu: %(option)s bisa berarti %(matches)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
}


def _translate(text: str) -> str:
    return _ARGPARSE_ID.get(text, text)


argparse._ = _translate  # type: ignore[attr-defined]  # argparse looks `_` up at call time


class _Stopped(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: stop at once, keep what is finished."""

    signum = signal.SIGTERM


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _report_failures(failed: Sequence[tuple[str, str]]) -> None:
    for _, error in failed:
        _say(f"galat: {error}")


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    """--kecamatan/--kabupaten/--year given on the command line, for extract_paths/ingest."""
    return {k: v for k, v in (("kecamatan", args.kecamatan), ("kabupaten", args.kabupaten),
                              ("year", args.year)) if v}


def _documents(paths: Sequence[str]) -> list[Path]:
    from sakip_analysis.pipeline.ingest import find_documents

    docs = find_documents(paths)
    if not docs:
        where = ", ".join(str(p) for p in paths)
        raise SakipError(f"tidak ada laporan di {where} (dicari: berkas {SUFFIXES_TEXT})")
    return docs


def cmd_extract(args: argparse.Namespace) -> int:
    import json

    from sakip_analysis.pipeline.ingest import TEXT_TABLES
    from sakip_analysis.pipeline.limits import MAX_REPORT_BYTES
    from sakip_analysis.read.dataset import write_dataset
    from sakip_analysis.read.extract import extract_paths
    from sakip_analysis.read.schema import empty_frame

    if args.format == "csv" and not args.output:
        raise SakipError("extract: beri -o FOLDER untuk keluaran CSV, atau --format json")
    docs = _documents(args.paths)
    result = extract_paths(docs, progress=not args.quiet, max_bytes=MAX_REPORT_BYTES,
                           **_overrides(args))
    tables = result.tables
    if args.no_text:
        tables = {k: (empty_frame(k) if k in TEXT_TABLES else v) for k, v in tables.items()}
    for warning in result.warnings:
        _say(f"peringatan: {warning}")
    _report_failures(result.failed)
    if args.format == "json":
        payload = {name: json.loads(frame.to_json(orient="records", force_ascii=False))
                   for name, frame in tables.items()}
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        write_dataset(tables, Path(args.output))
        _say(f"{sum(len(v) for v in tables.values())} baris dari "
             f"{len(docs) - len(result.failed)} berkas ditulis ke {args.output}")
    return EXIT_INPUT if result.failed else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from sakip_analysis.pipeline.ingest import check_contained
    from sakip_analysis.pipeline.limits import MAX_REPORT_BYTES
    from sakip_analysis.read.extract import extract_paths
    from sakip_analysis.review.findings import filter_severity, write_findings

    docs = _documents(args.paths)
    result = extract_paths(docs, progress=False, max_bytes=MAX_REPORT_BYTES, **_overrides(args))
    checked, _, broken = check_contained(result.tables, result.tables["tables"]["source_file"])
    result.failed.extend(broken)  # a report the checker stumbled on is failed, not clean
    for warning in result.warnings:  # the same warnings `extract` shows (one read loop)
        _say(f"peringatan: {warning}")
    _report_failures(result.failed)
    if len(result.failed) == len(docs):
        if len(docs) > 1:  # one file's own line already says it all
            _say(f"tidak ada laporan yang dapat diperiksa: {len(docs)} berkas gagal dibaca")
        return EXIT_INPUT
    findings = filter_severity(checked, args.min_severity)
    if result.failed and findings.empty and args.format == "text" and not args.output:
        # "Tidak ada temuan." would read as "all clean" while a report was not checked
        _say(f"tidak ada temuan pada {len(docs) - len(result.failed)} berkas yang terbaca; "
             f"{len(result.failed)} berkas gagal dibaca dan tidak diperiksa")
        return EXIT_INPUT
    text = write_findings(findings, args.format, Path(args.output) if args.output else None,
                          tables=result.tables, root=_common_folder(args.paths))
    if text:
        print(text)
    if result.failed:
        _say(f"{len(result.failed)} berkas gagal dibaca dan tidak diperiksa")
        return EXIT_INPUT
    return EXIT_FINDINGS if (findings["severity"] == "error").any() else EXIT_OK


def _common_folder(paths: Sequence[str]) -> Path:
    """The folder the analyst named (or that holds the files named): findings name files
    relative to it."""
    folders = [str(Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent)
               for p in paths]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd()


def cmd_ingest(args: argparse.Namespace) -> int:
    from sakip_analysis.pipeline.ingest import ingest

    result = ingest(_documents(args.paths), Path(args.data), keep_text=not args.no_text,
                    force=args.force, progress=not args.quiet, say=_say, **_overrides(args))
    for warning in result.warnings:
        _say(f"peringatan: {warning}")
    _report_failures(result.failed)
    for _, reason in result.empty:
        _say(f"kosong: {reason}")
    _say(f"dibaca {len(result.extracted)}, tidak berubah {len(result.unchanged)}, "
         f"gagal {len(result.failed)}"
         + (f", dihapus {len(result.removed)}" if result.removed else ""))
    return EXIT_INPUT if result.failed else EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from sakip_analysis.pipeline.run import run

    status = run(Path(args.data), Path(args.reports), years=args.years,
                 kecamatan=args.kecamatan, n_jobs=args.jobs, force=args.force,
                 executor=args.executor, scheduler=args.scheduler, timeout=args.timeout,
                 progress=not args.quiet, kernels=args.kernels,
                 keep_notebooks=args.keep_notebooks, say=_say)
    failed = status[status["status"].isin(["failed", "timeout"])]
    for row in failed.itertuples():  # a document's error already names its file
        _say(f"gagal: {row.error}" if row.kind == "dokumen" else
             f"gagal: {row.output}: {row.error}")
    ok = len(status) - len(failed)
    _say(f"{ok} laporan siap, {len(failed)} gagal: {Path(args.reports) / 'index.html'}")
    return EXIT_INPUT if len(failed) else EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from sakip_analysis.demo import KECAMATAN_JOMBANG, generate_demo

    excluded = {k.lower() for k in args.exclude}
    kecamatan = [k for k in KECAMATAN_JOMBANG if k.lower() not in excluded]
    manifest = generate_demo(Path(args.output), seed=args.seed, kecamatan=kecamatan)
    _say(f"dokumen demo dan {len(manifest)} inkonsistensi sisipan ditulis ke {args.output}")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from sakip_analysis.review.examples import explain_rule, rule_catalogue
    from sakip_analysis.review.registry import RULES_BY_ID

    if not args.rule:
        print(rule_catalogue())
        return EXIT_OK
    rule = RULES_BY_ID.get(args.rule.strip().upper())
    if rule is None:
        raise SakipError(f"aturan {args.rule!r} tidak ada; daftar aturan: sakip rules")
    print(explain_rule(rule))
    return EXIT_OK


class _Help(argparse.RawDescriptionHelpFormatter):
    """Shows every option's default, in Indonesian: '(bawaan: …)'. A help text that already
    says its default (e.g. 'bawaan: dari halaman judul') is left as written."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if "bawaan" in text or action.default is argparse.SUPPRESS:
            return text
        if isinstance(action, argparse._StoreTrueAction):
            return f"{text} (bawaan: tidak aktif)"
        if action.option_strings and action.default is not None:
            return f"{text} (bawaan: %(default)s)"
        return text


def _add_identity(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kecamatan", help="nama kecamatan, menggantikan yang terbaca di halaman "
                                       "judul (bawaan: dari halaman judul)")
    p.add_argument("--kabupaten", help="nama kabupaten, menggantikan yang terbaca di halaman "
                                       "judul (bawaan: dari halaman judul)")
    p.add_argument("--year", type=int, help="tahun laporan, menggantikan yang terbaca di "
                                            "halaman judul (bawaan: dari halaman judul)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sakip", formatter_class=_Help,
        description="Membaca, memeriksa dan membandingkan laporan kinerja (LKJIP) kecamatan.")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="tanpa bilah kemajuan")
    sub = parser.add_subparsers(dest="command", required=True, title="perintah",
                                metavar="PERINTAH")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, formatter_class=_Help)

    p = command("extract", "laporan → tabel rapi (CSV + xlsx, atau JSON)")
    p.add_argument("paths", nargs="+", metavar="BERKAS",
                   help=f"berkas laporan ({SUFFIXES_TEXT}) atau folder")
    p.add_argument("-o", "--output", metavar="FOLDER",
                   help="folder untuk tabel rapi (bawaan: tidak ada; wajib untuk --format csv)")
    p.add_argument("--format", choices=["csv", "json"], default="csv",
                   help="csv: satu berkas per tabel ke -o FOLDER; json: ke layar")
    _add_identity(p)
    p.add_argument("--no-text", action="store_true",
                   help="tanpa paragraf naratif dan teks tabel yang tidak dikenali")
    p.set_defaults(func=cmd_extract)

    p = command("check", "mencari inkonsistensi pelaporan dalam laporan")
    p.add_argument("paths", nargs="+", metavar="BERKAS", help="berkas laporan atau folder")
    p.add_argument("--format", choices=["text", "json", "csv", "xlsx"], default="text",
                   help="bentuk keluaran temuan")
    p.add_argument("-o", "--output", metavar="BERKAS",
                   help="tulis ke berkas ini (bawaan: ke layar; xlsx wajib -o)")
    p.add_argument("--min-severity", choices=["info", "warning", "error"], default="info",
                   help="tampilkan temuan dari tingkat ini ke atas")
    _add_identity(p)
    p.set_defaults(func=cmd_check)

    p = command("rules", "daftar aturan pemeriksaan, masing-masing dengan contoh laporannya")
    p.add_argument("rule", nargs="?", metavar="ID",
                   help="satu aturan untuk dijelaskan, mis. R301 (bawaan: semua aturan)")
    p.set_defaults(func=cmd_rules)

    p = command("ingest", "menambahkan laporan ke dataset di DATA/processed")
    p.add_argument("paths", nargs="+", metavar="BERKAS", help="berkas laporan atau folder")
    p.add_argument("--data", default=str(DEFAULT_DATA), metavar="FOLDER", help="folder data")
    p.add_argument("--no-text", action="store_true",
                   help="simpan angka dan label saja (untuk laporan yang teksnya tidak boleh "
                        "dibagikan)")
    p.add_argument("--force", action="store_true", help="baca ulang juga berkas yang tidak berubah")
    _add_identity(p)
    p.set_defaults(func=cmd_ingest)

    p = command("run", "memperbarui dataset dari DATA/raw, lalu membuat semua laporan HTML")
    p.add_argument("--data", default=str(DEFAULT_DATA), metavar="FOLDER", help="folder data")
    p.add_argument("--reports", default=str(DEFAULT_REPORTS), metavar="FOLDER",
                   help="folder keluaran laporan HTML")
    p.add_argument("--years", nargs="*", type=int, metavar="TAHUN",
                   help="hanya tahun-tahun ini (bawaan: semua tahun)")
    p.add_argument("--kecamatan", nargs="*", metavar="NAMA",
                   help="hanya kecamatan ini (bawaan: semua kecamatan)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="jumlah notebook yang berjalan bersamaan (bawaan: jumlah inti CPU)")
    p.add_argument("--force", action="store_true",
                   help="buat ulang juga laporan yang masukannya tidak berubah")
    p.add_argument("--executor", choices=["local", "dask"], default="local",
                   help="local: proses pekerja di mesin ini; dask: pekerja klaster Dask di "
                        "--scheduler")
    p.add_argument("--scheduler", metavar="ALAMAT",
                   help="alamat penjadwal Dask, mis. tcp://10.0.0.5:8786, untuk --executor dask "
                        "(bawaan: tidak ada)")
    p.add_argument("--timeout", type=int, default=600, metavar="DETIK",
                   help="batas waktu satu sel notebook, dalam detik")
    p.add_argument("--kernels", choices=["warm", "stock"], default="warm",
                   help="warm: kernel baru per notebook, di-fork dari proses yang sudah "
                        "mengimpor pandas/matplotlib (lebih cepat; hanya Linux, selain itu "
                        "otomatis stock); stock: proses Python baru per notebook")
    p.add_argument("--keep-notebooks", action="store_true",
                   help="simpan juga notebook hasil eksekusi (.ipynb) di samping HTML")
    p.set_defaults(func=cmd_run)

    p = command("demo", "menulis dokumen kabupaten demo sintetis")
    p.add_argument("-o", "--output", default=str(DEFAULT_DATA / "raw" / "demo"),
                   metavar="FOLDER", help="folder tujuan dokumen demo")
    p.add_argument("--seed", type=int, default=2024, metavar="N",
                   help="benih acak: benih yang sama memberi dokumen yang sama")
    p.add_argument("--exclude", nargs="*", default=["Jogoroto"], metavar="NAMA",
                   help="kecamatan yang tidak dibuat karena laporan aslinya disertakan; "
                        "--exclude tanpa nama untuk membuat ke-21 kecamatan")
    p.set_defaults(func=cmd_demo)
    return parser


def bytecode_cache() -> Path | None:
    """Where compiled bytecode goes when the environment forbids writing it beside the sources
    (PYTHONDONTWRITEBYTECODE, as on these machines): a cache compiled once at the first run
    instead of the sources being compiled again by every `sakip` process and every kernel
    (pandas, matplotlib, seaborn: seconds each), and instead of `uv run` recompiling the whole
    environment on every call (`[tool.uv] compile-bytecode`). Child processes (workers,
    kernels) inherit it through PYTHONPYCACHEPREFIX. Nothing changes when bytecode may be
    written normally or a prefix is already set; SAKIP_BYTECODE_CACHE=0 turns it off."""
    if (not sys.flags.dont_write_bytecode or sys.pycache_prefix
            or os.environ.get("SAKIP_BYTECODE_CACHE") == "0"):
        return None
    base = os.environ.get("SAKIP_BYTECODE_CACHE") or os.environ.get("XDG_CACHE_HOME")
    folder = (Path(base) if os.environ.get("SAKIP_BYTECODE_CACHE")
              else Path(base or Path.home() / ".cache") / "sakip-analysis" / "pycache")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    sys.pycache_prefix = str(folder)
    sys.dont_write_bytecode = False
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    return folder


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Stopped()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `sakip` command: bad input is one line and exit code 2; an internal
    error one line, a log file holding the traceback and exit code 3."""
    bytecode_cache()
    args = build_parser().parse_args(argv)
    if args.command == "run" and args.executor == "dask" and not args.scheduler:
        _say("sakip: galat: --executor dask memerlukan --scheduler ALAMAT")
        return EXIT_INPUT
    previous = signal.getsignal(signal.SIGTERM)
    if args.command == "run":
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return args.func(args)
    except SakipError as exc:
        _say(f"sakip: galat: {exc}")
        return EXIT_INPUT
    except KeyboardInterrupt as exc:
        # the workers and their kernels are already stopped (report.batch); finished
        # reports are on disk and recorded, the next run does the rest
        _say("sakip: dihentikan; laporan yang sudah selesai tetap tersimpan, jalankan lagi "
             "untuk menyelesaikan sisanya")
        return 128 + int(getattr(exc, "signum", signal.SIGINT))
    except Exception as exc:  # a bug: one line for the analyst, the traceback in a log
        from sakip_analysis.errors import log_traceback, one_line

        log = log_traceback(exc, f"sakip {' '.join(map(str, argv or sys.argv[1:]))}")
        _say(f"sakip: kesalahan internal ({one_line(exc)}); rincian di {log}")
        return EXIT_INTERNAL
    finally:
        if args.command == "run":
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
