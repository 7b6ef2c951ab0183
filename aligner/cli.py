"""Command line: ``aligner segments | align | corpus | entities | batch | review``.

A thin layer: parses arguments, calls the library, prints what it did, and turns AlignerError
into a one-line message on stderr and its exit code. Each command function imports what it
needs at its top (not at module level), so ``aligner --help`` and a command start without
loading the models and libraries the other commands use; nothing is imported further down.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aligner import __version__
from aligner.errors import AlignerError, InputError, ManifestError
from aligner.lang import SUPPORTED
from aligner.report import files

SOME_PAIRS_FAILED = 5
EXIT_CODES = f"""exit codes: 0 success, 1 other error, 2 bad input file, 3 bad manifest,
4 output cannot be written, {SOME_PAIRS_FAILED} corpus or batch finished but some pairs failed (each named
on stderr; batch lists them in {files.BATCH_ERRORS}), 130 interrupted"""


def _cmd_segments(args: argparse.Namespace) -> int:
    from aligner.document import load_document
    from aligner.file_offsets import document_in_file
    from aligner.report.columns import SEGMENT_COLUMNS
    from aligner.report.rows import segment_rows
    from aligner.report.writer import write_csv

    doc = load_document(args.file, args.lang)
    rows = segment_rows(document_in_file(doc))
    if args.out:
        write_csv(rows, SEGMENT_COLUMNS, args.out)
        print(f"{len(doc.sentences)} sentences, {len(doc.clauses)} clauses -> {args.out}")
    else:
        for row in rows:
            print(f"{row['segment_id']}\t{row['kind']}\t{row['start']}-{row['end']}\t{row['text']}")
    return 0


def _cache_path(args: argparse.Namespace, out: Path) -> Path | None:
    """The embedding cache file the options ask for (None: no cache on disk)."""
    return None if args.no_cache else (args.cache or out / ".cache" / "embeddings.sqlite")


def _embedder(args: argparse.Namespace, out: Path):
    """An embedder with the cache the options ask for: a damaged cache at the default place is
    moved aside, a --cache file that is not an embedding cache is refused (aligner/embed.py)."""
    from aligner.embed import Embedder

    return Embedder(cache_path=_cache_path(args, out), cache_owned=args.cache is None)


def _print_files(paths: list[Path], indent: str = "  ") -> None:
    for f in paths:
        print(f"{indent}wrote {f}")


def _cmd_align(args: argparse.Namespace) -> int:
    from aligner.manifest import default_pair_id, valid_pair_id
    from aligner.pipeline import run_pair, screen_summary
    from aligner.report.writer import ensure_dir

    out = ensure_dir(args.out)
    pair_id = args.pair_id or default_pair_id(args.original, args.translation)
    if not valid_pair_id(pair_id):
        raise InputError(f"pair id {pair_id!r}: use letters, digits, '.', '-' or '_' (it names the report folder)")
    result = run_pair(pair_id, args.original, args.original_lang, args.translation, args.translation_lang, out,
                      _embedder(args, out))
    print(screen_summary(result))
    _print_files(result.files)
    return 0


def _cache_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cache", type=Path, help="embedding cache file (default: OUT/.cache/embeddings.sqlite)")
    p.add_argument("--no-cache", action="store_true", help="do not keep embeddings on disk")


def _cmd_corpus(args: argparse.Namespace) -> int:
    from aligner.batch.corpus_reports import write_entity_tables
    from aligner.document import load_document
    from aligner.manifest import read_manifest
    from aligner.pipeline import run_pair, screen_summary
    from aligner.report.writer import ensure_dir

    entries = read_manifest(args.manifest)
    out = ensure_dir(args.out)
    embedder = _embedder(args, out)
    documents = {}
    failed = []
    for entry in entries:
        try:
            result = run_pair(entry.pair_id, entry.original, entry.original_lang, entry.translation,
                              entry.translation_lang, out, embedder)
        except (InputError, ManifestError) as exc:  # one bad pair: say which row, go on with the others
            print(f"aligner: error: {entry.where}: {exc}", file=sys.stderr)
            failed.append(entry)
            continue
        print(screen_summary(result))
        _print_files(result.files)
        documents[result.original.path] = result.original  # the entity tables reuse the loaded documents
        documents[result.translation.path] = result.translation
    for extra in sorted(args.manifest.parent.glob("*.txt")) if args.all_documents else []:
        if str(extra.resolve()) not in documents:
            documents[str(extra.resolve())] = load_document(extra)
    pairs = [(e.original.name, e.translation.name) for e in entries]
    for f in write_entity_tables(list(documents.values()), pairs, out):
        print(f"wrote {f} ({len(documents)} documents)")
    if failed:
        print(f"{len(failed)} of {len(entries)} pairs failed ({', '.join(e.pair_id for e in failed)}; "
              "each named on stderr); the other pairs' reports are written")
        return SOME_PAIRS_FAILED
    return 0


def _cmd_entities(args: argparse.Namespace) -> int:
    from aligner.batch.corpus_reports import write_entity_tables
    from aligner.document import load_document
    from aligner.manifest import read_manifest
    from aligner.report.writer import ensure_dir

    paths: list[Path] = []
    for item in args.inputs:
        paths.extend(sorted(item.glob("*.txt")) if item.is_dir() else [item])
    documents = [load_document(f) for f in paths]
    pairs = [(e.original.name, e.translation.name) for e in read_manifest(args.pairs)] if args.pairs else []
    _print_files(write_entity_tables(documents, pairs, ensure_dir(args.out)), indent="")
    return 0


def _cmd_batch(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from aligner.batch.jobs import JobStatus, jobs_from_folders
    from aligner.batch.runner import run_batch
    from aligner.embed import DiskCache
    from aligner.lang import same_language_problem
    from aligner.manifest import read_manifest
    from aligner.report.writer import ensure_dir

    out = ensure_dir(args.out)
    cache = _cache_path(args, out)
    if cache:
        DiskCache(cache, owned=args.cache is None)  # checked (or a damaged one moved aside) before the workers start
    if args.manifest and (args.originals or args.translations):
        raise InputError("give a manifest or --originals/--translations folders, not both")
    if args.manifest:
        jobs = read_manifest(args.manifest)
    elif args.originals and args.translations:
        problem = same_language_problem(args.original_lang, args.translation_lang)
        if problem:
            raise InputError(f"{args.originals}, {args.translations}: {problem}")
        pairing = jobs_from_folders(args.originals, args.original_lang, args.translations, args.translation_lang,
                                    out, _embedder(args, out))
        print(f"pairing: {pairing.paired} translations paired with an original, {pairing.unpaired} without one, "
              f"{pairing.unreadable} unreadable -> {pairing.file}")
        jobs = pairing.jobs
    else:
        raise InputError("give a manifest, or both --originals and --translations folders")

    bar = tqdm(total=len(jobs), unit="pair", disable=args.no_progress, dynamic_ncols=True)
    counts = {JobStatus.FAILED: 0, JobStatus.SKIPPED: 0}

    def progress(result) -> None:
        counts[result.status] = counts.get(result.status, 0) + 1
        bar.set_postfix(failed=counts[JobStatus.FAILED], skipped=counts[JobStatus.SKIPPED], refresh=False)
        bar.update()

    try:
        batch = run_batch(jobs, out, workers=args.workers, scheduler=args.scheduler, cache=cache,
                          resume=not args.no_resume, progress=progress, entities=args.entities)
    finally:
        bar.close()
    print(f"{batch.count(JobStatus.DONE)} pairs aligned, {batch.count(JobStatus.SKIPPED)} already done, "
          f"{batch.count(JobStatus.FAILED)} failed, in {batch.seconds:.1f} s")
    _print_files(batch.files)
    return SOME_PAIRS_FAILED if batch.count(JobStatus.FAILED) else 0


def _cmd_review(args: argparse.Namespace) -> int:
    from aligner.report.columns import EXPORT_COLUMNS
    from aligner.report.writer import write_csv
    from aligner.review.export import NoDecisions, directions, export_rows
    from aligner.review.pairs import ReportLibrary
    from aligner.review.server import serve
    from aligner.review.store import DecisionStore
    from aligner.review.xlsx import write_workbook

    if not args.export:
        serve(args.reports, args.db, args.host, args.port, args.token)
        return 0
    library = ReportLibrary(args.reports)
    reviewed = args.db.is_file()  # without a database: every finding undecided, and no file created
    rows = export_rows(library, DecisionStore(args.db) if reviewed else NoDecisions(), library.pair_ids())
    if args.export.suffix.lower() == ".xlsx":
        write_workbook(rows, directions(library, library.pair_ids()), args.export)
    else:
        write_csv(rows, EXPORT_COLUMNS, args.export)
    note = "" if reviewed else f" (no review database at {args.db}: all undecided)"
    print(f"{len(rows)} findings -> {args.export}{note}")
    return 0


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return number


def _default_workers() -> int:
    """Two workers: 1.4-1.9x one on two cores (scripts/bench_batch.py); more than the cores is slower."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(2, cores))


