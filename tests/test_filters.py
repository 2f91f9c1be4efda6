"""The search filters: one value for every mode, checked and normalised once; partial dates as users type them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from vanthu.archive.errors import BadInput
from vanthu.index.filters import NO_FILTERS, Filters, check_page, partial_date

D = dt.date

PARTIAL_DATES = [
    ("2021-03-12", False, D(2021, 3, 12)),  # a whole date is itself
    ("2021-03-12", True, D(2021, 3, 12)),  # … at either end
    ("2021-02", False, D(2021, 2, 1)),  # a month starts on its first day
    ("2021-02", True, D(2021, 2, 28)),  # … and ends on its last
    ("2020-02", True, D(2020, 2, 29)),  # a leap February
    ("2021-12", True, D(2021, 12, 31)),  # December ends the year
    ("2021", False, D(2021, 1, 1)),  # a year from its first day
    ("2021", True, D(2021, 12, 31)),  # … to its last
    (" 2021-3 ", False, D(2021, 3, 1)),  # spaces and a one-digit month
]


@pytest.mark.parametrize("value,end,expected", PARTIAL_DATES)
def test_partial_dates(value, end, expected):
    assert partial_date(value, "--from", end=end) == expected


@pytest.mark.parametrize("value", [
    "hôm qua",  # words
    "2021-02-30",  # no such day
    "",  # nothing
    "12/03/2021",  # the Vietnamese order, not ISO
    "2021-13",  # no thirteenth month (it read as the end of January 2022)
    "2021-00",  # no month zero
])
def test_what_is_not_a_date_is_bad_input_naming_the_option(value):
    with pytest.raises(BadInput, match=f"--to {value!r} is not a date"):
        partial_date(value, "--to", end=True)


def test_no_date_is_none():
    assert partial_date(None, "--from", end=False) is None


def test_options_read_partial_dates_as_a_whole_range():
    filters = Filters.from_options(date_from="2020-12", date_to="2020")
    assert (filters.date_from, filters.date_to) == (D(2020, 12, 1), D(2020, 12, 31))


NORMALISED = [
    ({"doc_type": "Kế Hoạch"}, "doc_type", "ke hoach"),  # types compare folded
    ({"level": "District"}, "level", "district"),  # levels too
    ({"issuer": "UBND huyện Bình Xuyên"}, "issuer_words",
     ("uy", "ban", "nhan", "dan", "huyen", "binh", "xuyen")),  # folded words, UBND written out as issuers are stored
    ({"issuer": "Bình Xuyên"}, "issuer", "Bình Xuyên"),  # the issuer itself as typed
]


@pytest.mark.parametrize("given,field,expected", NORMALISED)
def test_filters_are_normalised_once(given, field, expected):
    filters = Filters(**given)
    assert getattr(filters, field) == expected
    assert dataclasses.replace(filters) == filters  # normalising again changes nothing


BAD = [
    ({"level": "village"}, "unknown level"),  # not an administrative level
    ({"date_from": D(2022, 1, 1), "date_to": D(2021, 1, 1)}, "after"),  # an empty range
    ({"issuer": "..."}, "no words"),  # an issuer of punctuation
]


@pytest.mark.parametrize("given,reason", BAD)
def test_a_filter_no_search_can_use_is_bad_input(given, reason):
    with pytest.raises(BadInput, match=reason):
        Filters(**given)


def test_no_filter_is_false_and_any_filter_true():
    assert not NO_FILTERS and not Filters(issuer="", doc_type="")
    assert Filters(level="commune") and Filters(date_to=D(2021, 1, 1))


@pytest.mark.parametrize("limit,sort,reason", [(0, "relevance", "at least 1"), (5, "size", "unknown sort")])
def test_bad_pages_are_bad_input(limit, sort, reason):
    with pytest.raises(BadInput, match=reason):
        check_page(limit, sort)
