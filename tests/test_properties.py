"""Properties over random bytes, random Unicode and mutated seeds.

Whatever the input, reading and scoring either give a result or raise the project's own
error (ScorerError), never anything else; every evidence quote is exactly the text at
its offsets; and the output renders.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rich.console import Console

from scorer.api import Scorer
from scorer.errors import ReadError, ScorerError
from scorer.read import read_document
from scorer.render.json_out import render_json
from scorer.render.table import render_table
from tests.conftest import seed_files
from tests.helpers import assert_verbatim
from tests.make_formats import write_docx, write_html, write_pdf

SUFFIXES = [".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".mht", ".doc", ".wps", ".rtf", ".ofd", ".jsp", ""]
MAGIC = [b"", b"PK\x03\x04", b"%PDF-1.4\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html><body>", b"<?xml version='1.0'?><html>",
         b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"MIME-Version: 1.0\r\n", b"{\\rtf1", b"\x89PNG\r\n\x1a\n"]  # fmt: skip
SEED_TEXTS = [seed.read_text(encoding="utf-8") for seed in seed_files()]
# Characters reports are made of, plus the ones that make structure: numbers, punctuation.
REPORT_ALPHABET = "".join(sorted(set("".join(SEED_TEXTS)))) + "一二三四五六七八九十（）()、。，；：\n\r\t 　"

# One folder for the whole module (hypothesis runs each example many times over); it is
# removed when the test process ends.
_FOLDER = tempfile.TemporaryDirectory(prefix="rolscore-properties-")
FOLDER = Path(_FOLDER.name)
NATIONAL = Scorer.open("national")
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _write(name: str, data: bytes) -> Path:
    path = FOLDER / name
    path.write_bytes(data)
    return path


def _check_read(path: Path) -> None:
    try:
        raw = read_document(path)
    except ReadError as error:
        assert error.line().startswith(f"{path}: ") and "\n" not in error.line()
        return
    assert raw.text.strip()


def _check_result(result, original: str) -> None:
    assert 0 <= result.score <= 100
    assert_verbatim(result, original)
    render_json([result], single=True)
    render_table(result, Console(file=io.StringIO(), width=100))


def _check_score_file(path: Path) -> None:
    try:
        result = NATIONAL.score_path(path).result
    except ScorerError:
        return
    _check_result(result, read_document(path).text)


@settings(PROPERTY, max_examples=300)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_never_break_the_reader(data, suffix):
    _check_read(_write(f"随机 输入{suffix}", data))


@settings(PROPERTY, max_examples=300)
@given(magic=st.sampled_from(MAGIC), data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_behind_a_format_signature(magic, data, suffix):
    _check_read(_write(f"伪装{suffix}", magic + data))


@settings(PROPERTY, max_examples=150)
@given(text=st.text(max_size=400), encoding=st.sampled_from(["utf-8", "utf-16", "gb18030", "utf-32"]))
def test_random_unicode_files_are_read_and_scored_or_refused(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    _check_score_file(_write("任意文字.txt", data))


@settings(PROPERTY, max_examples=150)
@given(text=st.text(alphabet=REPORT_ALPHABET, min_size=40, max_size=400))
def test_report_like_text_round_trips_through_every_text_encoding(text):
    assume(text.strip())
    for encoding, bom in (("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("gb18030", b"")):
        data = bom + text.encode(encoding)
        assume(encoding != "gb18030" or sum(1 for ch in text if ord(ch) > 0x7F) >= 20)
        raw = read_document(_write(f"编码 {encoding}.txt", data))
        assert raw.text == text


@settings(PROPERTY, max_examples=200)
@given(text=st.text(max_size=600))
def test_random_unicode_is_scored_with_verbatim_evidence(text):
    try:
        result = NATIONAL.score_text(text).result
    except ScorerError:
        return
    _check_result(result, text)


@st.composite
def mutated_seed(draw):
    """A seed with random cuts, insertions, duplications and line breaks."""
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text)))
        end = min(len(text), start + draw(st.integers(0, 400)))
        action = draw(st.sampled_from(["cut", "insert", "duplicate", "break", "join"]))
        if action == "cut":
            text = text[:start] + text[end:]
        elif action == "insert":
            text = text[:start] + draw(st.text(alphabet=REPORT_ALPHABET, max_size=80)) + text[start:]
        elif action == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        elif action == "break":
            text = text[:start] + "\n" + draw(st.sampled_from(["一、", "(二)", "3.", "（4）", "第五部分 ", ""])) + text[start:]
        else:
            text = text[:start] + text[start:end].replace("\n", "") + text[end:]
    return text


@settings(PROPERTY, max_examples=150)
@given(text=mutated_seed())
def test_mutated_seeds_are_scored_with_verbatim_evidence(text):
    # A mutated report is still a report: it is scored, never refused.
    _check_result(NATIONAL.score_text(text).result, text)


@pytest.fixture(scope="module")
def seed_documents():
    text = SEED_TEXTS[3]
    return {
        ".docx": write_docx(text, FOLDER / "seed.docx", styled=True).read_bytes(),
        ".pdf": write_pdf(text, FOLDER / "seed.pdf").read_bytes(),
        ".html": write_html(text, FOLDER / "seed.html").read_bytes(),
    }


@st.composite
def damage(draw, data: bytes) -> bytes:
    """Truncation, flipped bytes, or a chunk of junk spliced in."""
    kind = draw(st.sampled_from(["truncate", "flip", "splice"]))
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if kind == "flip":
        damaged = bytearray(data)
        for position in draw(st.lists(st.integers(0, len(data) - 1), min_size=1, max_size=20)):
            damaged[position] = draw(st.integers(0, 255))
        return bytes(damaged)
    position = draw(st.integers(0, len(data)))
    return data[:position] + draw(st.binary(min_size=1, max_size=200)) + data[position:]


@settings(PROPERTY, max_examples=120)
@given(data=st.data(), suffix=st.sampled_from([".docx", ".pdf", ".html"]))
def test_damaged_documents_are_read_or_refused_clearly(seed_documents, data, suffix):
    damaged = data.draw(damage(seed_documents[suffix]))
    _check_score_file(_write(f"损坏 的文件{suffix}", damaged))


@settings(PROPERTY, max_examples=300)
@given(text=st.text(alphabet="法治政府，,:。;\n ab", max_size=3000), data=st.data())
def test_sentences_and_clauses_stay_bounded(text, data):
    """Run-on text is cut into bounded sentences and clauses; real sentence ends are kept."""
    from scorer.text.sections import MAX_CLAUSE, MAX_SENTENCE, clause_span, sentence_starts

    starts = sentence_starts(text)
    assert starts[0] == 0 and all(a < b for a, b in zip(starts, starts[1:])) and starts[-1] <= max(len(text) - 1, 0)
    assert all(b - a <= MAX_SENTENCE for a, b in zip(starts, starts[1:] + [len(text)]))
    assert {i + 1 for i, ch in enumerate(text) if ch in "。;\n" and i + 1 < len(text)} <= set(starts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    left, right = clause_span(text, start, end)
    assert max(0, start - MAX_CLAUSE) <= left <= start and end <= right <= min(len(text), end + MAX_CLAUSE)
