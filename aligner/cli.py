"""Command line: ``aligner segments | align | corpus | entities``.

A thin layer: parses arguments, calls the library, turns AlignerError into a one-line
message on stderr and its exit code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aligner import __version__
from aligner.errors import AlignerError

EXIT_CODES = """exit codes: 0 success, 1 other error, 2 bad input file, 3 bad manifest,
4 output cannot be written, 130 interrupted"""


def _cmd_segments(args: argparse.Namespace) -> int:
    from aligner.document import load_document
    from aligner.report import SEGMENT_COLUMNS, segment_rows, write_csv

    doc = load_document(args.file, args.lang)
    rows = segment_rows(doc)
    if args.out:
        write_csv(rows, SEGMENT_COLUMNS, args.out)
        print(f"{len(doc.sentences)} sentences, {len(doc.clauses)} clauses -> {args.out}")
    else:
        for row in rows:
            print(f"{row['segment_id']}\t{row['kind']}\t{row['start']}-{row['end']}\t{row['text']}")
    return 0


def _cmd_corpus(args: argparse.Namespace) -> int:
    from aligner.manifest import read_manifest
    from aligner.pipeline import run_pair
    from aligner.report import ensure_dir

    entries = read_manifest(args.manifest)
    out = ensure_dir(args.out)
    for entry in entries:
        result = run_pair(entry.pair_id, entry.original, entry.original_lang, entry.translation,
                          entry.translation_lang, out)
        print(f"{entry.pair_id}: {len(result.original.sentences)} {entry.original_lang} sentences "
              f"({len(result.original.clauses)} clauses), {len(result.translation.sentences)} "
              f"{entry.translation_lang} sentences")
        for f in result.files:
            print(f"  wrote {f}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aligner",
        description="Align an Arabic news article with its English translation and report what "
                    "the translation dropped, added or softened.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"aligner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("segments", help="split one file into sentences (and Arabic clauses) with offsets")
    p.add_argument("file", type=Path)
    p.add_argument("--lang", choices=["ar", "en"], help="expected language (default: detect)")
    p.add_argument("--out", type=Path, help="write CSV here instead of printing")
    p.set_defaults(func=_cmd_segments)

    p = sub.add_parser("corpus", help="write reports for every pair in a manifest (what `make align` runs)")
    p.add_argument("manifest", type=Path, help="CSV with pair_id, original, original_lang, translation, translation_lang")
    p.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports)")
    p.set_defaults(func=_cmd_corpus)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except AlignerError as exc:
        print(f"aligner: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("aligner: interrupted", file=sys.stderr)
        return 130
