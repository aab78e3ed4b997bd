"""CSV downloads with Norwegian headers, one data dictionary, and an Excel variant.

Every table is defined once as a `DataTable`: its columns (header with unit,
meaning) and rows. From it come the standard CSV (comma, UTF-8, "\\n"), the
variant for Excel in a Norwegian locale (semicolon, decimal comma, UTF-8 BOM,
CRLF) and the data dictionary on the data page, so the three never disagree.
Amounts are whole numbers in 1 000 kr, as the sources print them; the header
says so. An empty cell means the source has no figure (never 0).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from generator.derive.amended import Amended, FUNDING
from generator.derive.assignment_count import assignment_count
from generator.derive.changes import Changes
from generator.derive.deadlines import assignment_due
from generator.derive.post_figures import in_thousands, letter_allocation, post_shares
from generator.derive.series import LETTER_SERIES, PROP_SERIES
from generator.derive.totals import Total
from generator.link.graph import ChapterInfo, YearModel
from generator.link.urls import csv_files
from generator.render.formats.serialise import csv_cell
from generator.render.letters import continued_text, letter_key
from generator.render.markdown import rel


UNIT = "1 000 kr"


@dataclass(frozen=True)
class Column:
    header: str
    meaning: str


@dataclass(frozen=True)
class DataTable:
    name: str  # file stem, "poster"
    title: str  # what the file holds, for the data page
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]


def _excel_cell(value: object) -> object:
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return value


def _standard_cell(value: object) -> object:
    if isinstance(value, float):
        return f"{value:.1f}"
    return value


def to_csv(table: DataTable, excel: bool = False) -> str:
    """The table as CSV; `excel`: semicolons, decimal comma, BOM and CRLF for a Norwegian Excel."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    w.writerow([csv_cell(c.header) for c in table.columns])
    fix = _excel_cell if excel else _standard_cell
    for row in table.rows:
        w.writerow([csv_cell(fix(v)) for v in row])
    return ("\ufeff" if excel else "") + buf.getvalue()


def files_of(table: DataTable, folder: str) -> dict[str, str]:
    """{path: text} of the standard file and its Excel twin ("poster.csv", "poster-excel.csv")."""
    std, xl = csv_files(f"{folder}/{table.name}")
    return {std: to_csv(table), xl: to_csv(table, excel=True)}


def amount_header(label: str) -> str:
    return f"{label} ({UNIT})"


def proposition_posts(infos: list[ChapterInfo], year: int, name: str = "poster") -> DataTable | None:
    """The proposition's whole posts: one row per post, one column per printed amount column."""
    infos = [i for i in infos if i.prop]
    if not infos:
        return None
    labels: list[str] = []
    for info in infos:
        for p in info.prop[1].posts:
            for k, _ in p.amounts:
                if k not in labels:
                    labels.append(k)
    columns = (
        Column("år", "budsjettåret siden gjelder"),
        Column("kap", "kapittelnummer"),
        Column("kapittelnavn", "kapitlets navn i proposisjonen"),
        Column("type", "utgift eller inntekt (holdes alltid hver for seg)"),
        Column("programkategori", "programkategorien kapitlet hører til"),
        Column("post", "postnummer"),
        Column("postnavn", "postens navn"),
        *(Column(amount_header(k), f"hele posten, kolonnen «{k}» i proposisjonens tabell") for k in labels),
        Column("linje", "linjen i kildeteksten der posten står"),
    )
    rows = []
    for info in infos:
        ch = info.prop[1]
        for p in ch.posts:
            amounts = dict(p.amounts)
            rows.append((year, ch.kap, ch.title, ch.type, ch.programme_category or "", p.post, p.title,
                         *(amounts.get(k) for k in labels), p.line))
    return DataTable(name, "Hele postene i budsjettproposisjonen (Prop. 1 S)", columns, tuple(rows))


def _allocation_in_thousands(row) -> int | None:
    v = letter_allocation(row.amounts)
    return None if v is None else in_thousands(v, row.unit)


