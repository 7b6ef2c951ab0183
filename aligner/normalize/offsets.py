"""Normalized text that remembers, for every character, the original span it came from.

Each normalized character ``i`` carries ``(starts[i], ends[i])``, a span of the original
string. Steps compose: a character deleted by a step (a diacritic, a tatweel) is folded
into the span of the character before it, so quoting ``original[span(a, b)]`` gives the
exact original text of any normalized substring, marks included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from re import Match, Pattern


@dataclass(frozen=True)
class OffsetText:
    """A normalized string plus per-character original spans."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    @classmethod
    def identity(cls, original: str) -> OffsetText:
        """The original text, each character mapping to itself."""
        n = len(original)
        return cls(original, tuple(range(n)), tuple(range(1, n + 1)), n)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalized slice ``text[start:end]``."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalized text of length {len(self.text)}")
        if start == end:
            anchor = self.starts[start] if start < len(self.text) else self.original_length
            return anchor, anchor
        return self.starts[start], self.ends[end - 1]

    def map_chars(self, fn: Callable[[str], str]) -> OffsetText:
        """Replace each character ``c`` by ``fn(c)`` (possibly empty or several characters)."""
        cache: dict[str, str] = {}
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pending_start: int | None = None  # deleted characters before any output
        for ch, s, e in zip(self.text, self.starts, self.ends):
            rep = cache.get(ch)
            if rep is None:
                rep = cache[ch] = fn(ch)
            if not rep:
                if ends:
                    ends[-1] = max(ends[-1], e)
                elif pending_start is None:
                    pending_start = s
                continue
            for r in rep:
                out.append(r)
                starts.append(s if pending_start is None else pending_start)
                ends.append(e)
                pending_start = None
        return OffsetText("".join(out), tuple(starts), tuple(ends), self.original_length)

    def sub(self, pattern: Pattern[str], repl: Callable[[Match[str]], str] | str) -> OffsetText:
        """Regex substitution; every replacement character spans the whole original match.

        Empty matches are left alone, so a pattern can only rewrite or delete text.
        """
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            a, b = match.span()
            if a == b:
                continue
            out.append(self.text[last:a])
            starts.extend(self.starts[last:a])
            ends.extend(self.ends[last:a])
            rep = repl(match) if callable(repl) else match.expand(repl)
            s, e = self.span(a, b)
            if rep:
                out.append(rep)
                starts.extend([s] * len(rep))
                ends.extend([e] * len(rep))
            elif ends:
                ends[-1] = max(ends[-1], e)
            last = b
        out.append(self.text[last:])
        starts.extend(self.starts[last:])
        ends.extend(self.ends[last:])
        return OffsetText("".join(out), tuple(starts), tuple(ends), self.original_length)
