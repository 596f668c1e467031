"""`sakip extract | check | rules | ingest | run | demo`: argument parsing and exit codes only."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from sakip_analysis.errors import SakipError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
DEFAULT_DATA = Path("data")
DEFAULT_REPORTS = Path("reports")


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _report_failures(failed: Sequence[tuple[str, str]]) -> None:
    for _, error in failed:
        _say(f"error: {error}")


def cmd_extract(args: argparse.Namespace) -> int:
    from sakip_analysis.pipeline.ingest import TEXT_TABLES, find_documents
    from sakip_analysis.read.dataset import write_dataset
    from sakip_analysis.read.extract import extract_paths
    from sakip_analysis.read.schema import empty_frame

    docs = find_documents(args.paths)
    result = extract_paths(docs, progress=not args.quiet, kecamatan=args.kecamatan,
                           kabupaten=args.kabupaten, year=args.year)
    tables = result.tables
    if args.no_text:
        tables = {k: (empty_frame(k) if k in TEXT_TABLES else v) for k, v in tables.items()}
    for warning in result.warnings:
        _say(f"warning: {warning}")
    _report_failures(result.failed)
    if args.format == "json":
        payload = {name: json.loads(frame.to_json(orient="records", force_ascii=False))
                   for name, frame in tables.items()}
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        if not args.output:
            raise SakipError("extract: give -o DIR for CSV output, or --format json")
        write_dataset(tables, Path(args.output))
        _say(f"wrote {sum(len(v) for v in tables.values())} rows from "
             f"{len(docs) - len(result.failed)} file(s) to {args.output}")
    return EXIT_INPUT if result.failed else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from sakip_analysis.pipeline.ingest import find_documents
    from sakip_analysis.read.extract import extract_paths
    from sakip_analysis.review import check_tables
    from sakip_analysis.review.findings import filter_severity, write_findings

    result = extract_paths(find_documents(args.paths), progress=False)
    _report_failures(result.failed)
    findings = filter_severity(check_tables(result.tables), args.min_severity)
    text = write_findings(findings, args.format, Path(args.output) if args.output else None)
    if text:
        print(text)
    if result.failed:
        return EXIT_INPUT
    return EXIT_FINDINGS if (findings["severity"] == "error").any() else EXIT_OK


def cmd_ingest(args: argparse.Namespace) -> int:
    from sakip_analysis.pipeline.ingest import find_documents, ingest

    overrides = {k: v for k, v in (("kecamatan", args.kecamatan), ("kabupaten", args.kabupaten),
                                   ("year", args.year)) if v}
    result = ingest(find_documents(args.paths), Path(args.data), keep_text=not args.no_text,
                    force=args.force, progress=not args.quiet, **overrides)
    _report_failures(result.failed)
    _say(f"ingested {len(result.extracted)}, unchanged {len(result.unchanged)}, "
         f"failed {len(result.failed)}")
    return EXIT_INPUT if result.failed else EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from sakip_analysis.pipeline.run import run

    status = run(Path(args.data), Path(args.reports), years=args.years,
                 kecamatan=args.kecamatan, n_jobs=args.jobs, force=args.force,
                 executor=args.executor, scheduler=args.scheduler, timeout=args.timeout,
                 progress=not args.quiet)
    failed = status[status["status"].isin(["failed", "timeout"])]
    for row in failed.itertuples():  # a document's error already names its file
        _say(f"failed: {row.error}" if row.kind == "dokumen" else
             f"failed: {row.output}: {row.error}")
    ok = len(status) - len(failed)
    _say(f"{ok} report(s) ready, {len(failed)} failed: {Path(args.reports) / 'index.html'}")
    return EXIT_INPUT if len(failed) else EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from sakip_analysis.demo import KECAMATAN_JOMBANG, generate_demo

    excluded = {k.lower() for k in args.exclude}
    kecamatan = [k for k in KECAMATAN_JOMBANG if k.lower() not in excluded]
    manifest = generate_demo(Path(args.output), seed=args.seed, kecamatan=kecamatan)
    _say(f"wrote demo documents and {len(manifest)} injected inconsistencies to {args.output}")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sakip", description="Read, check and compare LKJIP reports of kecamatan.")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="reports → tidy tables (CSV + xlsx, or JSON)")
    p.add_argument("paths", nargs="+", help="report files (.txt .md .docx .pdf) or folders")
    p.add_argument("-o", "--output", help="folder for the tidy tables")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--kecamatan", help="override the kecamatan read from the title page")
    p.add_argument("--kabupaten", help="override the kabupaten read from the title page")
    p.add_argument("--year", type=int, help="override the report year read from the title page")
    p.add_argument("--no-text", action="store_true",
                   help="leave out narrative paragraphs and unrecognised tables' text")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("check", help="find reporting inconsistencies in reports")
    p.add_argument("paths", nargs="+", help="report files or folders")
    p.add_argument("--format", choices=["text", "json", "csv", "xlsx"], default="text")
    p.add_argument("-o", "--output", help="write to this file instead of the terminal")
    p.add_argument("--min-severity", choices=["info", "warning", "error"], default="info")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("rules", help="daftar aturan pemeriksaan, dengan contoh laporannya")
    p.add_argument("rule", nargs="?", help="satu aturan untuk dijelaskan, mis. R301")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("ingest", help="add reports to the dataset in DATA/processed")
    p.add_argument("paths", nargs="+", help="report files or folders")
    p.add_argument("--data", default=str(DEFAULT_DATA), help="data folder (default: data)")
    p.add_argument("--no-text", action="store_true",
                   help="keep figures and labels only (for reports whose text may not be shared)")
    p.add_argument("--force", action="store_true", help="re-read unchanged files too")
    p.add_argument("--kecamatan", help="override the kecamatan read from the title page")
    p.add_argument("--kabupaten", help="override the kabupaten read from the title page")
    p.add_argument("--year", type=int, help="override the report year read from the title page")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("run", help="ingest data/raw, then build every HTML report")
    p.add_argument("--data", default=str(DEFAULT_DATA), help="data folder (default: data)")
    p.add_argument("--reports", default=str(DEFAULT_REPORTS), help="output folder")
    p.add_argument("--years", nargs="*", type=int, help="only these report years")
    p.add_argument("--kecamatan", nargs="*", help="only these kecamatan")
    p.add_argument("--jobs", type=int, default=None, help="parallel notebooks (default: cores)")
    p.add_argument("--force", action="store_true",
                   help="rebuild reports whose inputs are unchanged")
    p.add_argument("--executor", choices=["local", "dask"], default="local")
    p.add_argument("--scheduler", help="Dask scheduler address, with --executor dask")
    p.add_argument("--timeout", type=int, default=600, help="seconds a notebook cell may run")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("demo", help="write the synthetic demo kabupaten's documents")
    p.add_argument("-o", "--output", default=str(DEFAULT_DATA / "raw" / "demo"))
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--exclude", nargs="*", default=["Jogoroto"],
                   help="kecamatan left out because their real report is bundled "
                        "(default: Jogoroto); give --exclude with no names for all 21")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `sakip` command; errors become one line and exit code 2."""
    args = build_parser().parse_args(argv)
    if args.command == "run" and args.executor == "dask" and not args.scheduler:
        _say("sakip: error: --executor dask needs --scheduler ADDRESS")
        return EXIT_INPUT
    try:
        return args.func(args)
    except SakipError as exc:
        _say(f"sakip: error: {exc}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        _say("sakip: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
