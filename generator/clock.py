"""The catalog's calendar day: Western Indonesian Time (WIB).

A date in a content file (``tanggal``, ``tahun``) means a day in Indonesia, so
"today" is taken in WIB, not in the machine's zone (a CI runner is on UTC and
would still be on yesterday between 00:00 and 07:00 WIB).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

#: UTC+7 with no daylight saving time, so no time zone database is needed.
WIB = timezone(timedelta(hours=7), "WIB")


def today() -> date:
    """Today's date in WIB."""
    return datetime.now(WIB).date()
