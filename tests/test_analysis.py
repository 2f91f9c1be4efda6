"""The Vietnamese analyzer: token lists for realistic text, and that Whoosh can pickle it."""

from __future__ import annotations

import pickle
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.index.analysis import (
    exact_analyzer,
    folded_analyzer,
    key_analyzer,
    number_analyzer,
    text_analyzer,
)
from vanthu.index.schema import build_schema


def texts(analyzer, value, **kw):
    return [t.text for t in analyzer(value, **kw)]


EXACT = [
    ("Trạm Y tế và an toàn", ["trạm", "y", "tế", "và", "an", "toàn"]),  # one-letter syllable, no stop words
    ("Ý kiến của Chủ tịch", ["ý", "kiến", "của", "chủ", "tịch"]),  # one-letter syllable with a tone
    ("Cộng hoà, thuỷ lợi, UỶ BAN", ["cộng", "hòa", "thủy", "lợi", "ủy", "ban"]),  # old tone placement → canonical
    (unicodedata.normalize("NFD", "Tiêm vắc xin"), ["tiêm", "vắc", "xin"]),  # NFD text stays whole syllables
    ("Số: 845/UBND-YT ngày 20/8/2021", ["số", "845", "ubnd", "yt", "ngày", "20", "8", "2021"]),  # numbers split
    ("phòng, chống dịch Covid-19", ["phòng", "chống", "dịch", "covid", "19"]),  # punctuation is not a token
    ("ĐẢNG CỘNG SẢN VIỆT NAM", ["đảng", "cộng", "sản", "việt", "nam"]),  # capitals, đ kept
]


@pytest.mark.parametrize("text,expected", EXACT)
def test_exact_analyzer(text, expected):
    assert texts(exact_analyzer(), text) == expected


FOLDED = [
    ("Tiêm vắc xin", ["tiem", "vac", "xin"]),  # diacritics removed
    ("Đồng Tháp, ĐỨC THỌ", ["dong", "thap", "duc", "tho"]),  # đ → d, any case
    ("mã, ma, má, mà, mạ", ["ma", "ma", "ma", "ma", "ma"]),  # every tone folds to one form
]


@pytest.mark.parametrize("text,expected", FOLDED)
def test_folded_analyzer(text, expected):
    assert texts(folded_analyzer(), text) == expected


def test_text_analyzer_indexes_exact_and_folded_at_one_position():
    tokens = [(t.text, t.pos) for t in text_analyzer()("Mã số Covid", positions=True)]
    assert tokens == [("mã", 0), ("ma", 0), ("số", 1), ("so", 1), ("covid", 2)]  # ASCII words once


def test_text_analyzer_keeps_query_terms_as_typed():
    assert texts(text_analyzer(), "Mã số Covid", mode="query") == ["mã", "số", "covid"]


NUMBERS = [
    ("845/UBND-YT", "845/ubnd-yt"),  # canonical
    ("845/ubnd - yt", "845/ubnd-yt"),  # spaces and case
    ("05-CT/TU", "5-ct/tu"),  # leading zero
    ("117/2020/NĐ-CP", "117/2020/nd-cp"),  # đ folded
]


@pytest.mark.parametrize("number,key", NUMBERS)
def test_number_analyzer_gives_one_key(number, key):
    assert texts(number_analyzer(), number) == [key]


def test_key_analyzer_folds_the_whole_value():
    assert texts(key_analyzer(), "Công  văn") == ["cong van"]


@pytest.mark.parametrize("make", [exact_analyzer, folded_analyzer, text_analyzer, key_analyzer, number_analyzer])
def test_analyzers_pickle(make):
    analyzer = make()
    again = pickle.loads(pickle.dumps(analyzer))
    assert again == analyzer
    assert texts(again, "Thuỷ lợi Y tế") == texts(analyzer, "Thuỷ lợi Y tế")


def test_schema_pickles():
    schema = build_schema()
    assert pickle.loads(pickle.dumps(schema)).names() == schema.names()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_folded_tokens_are_the_folded_exact_tokens(value):
    """Whatever the text, folding per token equals tokenising then folding: no token is lost or split."""
    from vanthu.vietnamese.text import fold

    exact = texts(exact_analyzer(), value)
    assert texts(folded_analyzer(), value) == [fold(t) for t in exact]
