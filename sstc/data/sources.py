"""The source documents: where they are, their sections, and whether a quote stands in the section it cites.

A reference reads `document key, section[, subsection][: free text]`, e.g. `compendium, good practice 9, Funding
Sources` or `brochure, Africa`. The texts come from PDFs, so a quote is compared after folding whitespace and line
breaks, joining words hyphenated across lines and unifying typographic quotes.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from sstc import ROOT_DIR
from sstc.data.i18n import _

SOURCES_DIR = ROOT_DIR / "data" / "sources"

# Brochure sections, in the order the brochure prints them: the reference name -> the heading's words.
BROCHURE_SECTIONS: dict[str, str] = {
    "introduction": "ILO SOUTH-SOUTH AND",
    "Latin America and the Caribbean": "SSTC CAPACITY-BUILDING",
    "Africa": "AFRICA",
    "Arab States": "ARAB STATES",
    "Asia and the Pacific": "ASIA AND THE PACIFIC",
    "Eastern Europe and Central Asia": "EASTERN EUROPE AND CENTRAL ASIA",
    "International Training Centre (ITC-ILO)": "INTERNATIONAL TRAINING CENTRE",
}

# Rows of a good practice's form, in order: the reference name -> the pattern that starts the row.
COMPENDIUM_ROWS: dict[str, str] = {
    "Title": r"Title of (?:the )?South-South",
    "Countries involved": r"Countries involved",
    "Objective": r"(?:South-South )?Obje(?:c)?tive",
    "Cooperation": r"(?:South-South\s+)?Cooperation\s+between\s+institutions",
    "Effectiveness": r"Effectiveness of the",
    "Innovation": r"Innovation",
    "Sustainability": r"(?:South-South )?Sustainability|Elements that make good",
    "Adaptability": r"(?:South-South )?Adaptability",
    "Results": r"(?:South-South )?Results",
    "Contact details": r"Contact(?: details|s)\b",
    "Funding Sources": r"Funding Sources|Funds\b",
    "Materials and Web-links": r"Materials\b",
}


# The compendium row each of a practice's seven criteria is copied from.
CRITERION_ROWS: dict[str, str] = {
    "objective": "Objective",
    "cooperation": "Cooperation",
    "effectiveness": "Effectiveness",
    "innovation": "Innovation",
    "sustainability": "Sustainability",
    "adaptability": "Adaptability",
    "results": "Results",
}


class SourceError(ValueError):
    """A reference that names no document or section the texts have."""


@dataclass(frozen=True)
class Section:
    document: str
    name: str
    text: str


# What the PDF extraction put inside running text: link annotations on a line of their own, and footnotes
# ("1 WB-6 refers to ...") printed in the middle of a sentence that runs on after them.
_ARTEFACTS = re.compile(r"^[ \t]*mailto:\S+[ \t]*$|^[ \t]*\d+ [^\n]{0,40} refers to [\s\S]*?\.[ \t]*$", re.M)


def without_artefacts(text: str) -> str:
    return _ARTEFACTS.sub("", text)


def fold(text: str) -> str:
    """The comparable form of a PDF text: one space for any run of blanks, hyphenated line breaks joined."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"[‘’ʼ]", "'", text)
    text = re.sub(r"[“”]", '"', text)
    text = re.sub(r"[–—]", "-", text)
    text = re.sub(r"-[ \t]*\n\s*(?=\w)", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _unhyphenated(text: str) -> str:
    """The folded text with line-break hyphens dropped ('peer-\\nlearning' may be 'peerlearning' in the source)."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"[‘’ʼ]", "'", text)
    text = re.sub(r"[“”]", '"', text)
    text = re.sub(r"[–—]", "-", text)
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def read(file: str, directory: Path = SOURCES_DIR) -> str:
    path = directory / file
    if not path.is_file():
        raise SourceError(_("source file {file} not found in {folder}/").format(file=repr(file), folder=directory.name))
    return path.read_text(encoding="utf-8")


def compendium_practices(text: str) -> dict[int, str]:
    """The compendium's text of each good practice, keyed by its number."""
    parts = re.split(r"\bGOOD PRACTICE\s+(\d+)\s*[-–]", text)
    sections = {0: parts[0]}
    sections.update({int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)})
    return sections


