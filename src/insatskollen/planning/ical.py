"""An iCalendar (RFC 5545) writer, by hand. Pure (no Django).

One VEVENT per occurrence (no RRULE: our monthly rule moves the 31st to a shorter month's last day, which RRULE
cannot say). Timed events are written in UTC, converted from Stockholm time per occurrence, so a 09:00 meeting
stays at 09:00 on both sides of a daylight-saving change. Lines end in CRLF and are folded at 75 octets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Stockholm")
MAX_OCTETS = 75
PRODID = "-//Insatskollen//Arsplanering//SV"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    summary: str
    day: dt.date
    start_time: dt.time | None = None  # None: an all-day event
    duration_minutes: int = 60
    description: str = ""
    categories: str = ""


def escape_text(text: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, newlines as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (UTF-8), continuation lines starting with a space;
    never inside a multi-byte character."""
    parts: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1  # the leading space takes one octet
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LOCAL).astimezone(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(entry: CalendarEntry, stamp: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{entry.uid}", f"DTSTAMP:{stamp}"]
    if entry.start_time is None:
        lines += [f"DTSTART;VALUE=DATE:{entry.day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{entry.day + dt.timedelta(days=1):%Y%m%d}", "TRANSP:TRANSPARENT"]
    else:
        begin = _utc(entry.day, entry.start_time)
        lines += [f"DTSTART:{_stamp(begin)}",
                  f"DTEND:{_stamp(begin + dt.timedelta(minutes=max(entry.duration_minutes, 1)))}"]
    lines.append(f"SUMMARY:{escape_text(entry.summary)}")
    if entry.description:
        lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
    if entry.categories:
        lines.append(f"CATEGORIES:{escape_text(entry.categories)}")
    lines.append("END:VEVENT")
    return lines


def calendar_text(entries: Iterable[CalendarEntry], *, name: str, stamp: dt.datetime) -> str:
    """The whole VCALENDAR; `stamp` (aware) becomes every event's DTSTAMP."""
    stamp_text = _stamp(stamp)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape_text(name)}", "X-WR-TIMEZONE:Europe/Stockholm"]
    for entry in entries:
        lines += _event_lines(entry, stamp_text)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
