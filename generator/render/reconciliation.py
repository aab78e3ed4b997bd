"""What two letters' totals cover, reconciled line by line, on the year's front page.

"Tildelt Helsedirektoratet" is the sum of whatever posts a letter allocates;
the posts change from letter to letter. This section says, for the letter
against the previous one in the sources, which posts are in both, which only
in one, which chapters were renumbered, and adds them up from one total to
the other (generator.derive.coverage), so that a total is never read as a trend.
"""
from __future__ import annotations

from generator.derive.amended import Amended
from generator.derive.coverage import ALIKE_RATIO, SHARE_POINTS, Coverage, PostFigure
from generator.derive.changes import Changes
from generator.derive.figures import YearFigures
from generator.derive.series import WITH_FOLKETRYGD
from generator.link.graph import PageRef
from generator.link.urls import COVERAGE_ANCHOR, change_anchor, chapter_path, post_anchor
from generator.render.letters import letter_with_date
from generator.render.links import page_link
from generator.render.markdown import esc, format_amount, heading, table
from generator.render.pages.year_changes_page import as_of, later_letters

KIND_LABEL = {"utgift": "Utgifter", "inntekt": "Inntekter"}


def _share(v: float | None) -> str:
    return f"{v:.1f} %".replace(".", ",") if v is not None else "ukjent"


def _post(here: PageRef, year: int, f: PostFigure) -> str:
    label = f"{f.kap}.{f.post}" if f.post else f"kap. {f.kap}"
    target = PageRef(year, chapter_path(f.kap), post_anchor(f.post) if f.post else "")
    prose = " (lest fra løpende tekst)" if f.prose else ""
    return f"{page_link(here, target, label)} {esc(f.title)}{esc(prose)}"


def _gap_note(c: Coverage) -> str:
    if c.gap <= 1:
        return ""
    return (f" Mellom brevene er det {c.gap} år: kildene har ikke tildelingsbrev for "
            + ", ".join(str(y) for y in range(c.base_year + 1, c.year)) + ".")


def _lines_table(c: Coverage) -> str:
    return _reconciliation_table(c.reconciliation())


def _reconciliation_table(lines: list[tuple[str, int, str]]) -> str:
    rows = []
    for label, amount, role in lines:
        cell = format_amount(amount)
        if role in ("total", "subtotal"):
            rows.append([f"**{esc(label)}**", f"**{cell}**"])
        else:
            rows.append([esc(label), ("+" + cell) if amount > 0 else cell])
    return table(["Linje", "Beløp (1 000 kr)"], rows, ["l", "r"])


def _figure_list(here: PageRef, year: int, figs, limit: int = 40) -> str:
    items = sorted(figs, key=lambda f: (-f.amount, f.kap, f.post))
    out = [f"- {_post(here, year, f)}: {format_amount(f.amount)}" for f in items[:limit]]
    if len(items) > limit:
        out.append(f"- … og {len(items) - limit} poster til")
    return "\n".join(out)


def _delegation_table(here: PageRef, c: Coverage) -> str:
    pairs = [p for p in c.both if p.kind == "delegation"]
    if not pairs:
        return ""
    rows = [[_post(here, c.year, p.after), format_amount(p.before.amount), _share(p.before.share),
             format_amount(p.after.amount), _share(p.after.share)]
            for p in sorted(pairs, key=lambda p: (-abs(p.diff), p.after.kap, p.after.post))]
    return "\n\n".join([
        f"**Endret dekning** ({len(pairs)} poster): begge brevene tildeler posten, men ikke på samme måte "
        f"(andelen av hele posten skiller mer enn {SHARE_POINTS:.0f} prosentpoeng der den er kjent, ellers "
        f"tildeler det ene brevet mer enn {str(ALIKE_RATIO).replace('.', ',')} ganger det andre). Forskjellen "
        "er en endring i hva departementet delegerer til direktoratet, ikke vekst, og vises uten prosent. "
        "Andelen er av hele posten i proposisjonen for samme år, der kildene har den.",
        table(["Post", f"Tildelt {c.base_year}", f"Andel {c.base_year}", f"Tildelt {c.year}", f"Andel {c.year}"],
              rows, ["l", "r", "r", "r", "r"])])


