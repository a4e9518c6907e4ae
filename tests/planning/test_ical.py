"""The iCalendar writer: CRLF, folding at 75 octets, escaping, UTC times across daylight saving; read back with a
small parser written here."""

import datetime as dt

from insatskollen.planning.ical import CalendarEntry, calendar_text, escape_text, fold

STAMP = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: a CRLF followed by one space or tab continues the previous line."""
    assert text.endswith("\r\n")
    return text[:-2].replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


def parse(text: str) -> list[dict[str, str]]:
    """The VEVENTs as {property name (with parameters): value}."""
    events, current = [], None
    for line in unfold(text):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
    return events


def test_every_line_ends_in_crlf_and_no_line_exceeds_75_octets():
    long_title = "Ärendedragning för team Vuxna LSS, personkrets 2–3; särskilt viktiga ärenden " * 3
    text = calendar_text([CalendarEntry(uid="a@x", summary=long_title, day=dt.date(2025, 3, 4))], name="Test",
                         stamp=STAMP)
    assert "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) <= 75
    assert any(line.startswith(" ") for line in physical)  # it was folded
    assert unescape(parse(text)[0]["SUMMARY"]) == long_title
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")


def test_folding_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "ö" * 100
    folded = fold(line)
    for part in folded.split("\r\n"):
        part.encode("utf-8").decode("utf-8")  # would fail on a split character
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line


def test_text_values_escape_backslash_semicolon_comma_and_newline():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    text = calendar_text([CalendarEntry(uid="u@x", summary="Möte; rum 3, plan 2", day=dt.date(2025, 1, 2),
                                        description="Rad 1\nRad 2 \\ slut")], name="T", stamp=STAMP)
    event = parse(text)[0]
    assert event["SUMMARY"] == "Möte\\; rum 3\\, plan 2"
    assert unescape(event["DESCRIPTION"]) == "Rad 1\nRad 2 \\ slut"


def test_all_day_event_uses_dates_and_ends_the_next_day():
    event = parse(calendar_text([CalendarEntry(uid="u@x", summary="Mättillfälle", day=dt.date(2025, 3, 31))],
                                name="T", stamp=STAMP))[0]
    assert event["DTSTART;VALUE=DATE"] == "20250331"
    assert event["DTEND;VALUE=DATE"] == "20250401"
    assert event["UID"] == "u@x"
    assert event["DTSTAMP"] == "20250301T120000Z"


def test_a_nine_oclock_meeting_stays_at_nine_local_time_across_daylight_saving():
    entries = [CalendarEntry(uid=f"w{i}@x", summary="Ärendedragning", day=day, start_time=dt.time(9, 0),
                             duration_minutes=120)
               for i, day in enumerate([dt.date(2025, 3, 25), dt.date(2025, 4, 1)])]
    before, after = parse(calendar_text(entries, name="T", stamp=STAMP))
    # CET is UTC+1 before 30 March, CEST is UTC+2 after it.
    assert (before["DTSTART"], before["DTEND"]) == ("20250325T080000Z", "20250325T100000Z")
    assert (after["DTSTART"], after["DTEND"]) == ("20250401T070000Z", "20250401T090000Z")
