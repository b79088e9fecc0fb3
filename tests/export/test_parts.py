"""``parts.replace_parts`` and ``replace_blocks`` give the text and bounds that joining the new parts gives."""

from __future__ import annotations

import random

from generator.export.parts import bounds_of, encode_parts, replace_blocks, replace_parts


HEAD, TAIL = "头", "尾\n"


def random_text(rng: random.Random, most: int) -> tuple[list[str], list[int], str]:
    """1 to ``most`` random parts (some empty, some multi-byte), their bounds and the whole text."""
    parts = ["".join(rng.choice("ab中\n") for _ in range(rng.randrange(0, 6))) for _ in range(rng.randrange(1, most))]
    return parts, bounds_of(len(HEAD), map(len, parts)), HEAD + "".join(parts) + TAIL


def test_replacing_parts_equals_joining_them_again() -> None:
    rng = random.Random(5)
    for _ in range(200):
        parts, bounds, text = random_text(rng, 12)
        head, tail = HEAD, TAIL
        new = {n: "x" * rng.randrange(0, 8) for n in rng.sample(range(len(parts)), rng.randrange(0, len(parts) + 1))}
        after = [new.get(n, part) for n, part in enumerate(parts)]
        assert replace_parts(text, bounds, new) == head + "".join(after) + tail
        assert bounds == bounds_of(len(head), map(len, after))


def test_replacing_blocks_equals_joining_them_again() -> None:
    """Blocks of parts replaced by more, fewer or no parts: text and bounds as if made anew."""
    rng = random.Random(6)
    for _ in range(300):
        parts, bounds, text = random_text(rng, 14)
        head, tail = HEAD, TAIL
        blocks: dict[int, tuple[int, list[str]]] = {}
        after: list[str] = []
        n = 0
        while n < len(parts):
            new = ["y" * rng.randrange(0, 5) for _ in range(rng.randrange(0, 4))]
            action = rng.random()
            if action < 0.2:  # put parts in before part n, keep it
                blocks[n] = (0, new)
                after += new + [parts[n]]
                n += 1
            elif action < 0.5:  # replace parts n… by others
                count = rng.randrange(1, min(4, len(parts) - n) + 1)
                blocks[n] = (count, new)
                after += new
                n += count
            else:
                after.append(parts[n])
                n += 1
        assert replace_blocks(text, bounds, blocks) == head + "".join(after) + tail
        assert bounds == bounds_of(len(head), map(len, after))


def test_replacing_parts_of_the_encoded_file_equals_encoding_the_new_text() -> None:
    """``encode_parts`` gives the file and the byte offsets of the parts in it (after a BOM here), and
    replacing parts of its bytes gives the new text's file and byte bounds."""
    rng = random.Random(7)
    bom = "\ufeff".encode("utf-8")
    for _ in range(200):
        parts, bounds, text = random_text(rng, 12)
        data, encoded = encode_parts(text, bounds, bom)
        assert data == bom + text.encode("utf-8")
        assert [data[a:b].decode("utf-8") for a, b in zip(encoded, encoded[1:])] == parts
        new = {n: "新" * rng.randrange(0, 4) for n in rng.sample(range(len(parts)), rng.randrange(0, len(parts) + 1))}
        after = [new.get(n, part) for n, part in enumerate(parts)]
        got = replace_parts(data, encoded, {n: part.encode("utf-8") for n, part in new.items()})
        assert got == bom + (HEAD + "".join(after) + TAIL).encode("utf-8")
        assert encoded == bounds_of(len(bom) + len(HEAD.encode("utf-8")), (len(part.encode("utf-8")) for part in after))
