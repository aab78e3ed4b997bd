"""Build settings, read once into a frozen object and passed down.

The published address: the environment variable SITE_URL wins, else
`site_url:` in mkdocs.yml. With neither, the site has no address: pages get
no canonical links and calendar events no URL, rather than pointing at a
made-up host. Where readers report errors ("Meld fra om feil") is read the
same way: the site's repository (SITE_REPOSITORY, else
`extra.feilmelding.repository` in mkdocs.yml), else an e-mail address
(`extra.feilmelding.epost`); with neither, pages have no report link rather
than a fake one. The date of each year's sources
is found by the reading stage (read/sourcedates.py), which takes the one
environment value it needs, SOURCE_DATE_EPOCH, from here. Nothing
else in the generator reads or writes os.environ: MkDocs and mike get the
date and the canonical version from the per-year config (mkdocs_hooks.py).
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Settings:
    site_url: str | None = None  # "https://owner.github.io/repo/" (always ends in "/"), or None
    # When each year's sources last changed (sourcedates.py): ((year, ISO date), ...)
    source_dates: tuple[tuple[int, str], ...] = ()
    # The same as seconds since the epoch, for MkDocs (sitemap, gzip header);
    # here a year without a commit date has its files' modification time.
    source_epochs: tuple[tuple[int, int], ...] = ()
    # SOURCE_DATE_EPOCH (the reproducible-builds convention) when it is set: it
    # dates every year; else each year's sources are dated by git.
    fixed_source_epoch: int | None = None
    # "Meld fra om feil": the repository whose issues take reports
    # ("https://github.com/owner/repo", no trailing "/"), or an e-mail address; or neither.
    repository: str | None = None
    report_email: str | None = None

    def source_date(self, year: int) -> str | None:
        return dict(self.source_dates).get(year)

    def source_epoch(self, year: int) -> int | None:
        return dict(self.source_epochs).get(year)

    def page_url(self, year: int, url_path: str) -> str | None:
        """The absolute address of a page of a year ("kapittel/740/"), or None without a site URL."""
        return f"{self.site_url}{year}/{url_path}" if self.site_url else None


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: `!ENV` and Python tags become plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        values = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
    else:
        return None
    return {"__tag__": suffix.lstrip("!"), "values": values}


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:", _any_tag)


def _normalise(url: object) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return None
    url = url.strip()
    if not url.startswith(("https://", "http://")):
        return None
    return url if url.endswith("/") else url + "/"


def load_config_text(config_text: str) -> dict:
    """mkdocs.yml as plain data, without MkDocs: `!ENV` and Python tags become
    {"__tag__": ..., "values": [...]} (resolve `!ENV` with `config_value`)."""
    data = yaml.load(config_text, Loader=_TolerantLoader) or {}  # noqa: S506 - SafeLoader subclass
    return data if isinstance(data, dict) else {}


def site_url_from_config(config_text: str, environ: Mapping[str, str]) -> str | None:
    """mkdocs.yml's site_url: a plain string, or `!ENV [NAME, default]` resolved against environ."""
    return _normalise(config_value(load_config_text(config_text).get("site_url"), environ))


def config_value(value: object, environ: Mapping[str, str]) -> object:
    """A config value with `!ENV [NAME, ..., default]` resolved; any other tag: None."""
    if isinstance(value, dict) and value.get("__tag__") == "ENV":
        # pyyaml_env_tag's rule: with more than one item, the last is the default.
        names = value["values"]
        default = names[-1] if len(names) > 1 else None
        names = names[:-1] if len(names) > 1 else names
        value = next((environ[n] for n in names if environ.get(n)), default)
    elif isinstance(value, dict) and "__tag__" in value:
        value = None
    return value


_REPOSITORY = re.compile(r"https://[A-Za-z0-9.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def report_settings(config: dict, environ: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(repository, e-mail) for "Meld fra om feil": SITE_REPOSITORY, else
    mkdocs.yml's extra.feilmelding; only a well-formed https repository
    address and a well-formed e-mail address count."""
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    own = extra.get("feilmelding") if isinstance(extra.get("feilmelding"), dict) else {}
    repository = environ.get("SITE_REPOSITORY") or config_value(own.get("repository"), environ)
    email = config_value(own.get("epost"), environ)
    repository = str(repository).strip().rstrip("/") if isinstance(repository, str) else None
    email = str(email).strip() if isinstance(email, str) else None
    return (repository if repository and _REPOSITORY.fullmatch(repository) else None,
            email if email and _EMAIL.fullmatch(email) else None)


def load_settings(root: Path, environ: Mapping[str, str] | None = None) -> Settings:
    """The settings of a build of the project at `root` (read once, at the start)."""
    environ = os.environ if environ is None else environ
    url = _normalise(environ.get("SITE_URL"))
    config_file = root / "mkdocs.yml"
    config = load_config_text(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
    if url is None:
        url = _normalise(config_value(config.get("site_url"), environ))
    repository, email = report_settings(config, environ)
    fixed = environ.get("SOURCE_DATE_EPOCH", "").strip()
    return Settings(site_url=url, fixed_source_epoch=int(fixed) if fixed.isdigit() else None,
                    repository=repository, report_email=email)
