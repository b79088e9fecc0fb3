"""A text made of consecutive parts, and where each part ends: the open-data files and the
workbook's sheets as ``generator.quick`` edits them (one project's rows replaced, the rest
copied as they are).

``bounds`` has one entry more than there are parts: part ``n`` is ``text[bounds[n]:bounds[n + 1]]``
(the text before ``bounds[0]`` and after ``bounds[-1]`` is the head and tail around them).
"""

from __future__ import annotations

from itertools import accumulate
from typing import AnyStr, Iterable, Mapping, Sequence


def bounds_of(start: int, lengths: Iterable[int]) -> list[int]:
    """The bounds of parts of these ``lengths`` that begin at offset ``start``."""
    return list(accumulate(lengths, initial=start))


def encode_parts(text: str, bounds: Sequence[int], head: bytes = b"") -> tuple[bytes, list[int]]:
    """``head`` (a BOM, say) and ``text`` as UTF-8, each part encoded once, and ``bounds``
    (character offsets into ``text``) as byte offsets into that file: so a quick run can replace
    parts of the file as bytes, never decoding or encoding the rest."""
    at = [0, *bounds, len(text)]
    chunks = [head] + [text[a:b].encode("utf-8") for a, b in zip(at, at[1:])]
    return b"".join(chunks), bounds_of(len(head) + len(chunks[1]), map(len, chunks[2:-1]))


def replace_parts(text: AnyStr, bounds: list[int], parts: Mapping[int, AnyStr]) -> AnyStr:
    """``text`` with part ``n`` replaced by ``parts[n]`` for each ``n``, in one pass; ``bounds`` is
    updated in place to the new text (text or bytes alike)."""
    return replace_blocks(text, bounds, {n: (1, [part]) for n, part in parts.items()})


def replace_blocks(text: AnyStr, bounds: list[int], blocks: Mapping[int, tuple[int, Sequence[AnyStr]]]) -> AnyStr:
    """``text`` with, for each ``start → (count, new)``, the ``count`` parts from ``start`` on
    replaced by the parts ``new`` (as many or not; blocks must not overlap), in one pass;
    ``bounds`` is updated in place to the new text and its parts."""
    pieces: list[AnyStr] = []
    out: list[int] = []
    last = index = shift = 0
    for start in sorted(blocks):
        count, new = blocks[start]
        if start < index:
            raise ValueError(f"blocks overlap at part {start}")
        out.extend(b + shift for b in bounds[index:start])
        pieces.append(text[last:bounds[start]])
        at = bounds[start] + shift
        for part in new:
            out.append(at)
            at += len(part)
        pieces.extend(new)
        end = start + count
        shift += at - (bounds[end] + shift)
        last, index = bounds[end], end
    out.extend(b + shift for b in bounds[index:])
    pieces.append(text[last:])
    bounds[:] = out
    return text[:0].join(pieces)
