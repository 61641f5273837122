"""Working hours count only working days and the team's hours, French public holidays included."""

from __future__ import annotations

from datetime import date, datetime

from spplus.runtime.calendar import PARIS, easter, is_working_day, working_hours_between


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def test_easter_and_its_holidays() -> None:
    assert easter(2026) == date(2026, 4, 5)
    assert easter(2027) == date(2027, 3, 28)
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(date(2026, 5, 14))  # Ascension
    assert not is_working_day(date(2026, 5, 25))  # Whit Monday
    assert not is_working_day(date(2026, 11, 11))
    assert is_working_day(date(2026, 11, 12))


def test_a_weekend_counts_nothing() -> None:
    assert working_hours_between(at(2026, 11, 20, 18, 0), at(2026, 11, 23, 9, 0)) == 0
    assert working_hours_between(at(2026, 11, 20, 17, 0), at(2026, 11, 23, 10, 30)) == 2.5


def test_a_holiday_counts_nothing() -> None:
    # Tuesday 10 Nov 2026 09:00 → Thursday 12 Nov 09:00: Wednesday 11 is Armistice Day.
    assert working_hours_between(at(2026, 11, 10, 9, 0), at(2026, 11, 12, 9, 0)) == 9
