"""Endringer i løpet av året: every allocation change and every new or
extended assignment, letter by letter, each linked (only in a year whose
sources hold supplementary letters)."""
from __future__ import annotations

from generator.derive.amended import Amended, COVERAGE_START, COVERAGE_STOP, Step
from generator.derive.series import WITH_FOLKETRYGD
from generator.link.graph import YearModel
from generator.link.urls import (
    ASSIGNMENT_INDEX, CHANGES_PAGE, COVERAGE_ANCHOR, THROUGH_YEAR_ANCHOR, assignment_path, change_anchor, chapter_path,
    letter_anchor, letter_text_page,
)
from generator.link.year_models import is_exempt
from generator.model import Document
from generator.render.charts.page_charts import amended_chapter_block, amended_year_block
from generator.render.entity_parts import source_line_link
from generator.render.letters import (
    assignments_by_letter, later_letters_text, letter_date, letter_title, letter_with_date,
)
from generator.render.markdown import esc, format_amount, front_matter, heading, rel, table
from generator.render.pages.base import PageSet, YearContext

PATH = CHANGES_PAGE
TITLE = "Endringer i løpet av året"
KIND_TEXT = {COVERAGE_START: "posten tildeles fra dette brevet (ny i tildelingen, ikke en økning)",
             COVERAGE_STOP: "posten tildeles ikke lenger (ut av tildelingen, ikke et kutt)"}


def pages(ctx: YearContext) -> PageSet:
    amended = ctx.figures.amended
    if amended is None:
        return PageSet()
    chart, files = amended_year_block(amended, as_of(amended), PATH)
    return PageSet({PATH: render_changes_page(ctx.model, amended, chart)}, [{TITLE: PATH}], files)


def words_table(markdown_table: str, kind: str) -> str:
    """A table whose last column quotes the letter: wrapped so that the column
    keeps a readable width (site.css `.endringstabell`), and on a phone each
    row a card with labelled amounts, no sideways scroll; `kind` names the
    columns for the labels: "brev" (the changes page: Kap.post first) or
    "post" (a chapter page: Brev, Dato first)."""
    return f'<div class="endringstabell endringstabell--{kind}" markdown="1">\n\n{markdown_table}\n\n</div>'


def signed(value: int) -> str:
    return ("+" if value > 0 else "") + format_amount(value)


def step_row(page: str, step: Step, doc: Document | None, with_post: bool = True) -> list[str]:
    c = step.change
    how = "tabell" if c.how == "table" else "tekst"
    words = esc(c.text if len(c.text) <= 220 else c.text[:217].rsplit(" ", 1)[0] + " …")
    if step.kind in KIND_TEXT:
        words = f"*{KIND_TEXT[step.kind]}.* {words}"
    source = source_line_link(page, doc, c.line, c.end_line) if doc else ""
    first = [f"[{c.kap}.{c.post}]({rel(page, chapter_path(c.kap), change_anchor(c.post))})"] if with_post else []
    return first + [format_amount(step.before), signed(c.amount), format_amount(step.after), how,
                    words + (f" ({source})" if source else "")]


def _letter_section(model: YearModel, amended: Amended, group, docs: dict[str, Document]) -> list[str]:
    letter = group.letter
    out = [heading(2, f"{letter_title(letter)} – {letter_date(letter)}", letter_anchor(letter))]
    text_page = letter_text_page(model.text_pages.get(letter.source, []), letter)
    if text_page:
        out.append(f"[Brevets tekst]({rel(PATH, text_page)})")
    steps = amended.steps_by_letter(letter)
    if steps:
        rows = [step_row(PATH, s, docs.get(letter.source)) for s in steps]
        out += [heading(3, "Endringer i tildelingene"),
                words_table(table(["Kap.post", "Før", "Endring", "Etter", "Lest fra", "Brevets ord"], rows,
                                  ["l", "r", "r", "r", "l", "l"]), "brev")]
    lines = [_assignment_item(a, "") for _, a in group.new]
    lines += [_assignment_item(a, "varslet, «ettersendes»; gitt i et senere brev") for _, a in group.announced]
    lines += [_assignment_item(a, "listet igjen; gitt i et tidligere brev") for _, a in group.repeated]
    if lines and letter.number:
        out += [heading(3, "Nye oppdrag"), "\n".join(lines)]
    elif lines:
        out.append(f"Brevet gir [{len(group.new)} oppdrag]({rel(PATH, ASSIGNMENT_INDEX)}).")
    if group.extended:
        out += [heading(3, "Tillegg til tidligere gitte oppdrag"),
                "\n".join(_assignment_item(a, "tillegg (delleveranse eller presisering)") for _, a in group.extended)]
    if not steps and not lines and not group.extended:
        out.append("Brevet endrer ingen tildeling og gir ingen oppdrag som kildene viser.")
    return out


