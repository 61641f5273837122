"""Working days and hours in France (public holidays included): service-level times count only those."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
#: Opening hours of the moderation team (local time).
DAY_START = time(9, 0)
DAY_END = time(18, 0)


def easter(year: int) -> date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    day = (h + l_ - 7 * m + 33 * month + 19) % 32
    return date(year, month, day)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """The eleven public holidays of metropolitan France."""
    e = easter(year)
    return frozenset(
        {
            date(year, 1, 1),
            e + timedelta(days=1),
            date(year, 5, 1),
            date(year, 5, 8),
            e + timedelta(days=39),
            e + timedelta(days=50),
            date(year, 7, 14),
            date(year, 8, 15),
            date(year, 11, 1),
            date(year, 11, 11),
            date(year, 12, 25),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def working_hours_between(start: datetime, end: datetime) -> float:
    """Hours of the team's working time (9:00–18:00 Paris, working days) from `start` to `end`."""
    if end <= start:
        return 0.0
    start, end = start.astimezone(PARIS), end.astimezone(PARIS)
    total = 0.0
    day = start.date()
    while day <= end.date():
        if is_working_day(day):
            opens = datetime.combine(day, DAY_START, PARIS)
            closes = datetime.combine(day, DAY_END, PARIS)
            lo, hi = max(opens, start), min(closes, end)
            if hi > lo:
                total += (hi - lo).total_seconds() / 3600
        day += timedelta(days=1)
    return round(total, 2)
