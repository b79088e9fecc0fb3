"""``parts.replace_parts`` gives the text and bounds that joining the new parts gives."""

from __future__ import annotations

import random

from generator.export.parts import bounds_of, replace_parts


def test_replacing_parts_equals_joining_them_again() -> None:
    rng = random.Random(5)
    for _ in range(200):
        parts = ["".join(rng.choice("ab中\n") for _ in range(rng.randrange(0, 6))) for _ in range(rng.randrange(1, 12))]
        head, tail = "头", "尾\n"
        bounds = bounds_of(len(head), map(len, parts))
        text = head + "".join(parts) + tail
        new = {n: "x" * rng.randrange(0, 8) for n in rng.sample(range(len(parts)), rng.randrange(0, len(parts) + 1))}
        after = [new.get(n, part) for n, part in enumerate(parts)]
        assert replace_parts(text, bounds, new) == head + "".join(after) + tail
        assert bounds == bounds_of(len(head), map(len, after))
