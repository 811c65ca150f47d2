import gzip
import io

import pytest

from lifecycle_core.store import lines as lines_module
from lifecycle_core.store.lines import TruncatedStream, iter_lines


def test_lines_across_blocks_crlf_and_no_final_newline(monkeypatch):
    monkeypatch.setattr(lines_module, "BLOCK", 7)  # lines straddle many blocks
    text = b"alpha\r\nbeta\n\ngamma-" + b"x" * 50 + b"\ndelta"
    expected = [b"alpha", b"beta", b"gamma-" + b"x" * 50, b"delta"]
    assert list(iter_lines(io.BytesIO(text), gzipped=False)) == expected
    assert list(iter_lines(io.BytesIO(gzip.compress(text)), gzipped=True)) == expected


def test_concatenated_gzip_members_are_one_stream():
    data = gzip.compress(b"a\nb\n") + gzip.compress(b"c\n")
    assert list(iter_lines(io.BytesIO(data), gzipped=True)) == [b"a", b"b", b"c"]


def test_truncated_gzip_yields_whole_lines_then_raises():
    data = gzip.compress(b"".join(b"line %d\n" % i for i in range(10_000)))
    stream = iter_lines(io.BytesIO(data[: len(data) // 2]), gzipped=True)
    got = []
    with pytest.raises(TruncatedStream):
        got.extend(stream)  # the whole lines before the cut arrive, then the error
    assert got and got[0] == b"line 0"


def test_consumer_stopping_early_stops_the_reader():
    data = gzip.compress(b"x\n" * 100_000)
    stream = iter_lines(io.BytesIO(data), gzipped=True)
    assert next(stream) == b"x"
    stream.close()  # joins the prefetch thread instead of leaking it


def test_highly_compressible_input_is_inflated_in_bounded_blocks(monkeypatch):
    monkeypatch.setattr(lines_module, "BLOCK", 1 << 16)
    data = gzip.compress(b"y" * (20 << 20) + b"\nz\n")  # 20 MiB that compress to ~20 KiB
    sizes = [len(block) for block in lines_module._gunzip_blocks(io.BytesIO(data))]
    assert max(sizes) <= 1 << 16 and sum(sizes) == (20 << 20) + 3