def letter_allocations(infos: list[ChapterInfo], year: int, name: str = "tildelinger") -> DataTable | None:
    """The letter's lines: what it makes available to Helsedirektoratet, one row per printed line."""
    lines = [(info, doc, row) for info in infos for doc, row in info.letter_rows]
    if not lines:
        return None
    columns = (
        Column("år", "budsjettåret siden gjelder"),
        Column("kilde", "tildelingsbrevet linjen står i"),
        Column("kap", "kapittelnummer"),
        Column("kapittelnavn", "kapitlets navn (fra proposisjonen der brevet ikke har det)"),
        Column("type", "utgift, inntekt eller folketrygd (en utgift på folketrygdens kapitler; "
                       "regnes med i utgiftene)"),
        Column("post", "postnummer (tom for en linje uten post)"),
        Column("betegnelse", "linjens tekst i brevet"),
        Column(amount_header(LETTER_SERIES), "det brevet stiller til rådighet for Helsedirektoratet på linjen "
                                             "(brevets siste beløpskolonne); ikke hele posten"),
        Column("merknad", "brevets merknad til linjen"),
        Column("linje", "linjen i kildeteksten"),
    )
    rows = tuple((year, doc.source, row.kap, info.title, row.type, row.post, row.title,
                  _allocation_in_thousands(row), row.comment, row.line) for info, doc, row in lines)
    return DataTable(name, f"{LETTER_SERIES}: tildelingsbrevets linjer", columns, rows)


def post_share_table(info: ChapterInfo, shares=None, name: str = "andel") -> DataTable | None:
    """`shares`: the year's figures for the chapter (computed from `info` when not given)."""
    column, shares = shares if shares is not None else post_shares(info)
    if not shares:
        return None
    columns = (
        Column("post", "postnummer"),
        Column("postnavn", "postens navn"),
        Column(amount_header(f"Hele posten, {column}"), "hele posten i proposisjonen"),
        Column(amount_header(LETTER_SERIES), "delen av posten tildelingsbrevet stiller til rådighet"),
        Column("andel av forslaget (prosent)", "tildelt delen som prosent av regjeringens forslag for posten, "
                                               "én desimal; over 100 når brevet følger et vedtatt budsjett "
                                               "som er høyere enn forslaget"),
        Column("merknad", "hvorfor andelen er over 100 %, der den er det"),
    )
    rows = tuple((s.post, s.title, s.whole, s.allocated, round(s.share, 1) if s.share is not None else None, s.note)
                 for s in shares)
    return DataTable(name, "Hele posten, delen som tildeles Helsedirektoratet, og andelen", columns, rows)


def assignments_table(model: YearModel) -> DataTable | None:
    if not model.assignments:
        return None
    columns = (
        Column("kilde", "brevet oppdraget står i"),
        Column("id", "oppdragets ID; IDer merket «laget av nettstedet» er ikke trykt i brevet"),
        Column("trykt_id", "ID-en slik brevet trykker den, når den er rettet"),
        Column("tittel", "oppdragets tittel"),
        Column("avdelinger", "eieravdeling(er) i HOD, skilt med semikolon"),
        Column("frist", "fristen som dato (ÅÅÅÅ-MM-DD); for en omtrentlig frist periodens siste dag"),
        Column("fristtype", "eksakt, omtrentlig eller uten fast dato"),
        Column("frist_i_brevet", "fristen med brevets egne ord"),
        Column("avsnitt", "avsnittet i brevet"),
        Column("brev", "brevet som gir oppdraget: hovedbrev, supplerende-nr-N (supplerende tildelingsbrev nr. N) "
                       "eller tillegg-N (tillegg N, trykt i tildelingsbrevets fil)"),
        Column("status", "nytt (gitt i årets brev) eller videreført (gitt i et tidligere år, og videreført "
                         "eller presisert i årets brev; ikke talt blant årets oppdrag)"),
        Column("linje", "første linje i kildeteksten"),
        Column("sluttlinje", "siste linje i kildeteksten"),
    )
    kinds = {"exact": "eksakt", "approximate": "omtrentlig", "none": "uten fast dato"}
    status = {"new": "nytt", "carried_over": "videreført"}
    rows = []
    for doc, a in model.assignments.values():
        due = assignment_due(a)
        rows.append((doc.source, a.id, a.printed_id, a.title, ";".join(a.departments), due.end or None,
                     kinds[due.kind], a.deadline_text, a.section, letter_key(doc, a), status.get(a.status, a.status),
                     a.line, a.end_line))
    count = assignment_count(model)
    others = continued_text(count)
    title = f"Oppdragene i tildelingsbrevene: {count.own} gitt i {model.year}" + \
        (f" og {others} (status «videreført»)" if others else "")
    return DataTable("oppdrag", title, columns, tuple(rows))


def vedtak_table(model: YearModel) -> DataTable | None:
    if not model.vedtak:
        return None
    columns = (
        Column("kilde", "dokumentet vedtaket er omtalt i"),
        Column("sesjon", "stortingssesjonen"),
        Column("nr", "vedtakets nummer"),
        Column("dato", "vedtaksdato (ÅÅÅÅ-MM-DD) der den er trykt"),
        Column("stikkord", "vedtakets stikkord"),
        Column("rapportering_avsluttes", "ja, nei, eller tom når kilden ikke sier det"),
        Column("linje", "linjen i kildeteksten"),
    )
    yes_no = {True: "ja", False: "nei", None: ""}
    rows = tuple((doc.source, v.session, v.nr, v.date, v.title, yes_no[v.reporting_closed], v.line)
                 for doc, v in model.vedtak.values())
    return DataTable("vedtak", "Anmodningsvedtakene", columns, rows)