class _Parser(argparse.ArgumentParser):
    """Usage mistakes, like bad input, get one line (exit 2) instead of the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"aligner: error: {message} (see: {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="aligner",
        description="Align an Arabic news article with its English translation and report what "
                    "the translation dropped, added or softened.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"aligner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("segments", help="split one file into sentences (and Arabic clauses) with offsets")
    p.add_argument("file", type=Path)
    p.add_argument("--lang", choices=SUPPORTED, help="expected language (default: detect)")
    p.add_argument("--out", type=Path, help="write CSV here instead of printing")
    p.set_defaults(func=_cmd_segments)

    p = sub.add_parser("align", help="align one original with its translation and report divergences")
    p.add_argument("original", type=Path, help="the original (Arabic by default)")
    p.add_argument("translation", type=Path, help="its translation (English by default)")
    p.add_argument("--original-lang", choices=SUPPORTED, default="ar")
    p.add_argument("--translation-lang", choices=SUPPORTED, default="en")
    p.add_argument("--pair-id", help="name of the report folder (default: from the file names)")
    p.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports)")
    _cache_options(p)
    p.set_defaults(func=_cmd_align)

    p = sub.add_parser("corpus", help="write reports for every pair in a manifest (what `make align` runs)")
    p.add_argument("manifest", type=Path,
                   help="CSV with pair_id, original, original_lang, translation, translation_lang")
    p.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports)")
    _cache_options(p)
    p.add_argument("--pairs-only", dest="all_documents", action="store_false",
                   help="entity tables from the paired documents only (default: every .txt beside the manifest)")
    p.set_defaults(func=_cmd_corpus)

    p = sub.add_parser("entities", help="cluster name spellings across documents; flag inconsistent spellings")
    p.add_argument("inputs", nargs="+", type=Path, help="text files or folders of .txt files")
    p.add_argument("--pairs", type=Path, help="manifest of original/translation pairs, to compare their spellings")
    p.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports)")
    p.set_defaults(func=_cmd_entities)

    p = sub.add_parser("batch", help="align many pairs in parallel (manifest, or two folders to pair first)")
    p.add_argument("manifest", nargs="?", type=Path, help="CSV of pairs, as for `corpus`")
    p.add_argument("--originals", type=Path, help="folder of originals (.txt), to pair with --translations")
    p.add_argument("--translations", type=Path, help="folder of translations (.txt)")
    p.add_argument("--original-lang", choices=SUPPORTED, default="ar")
    p.add_argument("--translation-lang", choices=SUPPORTED, default="en")
    p.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports)")
    p.add_argument("--workers", type=_positive, default=_default_workers(),
                   help="processes on this machine (default: 2, or 1 on a one-core machine)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on this Dask cluster instead (aligner[dask])")
    _cache_options(p)
    p.add_argument("--no-resume", action="store_true", help="redo pairs whose reports are already complete")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--no-entities", dest="entities", action="store_false", help="skip the corpus entity table")
    p.set_defaults(func=_cmd_batch)

    p = sub.add_parser("review", help="review findings in a local web page (Arabic beside English)")
    p.add_argument("reports", nargs="?", type=Path, default=Path("reports"),
                   help="reports folder written by `aligner corpus` (default: reports)")
    p.add_argument("--db", type=Path, default=Path("data/review.sqlite"),
                   help="SQLite file for decisions (default: data/review.sqlite)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only; "
                                                      "another address needs an access token)")
    p.add_argument("--token", help="access token reviewers must bring (default: $ALIGNER_REVIEW_TOKEN, or, for a "
                                   "non-local --host, a new one printed at start)")
    p.add_argument("--port", type=int, default=8765, help="port (default: 8765; 0 picks a free one)")
    p.add_argument("--export", type=Path, metavar="FILE",
                   help="write the reviewed findings with their decisions to FILE and exit (no server): "
                        "a spreadsheet if FILE ends in .xlsx, else CSV")
    p.set_defaults(func=_cmd_review)
    return parser


def _warnings_on_stderr() -> None:
    """The library's warnings (the ``aligner`` logger) as one line each on stderr."""
    import logging

    class StderrHandler(logging.StreamHandler):
        stream = property(lambda self: sys.stderr, lambda self, value: None)  # stderr at each message

    logger = logging.getLogger("aligner")
    if not any(isinstance(h, logging.StreamHandler) and h.get_name() == "aligner-cli" for h in logger.handlers):
        handler = StderrHandler()
        handler.set_name("aligner-cli")
        handler.setFormatter(logging.Formatter("aligner: warning: %(message)s"))
        logger.addHandler(handler)


def main(argv: list[str] | None = None) -> int:
    from aligner.progress import reporting, terminal_reporter

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage mistake (one line, exit 2)
        return int(exc.code or 0)
    _warnings_on_stderr()
    try:
        # bars for the long steps of a pair, on a terminal only (batch has its own bar per pair)
        with reporting(terminal_reporter() if args.command in ("align", "corpus") else None):
            return int(args.func(args) or 0)
    except AlignerError as exc:
        print(f"aligner: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("aligner: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("aligner: error: out of memory (split long documents into articles, or use fewer --workers)",
              file=sys.stderr)
        return 1