def _rows(practice_text: str) -> dict[str, str]:
    """A practice's form rows; a row runs to the start of the next row found after it."""
    starts: list[tuple[int, str]] = []
    position = 0
    for name, pattern in COMPENDIUM_ROWS.items():
        match = re.compile(pattern).search(practice_text, position)
        if match:
            starts.append((match.start(), name))
            position = match.end()
    starts.append((len(practice_text), ""))
    return {name: practice_text[start : starts[i + 1][0]] for i, (start, name) in enumerate(starts[:-1])}


def _brochure_sections(text: str) -> dict[str, str]:
    starts = []
    for name, heading in BROCHURE_SECTIONS.items():
        match = re.search(rf"^\s*{re.escape(heading)}", text, re.M)
        if match is None:
            raise SourceError(_("brochure heading {heading} not found").format(heading=repr(heading)))
        starts.append((match.start(), name))
    starts.sort()
    starts.append((len(text), ""))
    return {name: text[start : starts[i + 1][0]] for i, (start, name) in enumerate(starts[:-1])}


def section(document: str, file: str, reference: str, directory: Path = SOURCES_DIR) -> Section:
    """The narrowest span of `file` that `reference` names (the document key already checked by the caller)."""
    text = read(file, directory)
    head = reference.split(":")[0].split(";")[0]
    parts = [p.strip() for p in head.split(",")][1:]
    if document == "compendium":
        if not parts:
            return Section(document, "whole document", text)
        if parts[0].casefold() == "preface":
            return Section(document, "Preface", compendium_practices(text)[0])
        match = re.fullmatch(r"good practice (\d+)", parts[0], re.I)
        if not match:
            raise SourceError(
                _("compendium section {section}: write 'good practice N' or 'Preface'").format(section=repr(parts[0]))
            )
        number = int(match.group(1))
        practices = compendium_practices(text)
        if number not in practices or number == 0:
            raise SourceError(_("the compendium has no good practice {number}").format(number=number))
        body = practices[number]
        if len(parts) > 1 and parts[1] in COMPENDIUM_ROWS:
            rows = _rows(body)
            if parts[1] not in rows:
                raise SourceError(
                    _("good practice {number} has no row {row}").format(number=number, row=repr(parts[1]))
                )
            return Section(document, f"good practice {number}, {parts[1]}", rows[parts[1]])
        return Section(document, f"good practice {number}", body)
    if document == "brochure":
        if not parts:
            return Section(document, "whole document", text)
        sections = _brochure_sections(text)
        if parts[0] not in sections:
            raise SourceError(
                _("brochure section {section}: one of {sections}").format(
                    section=repr(parts[0]), sections=", ".join(sections)
                )
            )
        return Section(document, parts[0], sections[parts[0]])
    return Section(document, "whole document", text)


_ADDRESS = re.compile(r"https?:/{1,2}[^\s<>\"]+")
_RUN_TOGETHER = re.compile(r"(?:%20)+(?=https?:/)|(?<=\S)(?=https?:/)")


def addresses(text: str) -> list[str]:
    """Every web address a text writes, as written: run-together pairs split, Outlook safelinks unwrapped.

    Unwrapping is the one change made to an address: the wrapper carries a staff e-mail address in its query.
    """
    found: list[str] = []
    for token in _ADDRESS.findall(text):
        for address in _RUN_TOGETHER.split(token):
            address = address.rstrip(".,;")
            if "safelinks.protection.outlook.com" in address:
                wrapped = parse_qs(urlsplit(address).query).get("url")
                address = wrapped[0] if wrapped else address
            if address and address not in found:
                found.append(address)
    return found


def quote_problem(quote: str, found_in: Section) -> str | None:
    """None when the quote stands in the section; else what is wrong."""
    wanted = fold(quote)
    if not wanted:
        return _("empty quote")
    text = without_artefacts(found_in.text)
    if wanted in fold(text) or wanted in _unhyphenated(text):
        return None
    if "..." in wanted or "…" in wanted:
        pieces = [fold(p) for p in re.split(r"\.\.\.|…", quote) if fold(p)]
        haystack = fold(text)
        position = 0
        for piece in pieces:
            at = haystack.find(piece, position)
            if at < 0:
                break
            position = at + len(piece)
        else:
            return None
    return _("quote not found in {document}, {section}").format(document=found_in.document, section=found_in.name)