def _renumbered_text(here: PageRef, c: Coverage) -> str:
    out = []
    for r in c.renumbered:
        old = " og ".join(f"kap. {k}" for k in r.old_kaps)
        before = sum(f.amount for f in r.before)
        after = sum(f.amount for f in r.after)
        new_link = page_link(here, PageRef(c.year, chapter_path(r.new_kap)), f"kap. {r.new_kap}")
        old_links = ", ".join(page_link(here, PageRef(c.base_year, chapter_path(k)), f"kap. {k}")
                              for k in r.old_kaps)
        out.append(f"**Nytt kapittelnummer:** {esc(old)} i {c.base_year}-brevet ({old_links}; "
                   f"{format_amount(before)}) er {new_link} i {c.year}-brevet ({format_amount(after)}). "
                   f"Kapitlene sammenlignes som helhet, ikke post for post. Kilde for omnummereringen: "
                   f"{esc(r.source)}.")
    return "\n\n".join(out)


def reconciliation_section(year: int, ch: Changes) -> list[str]:
    """The front page's "Hva totalene dekker": one reconciliation per type."""
    if not ch.coverage:
        return []
    here = PageRef(year, "index.md")
    out = [heading(2, f"Hva totalene dekker: {ch.base_year}-brevet mot {year}-brevet", "dekning"),
           esc(f"Totalen «Tildelt Helsedirektoratet» er summen av de postene hvert brev tildeler, og brevene "
               f"tildeler ikke de samme postene. Totalene for {ch.base_year} og {year} er derfor ikke en "
               "tidsserie. Her er forskjellen mellom dem ført linje for linje: poster bare i det ene brevet, "
               "kapitler med nytt nummer, og endringer i postene begge brevene tildeler.")
           + esc(_gap_note(ch.coverage[0]))]
    for c in ch.coverage:
        kind = KIND_LABEL.get(c.type, c.type) + (f" {WITH_FOLKETRYGD}" if c.folketrygd else "")
        out += [heading(3, f"{kind}: fra {format_amount(c.total_before())} til {format_amount(c.total_after())}",
                        f"dekning-{c.type}"), _lines_table(c)]
        if c.renumbered:
            out.append(_renumbered_text(here, c))
        if c.dropped:
            out += [f"**Bare i {c.base_year}-brevet** ({len(c.dropped)} poster, "
                    f"{format_amount(sum(f.amount for f in c.dropped))}; {year}-brevet har ingen linje for dem):",
                    _figure_list(here, c.base_year, c.dropped)]
        if c.added:
            out += [f"**Bare i {year}-brevet** ({len(c.added)} poster, "
                    f"{format_amount(sum(f.amount for f in c.added))}; {c.base_year}-brevet har ingen linje for dem):",
                    _figure_list(here, year, c.added)]
        out.append(_delegation_table(here, c))
    return [x for x in out if x]


def _posts_amount(figs) -> str:
    n = len(figs)
    return f"{n} {'post' if n == 1 else 'poster'} ({format_amount(sum(f.amount for f in figs))})"


def _left_out_of(c: Coverage, base_year: int, year: int) -> str:
    """One type's posts a change table leaves out: only in one letter, renumbered."""
    parts = []
    if c.dropped:
        parts.append(f"{_posts_amount(c.dropped)} bare i {base_year}-brevet")
    if c.added:
        parts.append(f"{_posts_amount(c.added)} bare i {year}-brevet")
    for r in c.renumbered:
        old = " og ".join(f"kap. {k}" for k in r.old_kaps)
        parts.append(f"{old} med nytt nummer, kap. {r.new_kap} ({format_amount(sum(f.amount for f in r.before))} "
                     f"i {base_year}, {format_amount(sum(f.amount for f in r.after))} i {year})")
    return ", ".join(parts[:-1]) + (" og " if len(parts) > 1 else "") + parts[-1] if parts else ""


