"""The built calendars hold every dated and approximate deadline of the letters."""
from __future__ import annotations

import json
import re


def _events(ics: str) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", ics).split("BEGIN:VEVENT")[1:]


def test_calendar_holds_every_dated_and_approximate_deadline(built_site):

    for year, doc in ((2025, "tildelingsbrev-2025"), (2024, "tildelingsbrev-2024"),
                      (2022, "tildelingsbrev-2022"), (2018, "tildelingsbrev-2018")):
        extract = json.loads((built_site / f"{year}/data/{doc}.json").read_text(encoding="utf-8"))
        first = {}
        for a in extract["assignments"]:  # one page per assignment: a reprint of the same one shares it
            first.setdefault(a["page_id"].lower(), a)
        exact = sum(1 for a in first.values() for d in a["deadlines"] if d["date"] and not d["approximate"])
        approximate = sum(1 for a in first.values() for d in a["deadlines"] if d["date"] and d["approximate"])
        without = sum(1 for a in first.values() if not any(d["date"] for d in a["deadlines"]))
        events = _events((built_site / f"{year}/frister/frister.ics").read_text(encoding="utf-8"))
        assignments = [e for e in events if re.search(r"UID:t+b\d", e, re.I)]
        assert len(assignments) == exact + approximate, year
        assert len(events) - len(assignments) == len(extract["dated_items"])
        page = (built_site / f"{year}/frister/index.html").read_text(encoding="utf-8")
        assert f"{exact} oppdragsfrister med dato, {approximate} omtrentlige" in page
        if without:
            start = page.index('id="uten-fast-dato"')
            listed = page[start:page.index("</table>", start)]
            assert len(re.findall(r'<a href="\.\./oppdrag/', listed)) == without, year
        if year == 2025:
            assert approximate > 0
    tb69 = next(e for e in _events((built_site / "2025/frister/frister.ics").read_text(encoding="utf-8"))
                if "UID:tb2025-69@" in e)
    # "innen utgangen av mai 2025": the whole of May, marked approximate.
    assert "DTSTART;VALUE=DATE:20250501" in tb69 and "DTEND;VALUE=DATE:20250601" in tb69
    assert "SUMMARY:TB2025-69 Digital hjemmeoppfølging" in tb69 and "omtrentlig" in tb69
    sha = _events((built_site / "2025/frister/frister-SHA.ics").read_text(encoding="utf-8"))
    assert sha and all(re.search(r"UID:tb2025-[\d-]+@", e) for e in sha)
    page = (built_site / "2025/oppdrag/tb2025-12/index.html").read_text(encoding="utf-8")
    assert 'href="frist.ics"' in page and "21. mars 2025" in page
    assert "UID:tb2025-12@" in (built_site / "2025/oppdrag/tb2025-12/frist.ics").read_text(encoding="utf-8")
