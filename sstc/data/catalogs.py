"""The translation catalogs, made from the code (`make catalogs`, or `python -m sstc.data.catalogs`).

One domain per area of the code (a translator, or a change, touches one file per language); the code's words are
extracted with Babel (the keywords below), the template written to `locales/<domain>.pot`, and each language's
`locales/<lang>/LC_MESSAGES/<domain>.po` updated from it: new words added untranslated, gone ones dropped, the
translations of the others kept. No fuzzy guesses: a new msgid is untranslated until someone translates it.
`--check` changes nothing and fails when a template is not what the code says (the tests run it).
"""

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from sstc.data.i18n import LANGUAGES, LOCALES_DIR

ROOT = LOCALES_DIR.parent
TRANSLATED = tuple(code for code in LANGUAGES if code != "en")
# The functions whose arguments are the words: gettext's and the app's count helpers (sstc.view.labels).
KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "counted": (2, 3),
    "agrees": (2, 3),
}
# Each domain's files (globs from the project's root).
DOMAINS: dict[str, tuple[str, ...]] = {
    "app": ("dashboard.py", "app/*.py"),
    "pages_done": tuple(
        f"app_pages/{name}.py" for name in ("overview", "coverage", "funding", "modalities", "outcomes")
    ),
    "pages_find": tuple(f"app_pages/{name}.py" for name in ("explorer", "projects", "profile", "compare", "about")),
    "pages_plan": tuple(f"app_pages/{name}.py" for name in ("replication", "gaps", "shortlist", "timeline")),
    "view": ("sstc/view/*.py",),
    "documents": ("sstc/documents/*.py",),
    "analysis": ("sstc/analysis/*.py",),
    "data": ("sstc/data/*.py", "sstc/data/workbook_in/*.py", "sstc/cli.py"),
    "places": ("sstc/data/m49.py", "sstc/data/countries.py"),
}


def files(domain: str) -> list[Path]:
    """The domain's files: a file another domain names exactly is that domain's, not a pattern's."""
    named = {ROOT / p for other, patterns in DOMAINS.items() if other != domain for p in patterns if "*" not in p}
    found = {path for pattern in DOMAINS[domain] for path in ROOT.glob(pattern)}
    return sorted(found - named)


def template(domain: str) -> Catalog:
    """The domain's words as the code has them now."""
    catalog = Catalog(project="sstc-dashboard", domain=domain, charset="utf-8")
    for path in files(domain):
        for lineno, message, comments, context in extract_from_file(
            "python", path, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            catalog.add(
                message,
                None,
                [(str(path.relative_to(ROOT)), lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


HEADER = "# {domain}: the SSTC dashboard's words, {language}. Made by `make catalogs`; see docs/languages.md."


def _clean_header(catalog: Catalog, domain: str, language: str) -> Catalog:
    """No placeholder names or addresses in the header (no e-mail address anywhere); not fuzzy."""
    catalog.header_comment = HEADER.format(domain=domain, language=language)
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "sstc-dashboard"
    catalog.language_team = "sstc-dashboard"
    catalog.copyright_holder = ""
    catalog.project = "sstc-dashboard"
    catalog.version = ""
    catalog.fuzzy = False
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=120, omit_header=False, sort_output=False, include_lineno=False)
    return out.getvalue()


def _ids(catalog: Catalog) -> set[tuple[object, object]]:
    return {(m.context, m.id) for m in catalog if m.id}


def pot_path(domain: str) -> Path:
    return LOCALES_DIR / f"{domain}.pot"


def po_path(code: str, domain: str) -> Path:
    return LOCALES_DIR / code / "LC_MESSAGES" / f"{domain}.po"


def read(path: Path, code: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=code)


def update(domain: str) -> None:
    """Write the domain's template and bring each language's catalog up to it."""
    fresh = template(domain)
    pot_path(domain).parent.mkdir(parents=True, exist_ok=True)
    pot_path(domain).write_bytes(_po_bytes(_clean_header(fresh, domain, "template")))
    for code in TRANSLATED:
        path = po_path(code, domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            catalog = read(path, code)
        else:
            catalog = Catalog(locale=code, domain=domain, project="sstc-dashboard", charset="utf-8")
        catalog.update(fresh, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        path.write_bytes(_po_bytes(_clean_header(catalog, domain, code)))


def stale(domain: str) -> list[str]:
    """What the domain's template lacks or has too many of, against the code (empty: up to date)."""
    path = pot_path(domain)
    have = _ids(read(path)) if path.exists() else set()
    want = _ids(template(domain))
    return [f"{domain}: missing {m!r}" for m in sorted(want - have, key=str)] + [
        f"{domain}: no longer in the code {m!r}" for m in sorted(have - want, key=str)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("domains", nargs="*", help="the domains to update (all by default)")
    parser.add_argument("--check", action="store_true", help="change nothing; fail when a template is stale")
    args = parser.parse_args(argv)
    chosen = args.domains or list(DOMAINS)
    if args.check:
        problems = [p for d in chosen for p in stale(d)]
        print("\n".join(problems) or "catalog templates up to date")
        return 1 if problems else 0
    for domain in chosen:
        update(domain)
        print(f"{domain}: {len(template(domain))} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
