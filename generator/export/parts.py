"""A text made of consecutive parts, and where each part ends: the open-data files and the
workbook's sheets as ``generator.quick`` edits them (one project's rows replaced, the rest
copied as they are).

``bounds`` has one entry more than there are parts: part ``n`` is ``text[bounds[n]:bounds[n + 1]]``
(the text before ``bounds[0]`` and after ``bounds[-1]`` is the head and tail around them).
"""

from __future__ import annotations

from itertools import accumulate
from typing import Iterable, Mapping


def bounds_of(start: int, lengths: Iterable[int]) -> list[int]:
    """The bounds of parts of these ``lengths`` that begin at offset ``start``."""
    return list(accumulate(lengths, initial=start))


def replace_parts(text: str, bounds: list[int], parts: Mapping[int, str]) -> str:
    """``text`` with part ``n`` replaced by ``parts[n]`` for each ``n``, in one pass; ``bounds`` is
    updated in place to the new text."""
    pieces: list[str] = []
    last = 0
    shift, moves = 0, []
    for n in sorted(parts):
        pieces += (text[last:bounds[n]], parts[n])
        last = bounds[n + 1]
        shift += len(parts[n]) - (bounds[n + 1] - bounds[n])
        moves.append((n + 1, shift))
    pieces.append(text[last:])
    for k, (begin, delta) in enumerate(moves):  # every bound after part n moves by the growth so far
        end = moves[k + 1][0] if k + 1 < len(moves) else len(bounds)
        if delta:
            for i in range(begin, end):
                bounds[i] += delta
    return "".join(pieces)
