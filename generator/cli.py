"""Command line: `python -m generator build|extract|serve|publish|check`.

Bad input ends in a one-line message naming file and line and a non-zero
exit status; a traceback is reserved for bugs in the generator itself.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from generator.diagnostics import Diagnostics, InputError, silent

EXIT_INPUT = 2
EXIT_STRICT = 3


def _print_diagnostics(diags: Diagnostics, stream=None) -> None:
    if diags.items:
        print(diags.format_all(), file=stream or sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    """One file: its JSON object. Several: a JSON array of their objects in the
    order given, read in one process (imports and patterns compiled once).
    A file that cannot be read stops the command before anything is printed."""
    from generator.parsing.extract import extract_document
    from generator.contract import to_contract

    manifests: dict[Path, dict] = {}
    results = []
    for file in args.files:
        path = Path(file)
        diags = Diagnostics()
        _, doc = extract_document(path, diags, _manifest_entry(path, manifests), text_blocks=False)
        results.append((to_contract(doc), diags))
    data = results[0][0] if len(results) == 1 else [contract for contract, _ in results]
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    for _, diags in results:
        _print_diagnostics(diags)
    if args.strict and any(diags.items for _, diags in results):
        return EXIT_STRICT
    return 0


def _manifest_entry(path: Path, manifests: dict[Path, dict]):
    """The sources.yml entry of a file in a folder with a manifest, else None
    (then the parser finds kind, year and title in the text)."""
    from generator.read.sources import load_manifest

    folder = path.resolve().parent
    if folder not in manifests:
        entries = ()
        if (folder / "sources.yml").is_file():
            try:
                entries = load_manifest(folder)
            except InputError:
                entries = ()
        manifests[folder] = {e.file: e for e in entries}
    return manifests[folder].get(path.name)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build.site import FROZEN, UPDATE, BuildOptions

    return _build(Path(args.root), BuildOptions(
        years=tuple(args.year or ()), strict=args.strict, site_dir=Path(args.site_dir) if args.site_dir else None,
        incremental=not args.clean, jobs=args.jobs, urls=FROZEN if args.check_urls else UPDATE,
        offline=not args.no_offline, say=silent if args.quiet else _say))


def _build(root: Path, options) -> int:
    """Run the build; print its diagnostics, notes and one summary line; pick the exit status."""
    from generator.build.site import BuildFailed, build_site

    started = time.perf_counter()
    diags = Diagnostics()
    try:
        summary = build_site(root, diags, options)
    except BuildFailed as exc:
        _print_diagnostics(diags)
        elapsed = time.perf_counter() - started
        print(f"{exc}\nbuild failed after {elapsed:.1f} s; {exc.site_dir} was left as it was; "
              f"{len(diags.warnings)} warning(s), {len(diags.errors)} error(s)", file=sys.stderr)
        return EXIT_STRICT
    _print_diagnostics(diags)
    for note in summary.notes:
        print(note, file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(
        f"built {summary.years} year(s), {summary.pages} pages into {summary.site_dir} "
        f"in {elapsed:.1f} s ({summary.reused} reused unchanged); {len(diags.warnings)} warning(s)",
        file=sys.stderr,
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.build.serve import serve

    if not args.no_build:
        from generator.build.site import BuildOptions

        status = _build(Path(args.root), BuildOptions())
        if status:
            return status
    site_dir = Path(args.root).resolve() / "site"
    serve(Path(args.root), port=args.port,
          ready=lambda url: print(f"serving {site_dir} on {url} (Ctrl-C to stop)", file=sys.stderr), say=_say)
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from generator.build.publish import PublishError, publish

    try:
        done = publish(Path(args.root), push=args.push, branch=args.branch, say=_say)
    except PublishError as exc:
        if exc.diagnostics is not None:
            _print_diagnostics(exc.diagnostics)
        print(str(exc), file=sys.stderr)
        return exc.code
    _print_diagnostics(done.diagnostics)
    print(done.summary(), file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Link and anchor check of a built site (generator/linkcheck.py); exit 1 on any problem."""
    from generator.build.linkcheck import check_site

    site = Path(args.site_dir) if args.site_dir else Path(args.root) / "site"
    if not site.is_dir():
        raise InputError(str(site), 0, "no built site here (run `python -m generator build` first)")
    report = check_site(site)
    for line in report.problems:
        print(line, file=sys.stderr)
    for line in report.third_party_loads:
        print(f"{line}: loaded from another host", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return 0 if report.ok else 1


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Builds the website for HOD's budget proposition and allocation letters "
        "from the text files listed in source/sources.yml.",
    )
    parser.add_argument("--root", default=".", help="project folder (holds source/, content/, mkdocs.yml); default: here")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="build the whole site into site/",
                       description="Read every document in source/sources.yml, write the pages and run "
                       "MkDocs for each budget year. site/ is replaced only when everything succeeded.")
    p.add_argument("--year", type=int, action="append", help="build only this budget year (repeatable)")
    p.add_argument("--strict", action="store_true", help="fail (exit 3) on any warning, not only on errors")
    p.add_argument("--site-dir", help="where to put the site (default: site/)")
    p.add_argument("--quiet", action="store_true", help="print only warnings and the summary")
    p.add_argument("--jobs", type=int, default=0,
                   help="worker processes for charts and MkDocs (default: one per core; 1: all in this process)")
    p.add_argument("--clean", action="store_true",
                   help="ignore the build cache and rebuild every year from scratch")
    p.add_argument("--check-urls", action="store_true",
                   help="fail when a page is not in published-urls.txt instead of adding it (CI)")
    p.add_argument("--no-offline", action="store_true",
                   help="skip the offline bundles (a zip of each year for reading from disk): a quicker preview")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("extract", help="print what the parser finds in documents, as JSON",
                       description="Parse letters or propositions and print the JSON described in "
                       "docs/contract.md on stdout (one object for one file, an array of them for "
                       "several); warnings go to stderr.")
    p.add_argument("files", nargs="+", metavar="file",
                   help="a text file, e.g. source/tildelingsbrev-2025.txt; several are read in one process")
    p.add_argument("--strict", action="store_true", help="exit 3 when there is any warning")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("serve", help="preview the built site (all years) in a browser",
                       description="Serve site/ on http://127.0.0.1:PORT/ with the version selector working. "
                       "Builds first unless --no-build.")
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    p.add_argument("--no-build", action="store_true", help="serve the site/ that is already there")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("publish", help="deploy every budget year to the gh-pages branch with mike",
                       description="Build each year and commit it as a mike version (alias latest on the "
                       "newest) to the local gh-pages branch; --push also pushes it.")
    p.add_argument("--push", action="store_true", help="push gh-pages to origin afterwards")
    p.add_argument("--branch", default="gh-pages", help="branch to deploy to (default gh-pages)")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("check", help="check every internal link and anchor of the built site",
                       description="Parse every HTML file in site/ and report broken internal links and "
                       "anchors, and anything loaded from another host; exit 1 if there is any.")
    p.add_argument("--site-dir", help="the built site to check (default: site/)")
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; site/ was left as it was", file=sys.stderr)
        return 130
