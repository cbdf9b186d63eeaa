"""iCalendar files through Python's `icalendar` (as calendar tools in
Python read them), with the properties RFC 5545 requires and RFC 5546's
ORGANIZER for a calendar that names a METHOD."""
import icalendar


def check(path):
    out = []
    with open(path, "rb") as f:
        data = f.read()
    if b"\r\n" not in data or data.replace(b"\r\n", b"").find(b"\n") >= 0:
        out.append("RFC 5545 3.1: lines must end with CRLF")
    for n, line in enumerate(data.split(b"\r\n"), 1):
        if len(line) > 75:
            out.append(f"RFC 5545 3.1: line {n} is {len(line)} octets long (at most 75)")
            break
    try:
        cal = icalendar.Calendar.from_ical(data)
    except ValueError as e:
        return out + [f"does not parse: {e}"]
    for comp in cal.walk():
        for prop, err in getattr(comp, "errors", []):
            out.append(f"{comp.name} {prop}: {err}")
    for prop in ("VERSION", "PRODID"):
        if prop not in cal:
            out.append(f"RFC 5545 3.6: VCALENDAR lacks {prop}")
    method = cal.get("METHOD")
    for ev in cal.walk("VEVENT"):
        uid = ev.get("UID", "?")
        for prop in ("UID", "DTSTAMP"):
            if prop not in ev:
                out.append(f"RFC 5545 3.6.1: VEVENT {uid} lacks {prop}")
        if method is None and "DTSTART" not in ev:
            out.append(f"RFC 5545 3.6.1: VEVENT {uid} lacks DTSTART (required without METHOD)")
        if method is not None and "ORGANIZER" not in ev:
            out.append(f"RFC 5546 3.2.1: METHOD:{method} but VEVENT {uid} lacks ORGANIZER")
        if "DTEND" in ev and "DURATION" in ev:
            out.append(f"RFC 5545 3.6.1: VEVENT {uid} has both DTEND and DURATION")
        try:
            start = ev.decoded("DTSTART") if "DTSTART" in ev else None
            end = ev.decoded("DTEND") if "DTEND" in ev else None
        except (ValueError, KeyError) as e:
            out.append(f"VEVENT {uid}: a date does not parse: {e}")
            continue
        if start is not None and end is not None and type(start) is type(end) and end < start:
            out.append(f"VEVENT {uid}: DTEND before DTSTART")
    return out
