"""The embedding cache: a damaged one is moved aside and replaced, a file that is not one is
never renamed or written to."""

from __future__ import annotations

import logging
import sqlite3

import numpy as np
import pytest

from aligner.embed import DIMENSION, DiskCache, Embedder
from aligner.errors import InputError


class CountingEncoder:
    """512-dimensional vectors from character codes; counts the texts it is asked for."""

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += len(texts)
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for k, text in enumerate(texts):
            for i, ch in enumerate(text):
                out[k, (ord(ch) + i) % DIMENSION] += 1.0
        return out + 1e-3


TEXTS = [f"قال المصدر إن {k} مدنيا قتلوا في القصف" for k in range(400)]


def _filled(path):
    embedder = Embedder(CountingEncoder(), cache_path=path)
    expected = embedder.embed(TEXTS)
    embedder.disk._close()
    return expected


def _damage(path, start=4096):
    """Overwrite everything after the first page (the header stays: still 'an SQLite file')."""
    data = bytearray(path.read_bytes())
    data[start:] = b"\x13" * (len(data) - start)
    path.write_bytes(bytes(data))


def _aside(folder, name):
    return sorted(p for p in folder.iterdir() if p.name.startswith(f"{name}.corrupt-")
                  and not p.name.endswith(("-wal", "-shm")))  # its journal files go with it


def test_a_file_that_is_not_a_cache_is_refused_and_left_alone(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_text("these are my notes, not a database\n" * 20, encoding="utf-8")
    before = junk.read_bytes()
    with pytest.raises(InputError, match="junk.sqlite: not an embedding cache"):
        Embedder(CountingEncoder(), cache_path=junk, cache_owned=False)
    assert junk.read_bytes() == before and not _aside(tmp_path, "junk.sqlite")


def test_another_programs_database_is_refused_even_at_the_default_place(tmp_path):
    other = tmp_path / "review.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE decisions (finding_id TEXT, status TEXT)")
        db.execute("INSERT INTO decisions VALUES ('F1', 'confirmed')")
    before = other.read_bytes()
    for owned in (False, True):
        with pytest.raises(InputError, match="SQLite database of something else \\(decisions\\)"):
            DiskCache(other, owned=owned)
    assert other.read_bytes() == before


def test_junk_at_the_default_place_is_moved_aside_and_a_fresh_cache_started(tmp_path, caplog):
    cache = tmp_path / ".cache" / "embeddings.sqlite"
    cache.parent.mkdir()
    cache.write_bytes(b"\x00\x01 half-copied junk" * 100)
    before = cache.read_bytes()
    with caplog.at_level(logging.WARNING, logger="aligner"):
        embedder = Embedder(CountingEncoder(), cache_path=cache)
    assert embedder.embed(TEXTS[:3]).shape == (3, DIMENSION)
    aside = _aside(cache.parent, "embeddings.sqlite")
    assert len(aside) == 1 and aside[0].read_bytes() == before  # kept, not deleted
    [record] = caplog.records
    assert "damaged embedding cache" in record.getMessage() and aside[0].name in record.getMessage()
    assert Embedder(CountingEncoder(), cache_path=cache).embed(TEXTS[:3]).shape == (3, DIMENSION)  # next run reads it


def test_a_damaged_cache_named_by_the_user_is_moved_aside(tmp_path, caplog):
    cache = tmp_path / "mine.sqlite"
    expected = _filled(cache)
    _damage(cache, start=100)  # the schema page itself
    with caplog.at_level(logging.WARNING, logger="aligner"):
        embedder = Embedder(CountingEncoder(), cache_path=cache, cache_owned=False)
        assert np.allclose(embedder.embed(TEXTS), expected)
    assert len(_aside(tmp_path, "mine.sqlite")) == 1 and len(caplog.records) == 1


def test_damage_found_while_reading_is_survived(tmp_path, caplog):
    cache = tmp_path / "cache.sqlite"
    expected = _filled(cache)
    disk = DiskCache(cache)  # opens fine: the schema page is intact
    _damage(cache)
    with caplog.at_level(logging.WARNING, logger="aligner"):
        encoder = CountingEncoder()
        embedder = Embedder(encoder)
        embedder.disk = disk
        assert np.allclose(embedder.embed(TEXTS), expected)  # recomputed
    assert encoder.calls == len(TEXTS) and len(_aside(tmp_path, "cache.sqlite")) == 1
    assert "damaged embedding cache" in caplog.records[0].getMessage()
    assert len(disk.get_many([k for k in embedder.memory])) == len(TEXTS)  # the fresh cache was filled


def test_the_command_line_says_so_in_one_line_and_goes_on(tmp_path, capsys):
    from aligner import cli
    from tests.conftest import AR_SEED, EN_SEED

    out = tmp_path / "reports"
    cache = out / ".cache" / "embeddings.sqlite"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"\x00" * 3000)  # a cache zeroed by a crash
    args = ["align", str(AR_SEED), str(EN_SEED), "--out", str(out)]
    assert cli.main(args) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("aligner: warning: ") and str(cache) in err[0], err
    assert "moved it to embeddings.sqlite.corrupt-" in err[0]
    assert cli.main(args) == 0 and capsys.readouterr().err == ""  # the fresh cache is used from then on
    junk = tmp_path / "notes.txt"
    junk.write_text("my notes\n", encoding="utf-8")
    assert cli.main(args + ["--cache", str(junk)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "notes.txt: not an embedding cache" in err[0]
    assert junk.read_text(encoding="utf-8") == "my notes\n"
