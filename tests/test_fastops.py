"""The Arrow/numpy helpers give exactly what the pandas operations they replace give."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from orgsocial.analysis.response import first_answers
from orgsocial.io.schemas import is_first_occurrence, parse_timestamps
from orgsocial.scale.fastops import (
    blank_to_missing,
    by_code,
    categoricals_as_text,
    distinct,
    distinct_and_inverse,
    group_codes,
    hash_matches,
    hash_order,
    hash_strings,
    is_in,
    key_order,
    map_unique,
    positions_among_unique,
    positions_in,
    repeated,
    repeated_among_runs,
    sorted_matches,
    taken,
    trimmed,
)

# short ids (hashed by byte position) and long texts (hashed one by one)
values = st.lists(
    st.one_of(
        st.none(),
        st.sampled_from(["", "a", "b", "ab", "ba", "é", "x" * 65, "x" * 64 + "y"]),
        st.text(max_size=80),
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(values)
def test_repeated_is_duplicated_keep_false(items):
    series = pd.Series(items, dtype="str")
    expected = series.duplicated(keep=False) & series.notna()
    assert repeated(series).tolist() == expected.tolist()


@settings(max_examples=200, deadline=None)
@given(values)
def test_first_occurrence_matches_pandas(items):
    series = pd.Series(items, dtype="str").fillna("")
    expected = ~(series.duplicated(keep="first") & (series != ""))
    assert is_first_occurrence(series).tolist() == expected.tolist()


@settings(max_examples=100, deadline=None)
@given(values)
def test_equal_strings_hash_equal(items):
    series = pd.Series(items, dtype="str").fillna("")
    hashed = hash_strings(series)
    for value in set(series):
        assert len(set(hashed[(series == value).to_numpy()])) == 1


@settings(max_examples=100, deadline=None)
@given(values)
def test_a_strings_hash_does_not_depend_on_the_other_strings(items):
    # one length throughout takes the byte-matrix path, mixed lengths the other:
    # partitions of either kind must agree on every id's hash
    series = pd.Series(items, dtype="str").fillna("")
    hashed = hash_strings(series)
    alone = [int(hash_strings(pd.Series([value] * 3, dtype="str"))[0]) for value in series]
    assert hashed.tolist() == alone


@settings(max_examples=100, deadline=None)
@given(values, values)
def test_positions_in_is_the_first_position(items, keys):
    series = pd.Series(items, dtype="str")
    key_index = pd.Index(pd.Series(keys, dtype="str").dropna())
    first = {}
    for position, key in enumerate(key_index):
        first.setdefault(key, position)
    expected = [first.get(v, -1) if isinstance(v, str) else -1 for v in series.tolist()]
    assert positions_in(series, key_index).tolist() == expected
    # a few values among many keys take another path (the values are hashed)
    assert positions_in(series.iloc[:2], key_index).tolist() == expected[:2]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("pqrs"), st.integers(0, 5), st.sampled_from(["a", "b", "c"])),
        max_size=30,
    )
)
def test_first_answers_are_the_earliest_then_smallest_actor(rows):
    candidates = pd.DataFrame(rows, columns=["inquiry_id", "minute", "actor_id"]).astype(
        {"inquiry_id": "str", "actor_id": "str"}
    )
    candidates["timestamp"] = pd.Timestamp("2026-01-01", tz="UTC") + pd.to_timedelta(
        candidates.pop("minute"), unit="min"
    )
    expected = candidates.sort_values(["inquiry_id", "timestamp", "actor_id"]).drop_duplicates(
        "inquiry_id"
    )
    got = first_answers(candidates).sort_values("inquiry_id")
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))


def _stamp(parts: tuple[int, int, int, int, int, int, str]) -> str:
    year, month, day, hour, minute, second, zone = parts
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{zone}"


stamps = st.lists(
    st.one_of(
        st.tuples(
            st.integers(0, 9999),
            st.integers(0, 13),
            st.integers(0, 32),
            st.integers(0, 25),
            st.integers(0, 61),
            st.integers(0, 61),
            st.sampled_from(["Z", "+02:00", "-05:30", "+14:00", "+24:00", "-00:00", "+05:61"]),
        ).map(_stamp),
        st.sampled_from(["", "2026-07-01", "2026-07-01 09:30", "2026-07-01T09:30:00.5Z", "x"]),
    ),
    min_size=1,
    max_size=30,
)


#: Time stamps with an offset in the spellings Arrow's parser accepts (and some it
#: refuses): a whole column of them is parsed by Arrow in one go.
offset_stamps = st.lists(
    st.builds(
        "{}-{:02d}-{:02d}{}{}{}".format,
        st.sampled_from(["2026", "0001", "1970", "1677", "2262", "9999"]),
        st.integers(1, 12),
        st.integers(1, 31),
        st.sampled_from(["T", " "]),
        st.sampled_from(["09", "23:59", "00:00:00", "09:30:59.5", "09:30:00.123456", "24:00:00"]),
        st.sampled_from(["Z", "+02:00", "+0200", "+02", "-05:30", "-0530", "+23:59", "-00:00"]),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(stamps, offset_stamps))
def test_timestamps_parse_as_pandas_parses_them(texts):
    values = pd.Series(texts, dtype="str")
    expected = pd.to_datetime(values, format="ISO8601", utc=True, errors="coerce")
    got = parse_timestamps(values)
    assert got.isna().tolist() == expected.isna().tolist()
    assert (got[got.notna()] == expected[expected.notna()]).all()


@settings(max_examples=100, deadline=None)
@given(values, st.lists(st.text(max_size=70), unique=True, max_size=40))
def test_positions_among_unique_keys_equal_positions_in(items, keys):
    series = pd.Series(items, dtype="str")
    key_series = pd.Series(keys, dtype="str")
    expected = positions_in(series, pd.Index(key_series))
    assert positions_among_unique(series, key_series).tolist() == expected.tolist()


@settings(max_examples=100, deadline=None)
@given(values, st.sampled_from(["str", "object"]))
def test_blank_to_missing_is_mask_of_blanks(items, dtype):
    series = pd.Series(items, dtype=dtype, index=range(3, 3 + len(items)), name="actor_id")
    pd.testing.assert_series_equal(blank_to_missing(series), series.mask(series == ""))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.sampled_from(["", "a", "b", "c"])), max_size=30),
    st.lists(st.sampled_from(["", "a", "b", "c", "d"]), max_size=5),  # unused categories too
)
def test_blank_to_missing_drops_the_blank_category(items, more):
    categories = sorted({item for item in items if item is not None} | set(more))
    series = pd.Series(
        pd.Categorical(items, categories=categories), index=range(3, 3 + len(items)), name="x"
    )
    blank = [""] if "" in categories else []
    pd.testing.assert_series_equal(blank_to_missing(series), series.cat.remove_categories(blank))


padded = st.lists(
    st.one_of(
        st.none(), st.text(max_size=6), st.sampled_from([" a", "a\t", "\u3000a", "a\xa0", "é"])
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(padded, st.sampled_from(["str", "object"]))
def test_trimmed_is_str_strip(items, dtype):
    series = pd.Series(items, dtype=dtype, name="event_id")
    pd.testing.assert_series_equal(trimmed(series), series.str.strip())


@settings(max_examples=100, deadline=None)
@given(values, st.lists(st.integers(-1, 59), max_size=30), st.sampled_from(["str", "object"]))
def test_taken_is_the_value_at_each_position_or_missing(items, positions, dtype):
    series = pd.Series(items, dtype=dtype, index=range(7, 7 + len(items)))
    positions = [p if p < len(items) else -1 for p in positions]
    got = taken(series, np.array(positions, dtype="int64"))
    expected = [items[p] if p >= 0 else None for p in positions]
    assert [None if pd.isna(v) else v for v in got.tolist()] == expected
    assert len(got) == len(positions) and got.index.equals(pd.RangeIndex(len(positions)))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 50), max_size=40), st.sampled_from([51, 1 << 40]))
def test_grouping_by_counting_equals_np_unique(keys, space):
    packed = np.array(keys, dtype="int64")
    values, inverse = distinct_and_inverse(packed, space)  # small space: counted
    expected_values, expected_inverse = np.unique(packed, return_inverse=True)
    assert values.tolist() == expected_values.tolist()
    assert inverse.tolist() == expected_inverse.tolist()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 2**62 - 1), max_size=40),
    st.sampled_from([7, 1 << 40, 1 << 62]),  # key and row fit into 64 bits, or do not
)
def test_key_order_is_a_stable_argsort(keys, space):
    array = np.array([key % space for key in keys], dtype="int64")
    assert key_order(array, space).tolist() == np.argsort(array, kind="stable").tolist()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 2**64 - 1), st.lists(st.integers(0, 63), max_size=3)),
        max_size=30,
    )
)
def test_hash_order_sorts_the_hashes(spread):
    # each hash with neighbours differing in the low bits only (which the packing replaces
    # by row numbers), some equal: the rows that share top bits must still come out sorted
    hashes = [value ^ flip for value, flips in spread for flip in [0, *flips]]
    array = np.array(hashes, dtype="uint64")
    np.random.default_rng(len(array)).shuffle(array)
    order = hash_order(array)
    assert sorted(order.tolist()) == list(range(len(array)))
    assert array[order].tolist() == sorted(array.tolist())


def test_hash_order_sorts_hashes_whose_low_bits_are_against_row_order():
    # one row bit: 3 and 2 share their top bits, and row order puts 3 first
    hashes = np.array([3, 2], dtype="uint64")
    assert hash_order(hashes).tolist() == [1, 0]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.integers(-5, 5), st.integers(-(2**62), 2**62)), max_size=30))
def test_distinct_is_np_unique(values):
    array = np.array(values, dtype="int64")
    assert distinct(array).tolist() == np.unique(array).tolist()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 6), st.integers(0, 1)), max_size=30))
def test_group_codes_are_a_sorted_group_by(rows):
    keys = [np.array(column, dtype="int64") for column in zip(*rows, strict=True)] or [
        np.array([], dtype="int64")
    ] * 3
    (a, b, c), inverse = group_codes(keys, [3, 7, 2])
    expected = sorted(set(rows))
    assert list(zip(a.tolist(), b.tolist(), c.tolist(), strict=True)) == expected
    assert [expected[g] for g in inverse.tolist()] == rows


# --- categoricals (the columns partitions read as Parquet dictionaries) ----------------

few = st.lists(
    st.one_of(st.none(), st.sampled_from(["", "a", " a", "a ", "A", "b\t", " ", "é ", "x y"])),
    max_size=40,
)


def _both(items: list) -> tuple[pd.Series, pd.Series]:
    """The same values as text and as a categorical (on a shuffled index)."""
    index = pd.Index(np.arange(len(items))[::-1] + 7)
    return pd.Series(items, dtype="str", index=index), pd.Series(
        items, dtype="category", index=index
    )


def _as_text(series: pd.Series) -> pd.Series:
    return series.astype("str") if isinstance(series.dtype, pd.CategoricalDtype) else series


@settings(max_examples=150, deadline=None)
@given(few, st.lists(st.sampled_from(["a", "A", "", "b", "é"]), max_size=4))
def test_categoricals_are_judged_as_their_text(items, known):
    text, categorical = _both(items)
    pd.testing.assert_series_equal(is_in(categorical, set(known)), is_in(text, set(known)))
    keys = pd.Index(known)
    assert positions_in(categorical, keys).tolist() == positions_in(text, keys).tolist()
    pd.testing.assert_series_equal(_as_text(trimmed(categorical)), trimmed(text))
    lower = lambda s: s.str.lower()  # noqa: E731
    pd.testing.assert_series_equal(
        _as_text(map_unique(categorical, lower)), map_unique(text, lower)
    )
    pd.testing.assert_series_equal(_as_text(blank_to_missing(categorical)), blank_to_missing(text))
    assert isinstance(trimmed(categorical).dtype, pd.CategoricalDtype)  # still few values


def test_by_code_gives_missing_for_missing_values_and_for_no_categories():
    values = pd.Series(["b", None, "a"], dtype="category")
    assert by_code(values, np.array([10, 20]), -1).tolist() == [20, -1, 10]
    empty = pd.Series([None, None], dtype="category")
    assert by_code(empty, np.array([], dtype="int64"), -1).tolist() == [-1, -1]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.text(max_size=5)), max_size=30),
    st.integers(0, 100),
)
def test_categoricals_as_text_is_astype_str(items, start):
    column = pd.Series(items, dtype="category", index=range(start, start + len(items)), name="u")
    got = categoricals_as_text(pd.DataFrame({"u": column}))["u"]
    pd.testing.assert_series_equal(got, column.astype("str"))


def test_categoricals_as_text_leaves_other_columns_alone():
    frame = pd.DataFrame({"a": pd.Categorical(["x", None]), "b": [1, 2]})
    out = categoricals_as_text(frame)
    assert out["a"].dtype == pd.Series(["x"], dtype="str").dtype
    assert out["a"].tolist()[0] == "x" and pd.isna(out["a"].tolist()[1])
    assert out["b"].tolist() == [1, 2]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 2**64 - 1), max_size=30),
    st.lists(st.integers(0, 2**64 - 1), max_size=60),
)
def test_hash_matches_are_the_positions_of_wanted_hashes(wanted, others):
    # a wanted hash with other low bits passes the table of top bits: the search decides
    near = [(value & ~0xFFF) | ((value + 1) & 0xFFF) for value in wanted]
    hashes = np.array(wanted + others + near, dtype="uint64")
    np.random.default_rng(len(hashes)).shuffle(hashes)
    chosen = np.sort(np.array(wanted, dtype="uint64"))
    expected = np.flatnonzero(np.isin(hashes, chosen))
    assert np.sort(hash_matches(chosen, hashes)).tolist() == expected.tolist()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 2**64 - 1), max_size=20),
    st.lists(st.integers(0, 2**64 - 1), max_size=40),
    st.lists(st.integers(0, 5), max_size=60),
    st.lists(st.integers(0, 2**64 - 1), max_size=10),
)
def test_sorted_matches_are_the_positions_of_wanted_values(wanted, others, repeats, absent):
    # values repeated in the sorted array (equal hashes of different ids) are all found;
    # wanted values that are not there (most of them, in the second pass) are not
    values = wanted + others
    repeated = [values[i % len(values)] for i in repeats] if values else []
    ordered = np.sort(np.array(values + repeated, dtype="uint64"))
    chosen = np.sort(np.array(wanted + wanted[:2] + absent, dtype="uint64"))  # one twice
    expected = np.flatnonzero(np.isin(ordered, chosen))
    assert sorted_matches(ordered, chosen).tolist() == expected.tolist()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.integers(0, 2**64 - 1),
                st.integers(0, 255).map(lambda top: top << 56),  # on a bucket's edge
                st.integers(0, 3),
            ),
            max_size=30,
        ),
        max_size=6,
    )
)
def test_repeated_among_runs_are_the_values_found_more_than_once(runs):
    sorted_runs = [np.sort(np.array(run, dtype="uint64")) for run in runs]
    everything = np.concatenate([np.zeros(0, dtype="uint64"), *sorted_runs])
    values, counts = np.unique(everything, return_counts=True)
    assert repeated_among_runs(sorted_runs).tolist() == values[counts > 1].tolist()