def _assignment_item(a, what: str) -> str:
    title = "(unntatt offentlighet)" if is_exempt(a) else esc(a.title)
    return f"- [{esc(a.id)}]({rel(PATH, assignment_path(a.page_id))}) {title}" + (f" – {what}" if what else "")


def render_changes_page(model: YearModel, amended: Amended, chart: str = "") -> str:
    docs = {d.source: d for d in model.documents}
    groups = assignments_by_letter(model)
    latest = amended.latest
    timeline = [[f"[{esc(letter_title(g.letter))}](#{letter_anchor(g.letter)})", esc(letter_date(g.letter)),
                 str(len(amended.steps_by_letter(g.letter))), str(len(g.new)), str(len(g.extended))]
                for g in groups]
    out = [front_matter(title=f"{TITLE} {model.year}", hide=["toc"]),  # room for the letter's words
           heading(1, f"{TITLE} {model.year}"),
           f"Budsjettåret {model.year} er ikke ett brev: tildelingsbrevet og brevene etter det "
           f"({later_letters(amended)}) endrer tildelingene post for post og gir nye oppdrag. Sidene for "
           f"{model.year} viser året slik det står etter det siste brevet i kildene, {esc(letter_with_date(latest))}. "
           "Beløp i 1 000 kr, nominelt; «Før» og «Etter» er tildelingen på posten før og etter brevet.",
           heading(2, "Brevene", "brevene"),
           # a card per letter on a phone (site.css .brevtabell)
           '<div class="brevtabell" markdown="1">\n\n' +
           table(["Brev", "Dato", "Endrede tildelinger", "Nye oppdrag", "Tillegg til oppdrag"], timeline,
                 ["l", "l", "r", "r", "r"]) + "\n\n</div>",
           _totals(amended), chart]
    for group in groups:
        out += _letter_section(model, amended, group, docs)
    return "\n\n".join(p for p in out if p) + "\n"


def _totals(amended: Amended) -> str:
    funding = sum(c.funding_change for c in amended.chains)
    coverage = sum(s.change.amount for c in amended.chains for s in c.steps if s.kind != "funding")
    posts = len(amended.chains)
    text = (f"Til sammen endrer brevene tildelingen på {posts} post{'er' if posts != 1 else ''}: "
            f"{signed(funding)} (1 000 kr) på poster "
            "tildelingsbrevet allerede tildelte")
    if coverage:
        text += f", og {format_amount(coverage)} på poster som først et senere brev tildeler"
    return text + "."


def as_of(amended: Amended) -> str:
    """"per 3. september 2026 (supplerende tildelingsbrev nr. 6)"; a letter
    whose date the source does not print: "etter tillegg 3 til
    tildelingsbrevet (dato ikke trykt i kilden)"."""
    latest = amended.latest
    if not latest.date:
        return f"etter {latest.name} ({letter_date(latest)})"
    return f"per {letter_date(latest)} ({latest.name})"


def later_letters(amended: Amended) -> str:
    """What follows the main letter: "5 supplerende tildelingsbrev", "3 tillegg til tildelingsbrevet"."""
    return later_letters_text(amended.letters)