def changes_table(changes: Changes, year: int) -> DataTable | None:
    """Every changed post of one series (the front page shows the largest)."""
    if not changes.changes:
        return None
    letter = changes.series == LETTER_SERIES
    before = f"{LETTER_SERIES} {changes.base_year}" if letter else changes.base
    after = f"{LETTER_SERIES} {year}" if letter else f"Forslag {year}"
    columns = (
        Column("kap", "kapittelnummer"),
        Column("post", "postnummer"),
        Column("betegnelse", "postens navn"),
        Column("type", "utgift eller inntekt"),
        Column(amount_header(before), "tildelt i forrige tildelingsbrev" if letter
               else "saldert budsjett for året før, hele posten"),
        Column(amount_header(after), "tildelt i årets tildelingsbrev" if letter else "forslaget, hele posten"),
        Column(amount_header("endring"), "etter minus før"),
        Column("endring (prosent)", "endringen som prosent av før, én desimal"),
    )
    rows = tuple((c.kap, c.post, c.title, c.type, c.before, c.after, c.diff,
                  round(c.percent, 1) if c.percent is not None else None) for c in changes.changes)
    name = "endringer-brev" if letter else "endringer-proposisjon"
    what = (f"Endringer i tildelingen fra {changes.base} til {year}-brevet" if letter
            else f"Endringer i proposisjonen: forslag {year} mot {changes.base.lower()}")
    return DataTable(name, what, columns, rows)


def totals_table(totals: list[Total]) -> DataTable | None:
    if not totals:
        return None
    columns = (Column("serie", f"«{PROP_SERIES}» eller «{LETTER_SERIES}»: legges aldri sammen"),
               Column("type", "utgift eller inntekt"),
               Column("kolonne", "proposisjonens kolonne eller tildelingsåret"),
               Column(amount_header("sum"), "summen av postene; utgiftene medregnet folketrygdens poster"),
               Column(amount_header("herav folketrygden"), "av summen, folketrygdens poster"))
    return DataTable("totaler", "Årets totaler, per serie", columns,
                     tuple((t.series, t.type, t.column, t.amount, t.folketrygd) for t in totals))


def year_changes_table(amended: Amended | None, kap: int | None = None,
                       name: str = "endringer-i-aret") -> DataTable | None:
    """Every allocation change of a year of supplementary letters: post, letter
    and date, the allocation before and after, how it was read."""
    if amended is None:
        return None
    columns = (Column("kap", "budsjettkapittel"), Column("post", "post"),
               Column("brev", "brevet som gjør endringen"),
               Column("brev_nr", "nummeret på det supplerende tildelingsbrevet (0: tildelingsbrevet)"),
               Column("dato", "brevets dato (ÅÅÅÅ-MM-DD); tom: ikke trykt i kilden"),
               Column(amount_header("foer"), "tildelingen på posten før brevet; tom: posten var ikke tildelt"),
               Column(amount_header("endring"), "endringen brevet gjør (negativ: reduksjon)"),
               Column(amount_header("etter"), "tildelingen på posten etter brevet"),
               Column("art", "finansiering: endret tildeling på en post som alt var tildelt; dekning: "
                             "posten kommer inn i eller går ut av tildelingen"),
               Column("lest_fra", "tabell (Tidligere tildeling | Ny tildeling | Sum tildeling) eller tekst"),
               Column("kilde", "kildefilen"), Column("linje", "linjen i kildefilen"),
               Column("tekst", "brevets ord"))
    rows = []
    for chain in amended.chains:
        if kap is not None and chain.kap != kap:
            continue
        for s in chain.steps:
            c = s.change
            rows.append((c.kap, c.post, s.letter.name, s.letter.number, s.letter.date or "", s.before, c.amount,
                         s.after, "finansiering" if s.kind == FUNDING else "dekning",
                         "tabell" if c.how == "table" else "tekst", s.letter.path, c.line, c.text))
    return DataTable(name, "Endringer i tildelingene i løpet av året, brev for brev", columns, tuple(rows))


def download_links(page_path: str, files: dict[str, str], stem: str, what: str = "CSV") -> str:
    """"Last ned …" with the standard file and its Excel twin, if the table has rows."""
    std, xl = csv_files(stem)
    if std not in files:
        return ""
    return (f"Last ned {what}: [{std.rsplit('/', 1)[-1]}]({rel(page_path, std)}) · "
            f"[for Excel]({rel(page_path, xl)})")
