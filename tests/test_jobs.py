"""Running work on worker processes: order, batches, and the pool itself."""

from __future__ import annotations

import functools

import pytest

from wikipress._jobs import _BATCH_ITEMS, _batch_limit, _batches, ordered_results, process_pool


def _square(number: int) -> int:
    return number * number


def _sizes(count: int, total: int | None, workers: int = 2) -> list[int]:
    items = [(index, index) for index in range(count)]
    batches = list(_batches(items, functools.partial(_batch_limit, total, None, workers)))
    assert [context for contexts, _, _ in batches for context in contexts] == list(range(count))
    return [len(payloads) for _, _, payloads in batches]


def test_batches_are_full_while_much_is_left_and_shrink_to_single_items_at_the_end():
    sizes = _sizes(1000, total=1000)
    assert sum(sizes) == 1000
    assert sizes[0] == _BATCH_ITEMS and sizes[-1] == 1
    assert sizes == sorted(sizes, reverse=True)  # never grows again
    assert len(sizes) < 1000 // _BATCH_ITEMS + 40  # the tail adds a few dozen round trips, not hundreds


def test_batches_of_an_unknown_total_are_all_full():
    assert _sizes(150, total=None) == [_BATCH_ITEMS, _BATCH_ITEMS, 150 - 2 * _BATCH_ITEMS]


def test_more_workers_get_smaller_batches_sooner():
    assert _sizes(300, total=300, workers=8)[0] < _sizes(300, total=300, workers=2)[0]


def test_items_without_payload_ride_along_and_keep_their_place():
    items = [(index, None if index % 3 == 0 else index) for index in range(50)]
    results = list(ordered_results(_square, items, None))
    assert results == [(index, None if index % 3 == 0 else index * index) for index in range(50)]


@pytest.mark.parametrize("total", [None, 200])
def test_a_process_pool_gives_results_in_input_order(total):
    items = [(f"item {index}", None if index % 7 == 0 else index) for index in range(200)]
    pool = process_pool(2)
    try:
        results = list(ordered_results(_square, items, pool, workers=2, total=total))
    finally:
        pool.shutdown()
    assert results == [(context, None if payload is None else payload * payload)
                       for context, payload in items]


def test_big_articles_make_small_batches():
    """A batch holds about a mebibyte at most, so memory stays bounded whatever
    the article size: a corpus of 600 KB articles goes two by two."""
    from wikipress._convert import Work
    from wikipress.corpus import split_articles

    article = "= Big {} =\n\n" + "word " * 120_000 + "\n"
    corpus = "".join(article.format(index) for index in range(6)).encode()
    chunks = list(split_articles([corpus]))
    assert len(chunks) == 6 and all(chunk.size > 600_000 for chunk in chunks)
    items = [(index, Work("corpus.txt", chunk)) for index, chunk in enumerate(chunks)]
    batches = list(_batches(items, functools.partial(_batch_limit, None, None, 2)))
    assert [len(payloads) for _, _, payloads in batches] == [2, 2, 2]


class _Sized:
    def __init__(self, size: int):
        self.size = size


def test_a_corpus_of_known_bytes_gets_smaller_batches_towards_its_end():
    """A corpus's articles are counted only as they are found, but its bytes
    are known: batches shrink as the bytes left do, down to single articles."""
    items = [(index, _Sized(5_000)) for index in range(1000)]
    limit = functools.partial(_batch_limit, None, 5_000 * 1000, 2)
    sizes = [len(payloads) for _, _, payloads in _batches(items, limit)]
    assert sum(sizes) == 1000
    assert sizes[0] == _BATCH_ITEMS and sizes[-3:] == [1, 1, 1]
    assert sizes == sorted(sizes, reverse=True)
    assert len(sizes) < 1000 // _BATCH_ITEMS + 40
