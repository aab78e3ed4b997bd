"""llms.txt at the site root (llmstxt.org): what the site is, its URL scheme and its data files."""
from __future__ import annotations

from generator.link.graph import SiteGraph
from generator.link.urls import DATA_FOLDER, FEED, ID_INDEX, PAGE_LIST
from generator.settings import Settings

ABOUT = (
    "Uoffisiell, maskinlest utgave av Helse- og omsorgsdepartementets (HOD) budsjettproposisjon "
    "(Prop. 1 S) og tildelingsbrevene til Helsedirektoratet, lenket sammen per budsjettår: "
    "budsjettkapitler og poster, oppdrag (TB2025-12), anmodningsvedtak og brevenes tekst, "
    "hver side med lenke til linjene i kildeteksten."
)


def llms_txt(graph: SiteGraph, settings: Settings, data_files: dict[int, list[str]]) -> str:
    """`data_files`: per year, the file names in <year>/data/ as built."""
    base = settings.site_url or ""
    years = sorted(graph.years, reverse=True)
    lines = [
        "# Helsebudsjettet", "", f"> {ABOUT}", "",
        "Nettstedet er på norsk (bokmål). Hvert budsjettår er en egen versjon under /<år>/ "
        f"({', '.join(map(str, years))}); /latest/ sender videre til nyeste år. Beløp er i 1 000 kr slik "
        "kildene trykker dem. Proposisjonens tall (hele posten) og tildelingsbrevets tall (delen som "
        "tildeles Helsedirektoratet) er to ulike serier og sammenlignes aldri med hverandre.", "",
        "## Sider (samme adresser hvert år)", "",
        "- /<år>/kapittel/<kap>/ : budsjettkapittel med poster (anker #post-<NN>)",
        "- /<år>/oppdrag/<id>/ : oppdrag, ID med små bokstaver (tb2022-04); historikk over år når ID-en står i flere brev",
        "- /<år>/vedtak/<sesjon>-<nr>/ : anmodningsvedtak (2020-2021-1114)",
        "- /<år>/brev/<avsnitt>/ og /<år>/prop/<avsnitt>/ : dokumentenes tekst, ett toppnivåavsnitt per side",
        "- /<år>/kilde/<dokument>/#L<linje> : kildeteksten med linjenummer",
        "- /<år>/frister/ : frister, også som iCalendar",
        "- /<år>/finnes-ikke/ : det versjonsvelgeren viser når et år ikke har siden",
        "",
        "## Data for hele nettstedet", "",
        f"- [{ID_INDEX}]({base}{ID_INDEX}): ID-indeksen. JSON: `ids` er et objekt fra nøkkel (tb2022-04, 740, "
        "740.21, 2020-2021-1114) til `{type, id, title, in}`, der `in` er `[[år, sti fra roten], ...]` med "
        "nyeste år først (et tredje felt er årets egen tittel der den er en annen); `aliases` gir vedtak-<nr> → nøkkel når nummeret er entydig; `om` og `felt` "
        "beskriver formatet. Søkefeltet og versjonsvelgeren bruker den; andre verktøy kan lenke inn med den.",
        f"- [{FEED}]({base}{FEED}): Atom-strøm for alle år: nye oppdrag, nye og borte kapitler og poster, "
        "de største endringene (like med like).",
        f"- [versions.json]({base}versions.json): budsjettårene (mike).",
        "",
        "## Data per budsjettår", "",
    ]
    for year in years:
        files = ", ".join(f"[{name}]({base}{year}/{DATA_FOLDER}/{name})" for name in data_files.get(year, []))
        lines.append(f"- {year}: [{FEED}]({base}{year}/{FEED}), [{PAGE_LIST}]({base}{year}/{PAGE_LIST})"
                     + (f"; data/: {files}" if files else ""))
    lines += ["", "CSV-filene er UTF-8 med overskriftsrad; JSON-filene per dokument følger uttrekksformatet "
              "(kildefil og linjenummer for hver opplysning). sider.json lister årets sider som stier.", ""]
    return "\n".join(lines)