def front_page_block(model: YearModel, amended: Amended, first_total: int | None,
                     folketrygd: bool = False) -> list[str]:
    """The front page's statement of when the figures stand, and the letters as a timeline;
    `first_total`: the main letter's expense total, `folketrygd`: whether it counts folketrygd posts."""
    # The expense total: income chapters' changes are not in it (coverage.ThroughYear per type).
    delta = sum((c.now or 0) - (c.original or 0) for c in amended.chains
                if c.kap not in model.chapters or model.chapters[c.kap].type == "utgift")
    note = (f"!!! info \"Tallene står {esc(as_of(amended))}\"\n    Året er tildelingsbrevet og "
            f"{later_letters(amended)}. Kapittelsidene viser hver post slik den "
            "først ble tildelt, hver endring med brev og dato, og tildelingen nå; "
            f"[alle endringer i løpet av året]({rel('index.md', PATH)}).")
    if first_total is not None and amended.chains:
        what = f"utgifter {WITH_FOLKETRYGD}" if folketrygd else "utgifter"
        note += (f" Tildelt Helsedirektoratet i tildelingsbrevet, {what}: {format_amount(first_total)} "
                 f"(1 000 kr); med endringene {esc(as_of(amended))}: {format_amount(first_total + delta)}, "
                 "med poster et senere brev begynner eller slutter å tildele "
                 f"([hva totalene dekker]({rel('index.md', 'index.md', COVERAGE_ANCHOR)})).")
    items = []
    for n, group in enumerate(assignments_by_letter(model), start=1):
        letter = group.letter
        facts = []
        changes = len(amended.steps_by_letter(letter))
        if changes:
            facts.append(f"{changes} endring{'er' if changes != 1 else ''} i tildelinger")
        if group.new:
            facts.append(f"{len(group.new)} {('nytt ' if len(group.new) == 1 else 'nye ') if letter.number else ''}"
                         "oppdrag")
        if group.extended:
            facts.append(f"tillegg til {len(group.extended)} oppdrag")
        target = rel("index.md", PATH, letter_anchor(letter))
        items.append(f"{n}. [{esc(letter_title(letter))}]({target}), {esc(letter_date(letter))}"
                     + (": " + ", ".join(facts) if facts else ""))
    return [note, heading(2, "Brevene gjennom året", "brevene"), "\n".join(items)]


def chapter_block(page: str, model: YearModel, amended: Amended, kap: int,
                  download: str = "") -> tuple[str, dict[str, object]]:
    """A chapter page's posts through the year: per post the allocation first
    given, each change (letter, date, amount, the letter's words, source
    lines) and the allocation now."""
    chains = [c for c in amended.chains if c.kap == kap]
    if not chains:
        return "", {}
    docs = {d.source: d for d in model.documents}
    chart, files = amended_chapter_block(amended, kap, as_of(amended), page)
    out = [heading(2, "Tildelingen gjennom året", THROUGH_YEAR_ANCHOR),
           f"Hver post slik tildelingsbrevet først tildelte den, hver endring et senere brev gjorde, og "
           f"tildelingen {esc(as_of(amended))}. Beløp i 1 000 kr, nominelt. "
           f"[Alle endringer i løpet av året]({rel(page, PATH)})."]
    info = model.chapters.get(kap)
    for chain in chains:
        first = next(((d, r) for d, r in (info.letter_rows if info else []) if r.post == chain.post), None)
        where = source_line_link(page, first[0], first[1].line, first[1].end_line) if first else ""
        rows = [[esc(letter_title(amended.letters[0])), esc(letter_date(amended.letters[0])), "", "",
                 format_amount(chain.original), "tabell" if chain.original is not None else "",
                 f"Tildelingsbrevets tabell ({where})" if first and chain.original is not None
                 else "*posten er ikke med i tildelingsbrevets tabell*"]]
        for step in chain.steps:
            row = step_row(page, step, docs.get(step.letter.source), with_post=False)
            rows.append([f"[{esc(letter_title(step.letter))}]({rel(page, PATH, letter_anchor(step.letter))})",
                         esc(letter_date(step.letter)), row[0], row[1], row[2], row[3], row[4]])
        rows.append(["**Nå**", esc(letter_date(amended.latest)), "", "", f"**{format_amount(chain.now)}**", "", ""])
        title = f" {esc(chain.title)}" if chain.title else ""
        out += [f'<span id="{change_anchor(chain.post)}"></span>**Post {chain.post}{title}**',
                words_table(table(["Brev", "Dato", "Før", "Endring", "Tildeling", "Lest fra", "Brevets ord"], rows,
                                  ["l", "l", "r", "r", "r", "l", "l"]), "post")]
    return "\n\n".join(out + [download, chart]), files
