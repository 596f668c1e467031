from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip_analysis.errors import NumberParseError
from sakip_analysis.read.numbers import find_numbers, format_number, parse_number, read_cell


@pytest.mark.parametrize(("text", "value", "kind", "decimals"), [
    ("2.954.994.511", "2954994511", "amount", 0),
    ("2.796.089.661,00", "2796089661", "amount", 2),
    ("Rp. 2.633.370.523", "2633370523", "amount", 0),
    ("94,22", "94.22", "number", 2),
    ("98,475", "98.475", "number", 3),
    ("100 %", "100", "percent", 0),
    ("100%", "100", "percent", 0),
    ("89,95 %", "89.95", "percent", 2),
    ("100 Persen", "100", "percent", 0),
    ("3.33", "3.33", "number", 2),
    ("100.03%", "100.03", "percent", 2),
    ("72,00", "72", "number", 2),
    ("-5,5", "-5.5", "number", 1),
])
def test_reference_number_forms(text, value, kind, decimals):
    parsed = parse_number(text)
    assert parsed.value == Decimal(value)
    assert (parsed.kind, parsed.decimals) == (kind, decimals)
    assert parsed.raw == text


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("22 Lembaga", 22, "Lembaga"), ("11 Desa", 11, "Desa"), ("85 m2", 85, "m2"),
    ("12 Laporan", 12, "Laporan"),
])
def test_counts_keep_their_unit(text, value, unit):
    parsed = parse_number(text)
    assert (parsed.value, parsed.kind, parsed.unit) == (Decimal(value), "count", unit)


def test_three_digits_after_one_separator_follow_the_column():
    assert parse_number("1.234", "amount").value == Decimal(1234)
    assert parse_number("1.234", "percent").value == Decimal("1.234")
    assert parse_number("98,475", "percent").value == Decimal("98.475")
    assert parse_number("1.234").ambiguous


@pytest.mark.parametrize("text", ["-", "", "N/A", "  ", "--", None])
def test_missing_is_never_zero(text):
    parsed = parse_number(text)
    assert parsed.missing and parsed.kind == "missing"


@pytest.mark.parametrize("text", ["1.2.3", "abc", "12,,3", "1.2345.678", "7,,", "Rp"])
def test_garbage_is_an_error_naming_the_text(text):
    with pytest.raises(NumberParseError, match=repr(text).replace(".", r"\.")):
        parse_number(text)


def test_numbers_in_a_sentence():
    found = [(m.number.value, m.number.kind) for m in find_numbers(
        "anggaran sebesar Rp. 2.954.994.511 atau serapan 89,12% dengan selisih 0,14 poin")]
    assert found == [(Decimal("2954994511"), "amount"), (Decimal("89.12"), "percent"),
                     (Decimal("0.14"), "number")]


amounts = st.integers(min_value=0, max_value=10**13)


@given(amounts)
def test_grouped_amount_round_trip(value):
    assert parse_number(format_number(value), "amount").value == value


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                   allow_infinity=False), st.sampled_from([1, 2]))
def test_decimal_round_trip(value, decimals):
    text = format_number(value, decimals)
    parsed = parse_number(text, "score")
    assert parsed.value == value.quantize(Decimal(1).scaleb(-decimals))
    assert parsed.decimals == decimals


@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False,
                   allow_infinity=False), st.booleans())
def test_percent_round_trip(value, space):
    text = format_number(value, 2) + (" %" if space else "%")
    parsed = parse_number(text)
    assert (parsed.value, parsed.kind) == (value, "percent")


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(
    ["Lembaga", "Desa", "Dokumen", "Laporan", "Unit"]))
def test_count_round_trip(value, unit):
    parsed = parse_number(f"{format_number(value)} {unit}", "count")
    assert (parsed.value, parsed.unit) == (value, unit)


# --------------------------------------------------------------------------- ratio cells

def _grouped(value: int) -> str:
    return format_number(value)


@given(st.integers(min_value=2, max_value=10**7), st.sampled_from([":", " : ", "/"]),
       st.booleans())
def test_a_ratio_is_worth_its_term_other_than_one(n, mark, one_first):
    # `1:400` is one per 400: the indicator is stated in 400; `400:1` says the same
    text = f"1{mark}{_grouped(n)}" if one_first else f"{_grouped(n)}{mark}1"
    cell = read_cell(text)
    assert (cell.kind, cell.number.value, cell.number.kind) == ("ratio", n, "ratio")
    assert not cell.kept_as_text


@given(st.integers(min_value=2, max_value=10**5).filter(lambda x: str(x).strip("0") != "1"),
       st.integers(min_value=1, max_value=6))
def test_a_ratio_per_power_of_ten_is_worth_its_numerator(x, k):
    # `89/100.000` is 89 per 100.000: the figure is 89, the base its unit of count
    cell = read_cell(f"{_grouped(x)}/{_grouped(10**k)}")
    assert (cell.kind, cell.number.value) == ("ratio", x)


@given(st.integers(min_value=2, max_value=999), st.integers(min_value=2, max_value=999))
def test_a_ratio_without_a_base_has_no_value(a, b):
    # `3:7` names neither term as a base; which one the indicator counts is not ours to guess
    if any(str(v).strip("0") == "1" for v in (a, b)):
        return
    cell = read_cell(f"{a}:{b}")
    assert (cell.kind, cell.number, cell.kept_as_text) == ("ratio", None, True)


def test_ratio_forms_as_printed():
    assert read_cell("89/100.000 penduduk").number.unit == "penduduk"
    assert read_cell("1 : 1.000").number.value == 1000  # a dot groups thousands in a ratio
    # `4 89/100.000`: a first term that is not one figure; `1/2 2/3`: two ratios
    for text in ("4 89/100.000", "1/2 2/3"):
        cell = read_cell(text)
        assert (cell.kind, cell.number) == ("ratio", None)


def test_a_mixed_separator_typo_is_a_whole_number_with_a_note():
    """Bappeda Jabar 2016, page 23, prints the pagu of Program Penataan Ruang as
    `1.579,307,000`: a decimal mark is never printed twice, and every group has three digits,
    so the only reading is 1 579 307 000 rupiah; the reader warns with the note."""
    parsed = parse_number("1.579,307,000", "amount")
    assert parsed.value == Decimal(1579307000)
    assert parsed.decimals == 0 and parsed.note
    assert parse_number("2.954.994.511").note is None
    # one mark groups and the other, once and last, is the decimal mark: no typo
    consistent = parse_number("2.500.000,000", "amount")
    assert (consistent.value, consistent.decimals, consistent.note) == (
        Decimal("2500000.000"), 3, None)
    with pytest.raises(NumberParseError):  # a short group: no whole-number reading
        parse_number("1.234,567,89")


@given(st.integers(min_value=1000**3, max_value=10**15), st.data())
def test_thousands_typed_with_both_marks_read_as_the_integer(value, data):
    groups = f"{value:,}".split(",")
    marks = data.draw(st.lists(st.sampled_from(".,"), min_size=len(groups) - 1,
                               max_size=len(groups) - 1).filter(
        lambda m: set(m) == {".", ","} and m.count(m[-1]) > 1))
    text = groups[0] + "".join(m + g for m, g in zip(marks, groups[1:], strict=True))
    parsed = parse_number(text, "amount")
    assert parsed.value == value and parsed.note