def left_out_note(ch: Changes) -> str:
    """What a letter-to-letter change table leaves out, per type (expense and
    income never added together), in 1 000 kr."""
    if not ch.coverage:
        return ""
    shown = sum(1 for c in ch.coverage for p in c.both if p.kind == "funding")
    gap = _gap_note(ch.coverage[0])
    kinds = []
    for c in ch.coverage:
        what = _left_out_of(c, ch.base_year, ch.years)
        if what:
            kind = KIND_LABEL.get(c.type, c.type).lower() + (f" {WITH_FOLKETRYGD}" if c.folketrygd else "")
            kinds.append(f"{kind}: {what}")
    left = f"Den utelater {'; '.join(kinds)}, og " if kinds else "Den utelater "
    return (f"Tabellen sammenligner bare poster som begge brevene tildeler og dekker likt ({shown} poster, "
            f"{len(ch.changes)} av dem endret). {left}{len(ch.delegated)} poster med endret dekning; "
            f"se «Hva totalene dekker».{gap}")


def _letter_that(amended: Amended, f: PostFigure, first: bool) -> str:
    """The letter whose change started (or stopped) a post's allocation."""
    chain = amended.chain(f.kap, f.post)
    steps = [s for s in chain.steps if (s.after if first else not s.after)] if chain else []
    return letter_with_date(steps[0].letter) if steps else ""


def as_of_text(amended: Amended) -> str:
    """"per 3. september 2026 (supplerende tildelingsbrev nr. 6)", or after a
    letter whose date is not printed "etter tillegg 3 til tildelingsbrevet
    (dato ikke trykt i kilden)" (the changes page's own wording, one place)."""
    return as_of(amended)


def _changed_post(here: PageRef, year: int, f: PostFigure) -> str:
    target = PageRef(year, chapter_path(f.kap), change_anchor(f.post))
    return page_link(here, target, f"{f.kap}.{f.post}") + (f" {esc(f.title)}" if f.title else "")


def through_year_section(year: int, figures: YearFigures) -> list[str]:
    """The front page of a year with supplementary letters: the main letter's
    total against the year as amended, line by line (coverage.ThroughYear)."""
    amended = figures.amended
    if amended is None or not figures.through_year:
        return []
    here = PageRef(year, "index.md")
    as_of = as_of_text(amended)
    out = [heading(2, f"Hva totalene dekker: tildelingsbrevet og året {as_of}", COVERAGE_ANCHOR),
           esc(f"Tildelingsbrevet for {year} og brevene etter det ({later_letters(amended)}) tildeler ikke de "
               "samme postene: et senere brev kan begynne å tildele en post tildelingsbrevet ikke hadde, eller ta "
               "en post ned til null. Det er en endring i hva tildelingen dekker, ikke mer eller mindre penger til "
               "det samme, og regnes ikke som en endring i tildelingen. Endringer på poster som er tildelt både i "
               "tildelingsbrevet og nå, er endringer i tildelingen. Beløp i 1 000 kr, nominelt.")]
    for t in figures.through_year:
        if t.type != "utgift" and t.total_first() == t.total_amended() and not t.added:
            continue  # income the supplements left as it was: nothing to reconcile
        kind = KIND_LABEL.get(t.type, t.type) + (f" {WITH_FOLKETRYGD}" if t.folketrygd else "")
        out += [heading(3, f"{kind}: fra {format_amount(t.total_first())} til {format_amount(t.total_amended())}",
                        f"{COVERAGE_ANCHOR}-{t.type}"),
                _reconciliation_table(t.reconciliation(f"tildelingsbrevet for {year}", as_of))]
        for figs, started, label in ((t.added, True, "Poster et senere brev begynner å tildele"),
                                     (t.dropped, False, "Poster et senere brev slutter å tildele")):
            if figs:
                # a post the main letter does not allocate has no row on its chapter page, only its changes
                items = [f"- {_changed_post(here, year, f) if started else _post(here, year, f).rstrip()}: "
                         f"{format_amount(f.amount)}, {esc(_letter_that(amended, f, started))}" for f in figs]
                posts = "post" if len(figs) == 1 else "poster"
                out += [f"**{label}** ({len(figs)} {posts}, {format_amount(sum(f.amount for f in figs))}):",
                        "\n".join(items)]
    return out
