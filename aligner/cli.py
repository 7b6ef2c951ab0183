"""Command line: ``aligner segments | align | corpus | entities``.

A thin layer: parses arguments, calls the library, turns AlignerError into a one-line
message on stderr and its exit code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aligner import __version__
from aligner.errors import AlignerError, InputError

EXIT_CODES = """exit codes: 0 success, 1 other error, 2 bad input file, 3 bad manifest,
4 output cannot be written, 5 batch finished but some pairs failed (see batch_errors.csv),
130 interrupted"""


def _cmd_segments(args: argparse.Namespace) -> int:
    from aligner.document import load_document
    from aligner.report import SEGMENT_COLUMNS, segment_rows, write_csv

    from aligner.file_offsets import document_in_file

    doc = load_document(args.file, args.lang)
    rows = segment_rows(document_in_file(doc))
    if args.out:
        write_csv(rows, SEGMENT_COLUMNS, args.out)
        print(f"{len(doc.sentences)} sentences, {len(doc.clauses)} clauses -> {args.out}")
    else:
        for row in rows:
            print(f"{row['segment_id']}\t{row['kind']}\t{row['start']}-{row['end']}\t{row['text']}")
    return 0


def _embedder(args: argparse.Namespace, out: Path):
    from aligner.embed import Embedder

    cache = None if args.no_cache else (args.cache or out / ".cache" / "embeddings.sqlite")
    return Embedder(cache_path=cache, cache_owned=args.cache is None)


def _cmd_align(args: argparse.Namespace) -> int:
    from aligner.pipeline import run_pair, screen_summary
    from aligner.report import ensure_dir

    out = ensure_dir(args.out)
    import re

    from aligner.manifest import valid_pair_id

    pair_id = args.pair_id or re.sub(r"[^\w.\-]+", "_", f"{args.original.stem}--{args.translation.stem}").lstrip("._")
    if not valid_pair_id(pair_id):
        raise InputError(f"pair id {pair_id!r}: use letters, digits, '.', '-' or '_' (it names the report folder)")
    result = run_pair(pair_id, args.original, args.original_lang, args.translation, args.translation_lang, out,
                      _embedder(args, out))
    print(screen_summary(result))
    for f in result.files:
        print(f"  wrote {f}")
    return 0


def _cache_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cache", type=Path, help="embedding cache file (default: OUT/.cache/embeddings.sqlite)")
    p.add_argument("--no-cache", action="store_true", help="do not keep embeddings on disk")


def _cmd_corpus(args: argparse.Namespace) -> int:
    from aligner.manifest import read_manifest
    from aligner.pipeline import run_pair
    from aligner.report import ensure_dir

    from aligner.document import load_document

    from aligner.pipeline import screen_summary

    entries = read_manifest(args.manifest)
    out = ensure_dir(args.out)
    embedder = _embedder(args, out)
    documents = {}
    for entry in entries:
        result = run_pair(entry.pair_id, entry.original, entry.original_lang, entry.translation,
                          entry.translation_lang, out, embedder)
        print(screen_summary(result))
        for f in result.files:
            print(f"  wrote {f}")
        documents[result.original.path] = result.original
        documents[result.translation.path] = result.translation
    folder = args.manifest.parent
    for extra in sorted(folder.glob("*.txt")) if args.all_documents else []:
        if str(extra.resolve()) not in documents:
            documents[str(extra.resolve())] = load_document(extra)
    pairs = [(e.original.name, e.translation.name) for e in entries]
    for f in _write_entities(list(documents.values()), pairs, out):
        print(f"wrote {f} ({len(documents)} documents)")
    return 0


def _write_entities(documents, pairs, out: Path) -> list[Path]:
    from aligner.entities.table import (ENTITY_COLUMNS, FLAG_COLUMNS, cluster_mentions, entity_rows,
                                        inconsistency_flags)
    from aligner.report import write_csv

    corpus = cluster_mentions(documents)
    return [write_csv(entity_rows(corpus), ENTITY_COLUMNS, out / "entities.csv"),
            write_csv(inconsistency_flags(corpus, pairs), FLAG_COLUMNS, out / "entity_flags.csv")]


def _cmd_entities(args: argparse.Namespace) -> int:
    from aligner.document import load_document
    from aligner.manifest import read_manifest
    from aligner.report import ensure_dir

    files: list[Path] = []
    for item in args.inputs:
        files.extend(sorted(item.glob("*.txt")) if item.is_dir() else [item])
    documents = [load_document(f) for f in files]
    pairs = []
    if args.pairs:
        pairs = [(e.original.name, e.translation.name) for e in read_manifest(args.pairs)]
    for f in _write_entities(documents, pairs, ensure_dir(args.out)):
        print(f"wrote {f}")
    return 0


def _folder_jobs(args: argparse.Namespace, out: Path, cache):
    """Pair the translations in one folder with the originals in another; write pairing.csv."""
    import re

    from aligner.batch.jobs import PairJob
    from aligner.batch.pairing import PAIRING_COLUMNS, pair_documents
    from aligner.document import load_document
    from aligner.embed import Embedder
    from aligner.report import write_csv

    def load_all(folder: Path, lang: str):
        if not folder.is_dir():
            raise InputError(f"{folder}: no such folder")
        docs, bad = [], []
        for f in sorted(folder.glob("*.txt")):
            try:
                docs.append(load_document(f, lang))
            except AlignerError as exc:  # one unreadable file does not stop the pairing
                side = "translation" if folder == args.translations else "original"
                bad.append({side: str(f), "status": "unreadable", "note": str(exc)})
        return docs, bad

    originals, bad_originals = load_all(args.originals, args.original_lang)
    translations, bad_translations = load_all(args.translations, args.translation_lang)
    rows = pair_documents(originals, translations, Embedder(cache_path=cache))
    write_csv([r.row() for r in rows] + bad_translations + bad_originals, PAIRING_COLUMNS, out / "pairing.csv")
    unpaired = [r for r in rows if r.status == "unpaired"]
    print(f"pairing: {len(rows) - len(unpaired)} translations paired with an original, {len(unpaired)} without one, "
          f"{len(bad_translations) + len(bad_originals)} unreadable -> {out / 'pairing.csv'}")
    jobs = []
    for r in rows:
        if r.original:
            o, t = Path(r.original), Path(r.translation)
            pair_id = re.sub(r"[^\w.\-]+", "_", f"{o.stem}--{t.stem}").lstrip("._")
            jobs.append(PairJob(pair_id, o, args.original_lang, t, args.translation_lang))
    return jobs


def _cmd_batch(args: argparse.Namespace) -> int:
    from aligner.batch.runner import run_batch
    from aligner.report import ensure_dir

    out = ensure_dir(args.out)
    cache = None if args.no_cache else (args.cache or out / ".cache" / "embeddings.sqlite")
    if cache:
        from aligner.embed import DiskCache

        DiskCache(cache, owned=args.cache is None)  # checked (or a damaged one moved aside) before the workers start
    if args.manifest and (args.originals or args.translations):
        raise InputError("give a manifest or --originals/--translations folders, not both")
    if args.manifest:
        from aligner.manifest import read_manifest

        jobs = read_manifest(args.manifest)
    elif args.originals and args.translations:
        from aligner.lang import same_language_problem

        problem = same_language_problem(args.original_lang, args.translation_lang)
        if problem:
            raise InputError(f"{args.originals}, {args.translations}: {problem}")
        jobs = _folder_jobs(args, out, cache)
    else:
        raise InputError("give a manifest, or both --originals and --translations folders")
    from tqdm import tqdm

    bar = tqdm(total=len(jobs), unit="pair", disable=args.no_progress, dynamic_ncols=True)
    counts = {"failed": 0, "skipped": 0}

    def progress(result) -> None:
        counts[result.status] = counts.get(result.status, 0) + 1
        bar.set_postfix(failed=counts["failed"], skipped=counts["skipped"], refresh=False)
        bar.update()

    try:
        batch = run_batch(jobs, out, workers=args.workers, scheduler=args.scheduler, cache=cache,
                          resume=not args.no_resume, progress=progress)
    finally:
        bar.close()
    print(f"{batch.count('done')} pairs aligned, {batch.count('skipped')} already done, "
          f"{batch.count('failed')} failed, in {batch.seconds:.1f} s")
    for f in batch.files:
        print(f"  wrote {f}")
    if args.entities:
        from aligner.batch.corpus_reports import write_entity_tables
        from aligner.document import load_document

        finished = {r.pair_id for r in batch.results if r.status in ("done", "skipped")}
        docs, pairs = {}, []
        for job in jobs:
            if job.pair_id in finished:
                docs.setdefault(str(job.original), load_document(job.original, job.original_lang))
                docs.setdefault(str(job.translation), load_document(job.translation, job.translation_lang))
                pairs.append((job.original.name, job.translation.name))
        for f in write_entity_tables(list(docs.values()), pairs, out):
            print(f"  wrote {f}")
    return 5 if batch.count("failed") else 0


def _cmd_review(args: argparse.Namespace) -> int:
    if args.export:
        from aligner.report import write_csv
        from aligner.review.export import EXPORT_COLUMNS, export_rows
        from aligner.review.pairs import ReportLibrary
        from aligner.review.store import DecisionStore

        if not args.db.is_file():
            raise InputError(f"{args.db}: no review database here")
        library = ReportLibrary(args.reports)
        rows = export_rows(library, DecisionStore(args.db), library.pair_ids())
        write_csv(rows, EXPORT_COLUMNS, args.export)
        print(f"{len(rows)} findings -> {args.export}")
        return 0
    from aligner.review.server import serve

    serve(args.reports, args.db, args.host, args.port)
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
    p.add_argument("--lang", choices=["ar", "en"], help="expected language (default: detect)")
    p.add_argument("--out", type=Path, help="write CSV here instead of printing")
    p.set_defaults(func=_cmd_segments)

    p = sub.add_parser("align", help="align one original with its translation and report divergences")
    p.add_argument("original", type=Path, help="the original (Arabic by default)")
    p.add_argument("translation", type=Path, help="its translation (English by default)")
    p.add_argument("--original-lang", choices=["ar", "en"], default="ar")
    p.add_argument("--translation-lang", choices=["ar", "en"], default="en")
    p.add_argument("--pair-id", help="name of the report folder (default: from the file names)")
    p.add_argument("--out", type=Path, default=Path("reports"), help="output folder (default: reports)")
    _cache_options(p)
    p.set_defaults(func=_cmd_align)

    p = sub.add_parser("corpus", help="write reports for every pair in a manifest (what `make align` runs)")
    p.add_argument("manifest", type=Path, help="CSV with pair_id, original, original_lang, translation, translation_lang")
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
    p.add_argument("--original-lang", choices=["ar", "en"], default="ar")
    p.add_argument("--translation-lang", choices=["ar", "en"], default="en")
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
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8765, help="port (default: 8765; 0 picks a free one)")
    p.add_argument("--export", type=Path, metavar="CSV",
                   help="write the reviewed findings with their decisions to CSV and exit (no server)")
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
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage mistake (one line, exit 2)
        return int(exc.code or 0)
    _warnings_on_stderr()
    from aligner.progress import reporting, terminal_reporter

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
