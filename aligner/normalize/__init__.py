"""Script normalization that keeps a map back to original character offsets."""

from aligner.normalize.offsets import OffsetText

__all__ = ["OffsetText"]
