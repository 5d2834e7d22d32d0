"""Cutting a big corpus file into byte ranges at titles, with whole-file line numbers."""

import io
import random

import pytest

from wikipress import parse_articles
from wikipress._ranges import count_line_ends, next_title, nominal_offsets, open_range
from wikipress.corpus import parse_chunk, split_articles


def make_corpus(seed, end="\n", bad=True):
    rng = random.Random(seed)
    parts = []
    for number in range(60):
        parts.append(f"= Article {number} =\n\nText {'word ' * rng.randint(1, 40)}\n")
        if rng.random() < 0.3:
            parts.append("== Part ==\n- item\n==== Deep ====\nmore\n")
        if rng.random() < 0.2:
            parts.append("= not a title\n")
    data = "".join(parts).replace("\n", end).encode()
    if bad:
        data = data.replace(b"Text", b"T\xffxt", 1)
    return b"Lead before any title.\n".replace(b"\n", end.encode()) + data


def brute_line_ends(data, start, end):
    return sum(1 for i in range(start, end)
               if data[i:i + 1] == b"\n" or (data[i:i + 1] == b"\r" and data[i + 1:i + 2] != b"\n"))


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_line_ends_are_counted_additively_at_any_cut(end):
    data = make_corpus(1, end)
    rng = random.Random(2)
    cuts = sorted({0, len(data), *(rng.randrange(len(data)) for _ in range(40))})
    stream = io.BytesIO(data)
    counts = [count_line_ends(stream, a, b) for a, b in zip(cuts, cuts[1:])]
    assert counts == [brute_line_ends(data, a, b) for a, b in zip(cuts, cuts[1:])]
    assert sum(counts) == brute_line_ends(data, 0, len(data))


def read_in_ranges(data, blocksize):
    """What wikipress.dask does per partition, here in one process."""
    stream = io.BytesIO(data)
    size = len(data)
    first = next_title(stream, 0, size).offset
    offsets = nominal_offsets(size, blocksize, first)
    cuts = [next_title(stream, offset, size) for offset in offsets]
    starts = [(0, 1)]
    for index, (offset, cut) in enumerate(zip(offsets, cuts)):
        before = count_line_ends(stream, 0, offset)
        starts.append((cut.offset, 1 + before + cut.line_ends))
    documents, errors = [], []
    bounds = [s for s, _ in starts] + [size]
    for (start, line), stop in zip(starts, bounds[1:]):
        if start >= stop:
            continue
        for chunk in split_articles(open_range(stream, start, stop), name="c", first_line=line,
                                    first_byte=start):
            try:
                documents.append(parse_chunk(chunk, source="c"))
            except Exception as error:  # ParseError
                errors.append(str(error))
    return documents, errors, len(starts)


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("blocksize", [97, 512, 2048])
def test_ranges_give_the_same_articles_positions_and_errors(end, blocksize):
    data = make_corpus(7, end)
    expected_errors = []
    expected = list(parse_articles(io.BytesIO(data), name="c",
                                   on_error=lambda e: expected_errors.append(str(e))))
    documents, errors, partitions = read_in_ranges(data, blocksize)
    assert partitions > 2
    assert documents == expected
    assert [d.line for d in documents] == [d.line for d in expected]
    assert [d.diagnostics for d in documents] == [d.diagnostics for d in expected]
    assert errors == expected_errors and "byte offset" in errors[0]


def test_next_title_skips_a_cut_in_the_middle_of_a_title_line():
    data = b"= A =\ntext\n= B =\nmore\n"
    stream = io.BytesIO(data)
    assert next_title(stream, 0, len(data)) == (0, 0)
    assert next_title(stream, 1, len(data)) == (11, 2)   # inside "= A =": next is "= B ="
    assert next_title(stream, 11, len(data)) == (11, 0)
    assert next_title(stream, 12, len(data)).offset == len(data)
