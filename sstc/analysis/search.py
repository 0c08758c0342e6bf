"""The sidebar's text search: every word of the query, in any of its forms, and where each record matched.

A query word finds a record when its English stem (Snowball) is the stem of a word of the record's text, so
"refugee" and "refugees" find the same records; a substring test had "refugee" inside "refugees" but not the other
way round. Words are compared casefolded. A word with inner punctuation ("ECA-REFUGEE", "south-south") or a quoted
phrase ("decent work") is a run of words that must follow each other in one part of the text, each in any form.
Every word or run must be found (AND); a query without a word finds nothing.

The stems of every record's text are worked out once per tables object (`index`, kept while that object lives),
so a filter change only looks stems up in sets.
"""

import re
import threading
import weakref
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice

import snowballstemmer

from sstc.data import vocab
from sstc.data.i18n import pgettext
from sstc.data.tables import Tables, rows_of

WORD = re.compile(r"\w+(?:['’]\w+)*")  # "ILO's" is one word, stemmed to "ilo"
CHUNK = re.compile(r"[\"“”]([^\"“”]*)[\"“”]|[^\s\"“”]+")  # a quoted phrase, or a run of other non-blanks

Term = tuple[str, ...]  # the stems of words that must follow each other; most terms are one word


@dataclass(frozen=True)
class Part:
    """One named part of a record's text (title, description, a criterion...) and the stems of its words: as a set
    for a one-word term, and in order (`seq`, each stem between spaces) for a run of words, a substring test."""

    label: str
    text: str
    stems: frozenset[str]
    seq: str

    def holds(self, term: Term) -> bool:
        return term[0] in self.stems if len(term) == 1 else f" {' '.join(term)} " in self.seq


@dataclass(frozen=True)
class Index:
    """The searched text of every record and activity, by key, with its stems: built once per tables object."""

    parts: Mapping[str, tuple[Part, ...]]
    stems: Mapping[str, frozenset[str]]  # every stem of a key's text, its parts together
    forms: Mapping[str, str]  # every word of the text, as written -> its stem


@dataclass(frozen=True)
class Match:
    """Where a record matched: the names of the parts holding a query term, in the text's order, and the first such
    part's text with the places of the terms in it (ordered, not overlapping; see `where` for how far)."""

    parts: tuple[str, ...]
    text: str
    spans: tuple[tuple[int, int], ...]


def _stems(words: list[str]) -> list[str]:
    """The words' English stems, by a stemmer of this call's own: one keeps its state while it works, so the
    sessions' threads must not share one."""
    return snowballstemmer.stemmer("english").stemWords(words)


def _normal(word: str) -> str:
    """A word as compared: casefolded, a typographic apostrophe as the ASCII one the stemmer knows."""
    return word.casefold().replace("’", "'")


def terms(query: str) -> tuple[Term, ...]:
    """The query's terms, each once: a word, a word with inner punctuation, or a quoted phrase, as stems."""
    found: list[Term] = []
    for chunk in CHUNK.finditer(query):
        words = [_normal(w) for w in WORD.findall(chunk.group(1) if chunk.group(1) is not None else chunk.group(0))]
        if words:
            found.append(tuple(_stems(words)))
    return tuple(dict.fromkeys(found))


def build(tables: Tables) -> Index:
    """Every record's named parts (and every activity's text, as one part) with their stems. Each distinct text is
    read once (records share regions, sources, country lists) and each distinct word stemmed once: stemming is
    most of the cost, ~45 us a word in pure Python."""
    texts = {key: tuple(fields) for key, fields in rows_of(tables.records, "key", "search_fields")}
    texts |= {key: (("text", str(text)),) for key, text in rows_of(tables.activities, "key", "search_text")}
    words = {text: WORD.findall(text) for fields in texts.values() for _, text in fields}
    normal = {w: _normal(w) for w in {w for found in words.values() for w in found}}
    distinct = sorted(set(normal.values()))
    stem_of = dict(zip(distinct, _stems(distinct), strict=True))
    forms = {w: stem_of[n] for w, n in normal.items()}
    stemmed = {text: [forms[w] for w in found] for text, found in words.items()}
    read = {text: (frozenset(stems), f" {' '.join(stems)} ") for text, stems in stemmed.items()}
    parts = {key: tuple(Part(label, text, *read[text]) for label, text in fields) for key, fields in texts.items()}
    stems = {key: frozenset().union(*(p.stems for p in named)) for key, named in parts.items()}
    return Index(parts, stems, forms)


_INDEXES: dict[int, tuple[weakref.ref, Index]] = {}
_LOCK = threading.Lock()


def index(tables: Tables) -> Index:
    """`build(tables)`, once per tables object while it lives, shared by every session.

    Keyed by identity (a tables object is never hashed, and one dataset's tables are one shared object); the entry
    holds the tables weakly and goes with them, so an upload dropped from the app's memo takes its index along.
    """
    key = id(tables)
    with _LOCK:
        entry = _INDEXES.get(key)
        if entry is not None and entry[0]() is tables:
            return entry[1]
        built = build(tables)  # under the lock: two sessions opening the same dataset build it once
        _INDEXES[key] = (weakref.ref(tables, lambda ref, key=key: _forget(key, ref)), built)
        return built


def _forget(key: int, ref: weakref.ref) -> None:
    """The tables behind `ref` are gone. No lock: the collector may run this on a thread that holds it."""
    entry = _INDEXES.get(key)
    if entry is not None and entry[0] is ref:
        _INDEXES.pop(key, None)


def _runs(part: Part, asked: Sequence[Term], forms: Mapping[str, str], reach: int) -> list[tuple[int, int]]:
    """Where the terms are in the part's text, in order, from the first to `reach` characters past it; a match
    overlapping an earlier one is left out. The words before the first match are skipped uncounted (found in `seq`,
    passed over in C): a snippet shows no more, and a long text would cost a loop per word."""
    firsts = [i for t in asked if (i := part.seq.find(f" {' '.join(t)} ")) >= 0]
    if not firsts:
        return []
    words = WORD.finditer(part.text)
    deque(islice(words, part.seq.count(" ", 0, min(firsts))), maxlen=0)  # the words before the first match
    recent: deque[tuple[str, int, int]] = deque(maxlen=max(len(t) for t in asked))  # stem, start, end
    kept: list[tuple[int, int]] = []
    for word in words:
        if kept and word.start() > kept[0][0] + reach:
            break
        recent.append((forms.get(word.group()) or _normal(word.group()), word.start(), word.end()))
        window = list(recent)
        for term in asked:
            run = window[-len(term) :]
            fits = len(run) == len(term) and all(w[0] == s for w, s in zip(run, term, strict=True))
            if fits and (not kept or run[0][1] >= kept[-1][1]):
                kept.append((run[0][1], run[-1][2]))
                break
    return kept


def _holds(found: Index, key: str, term: Term) -> bool:
    stems = found.stems.get(key, frozenset())
    if not all(s in stems for s in term):
        return False
    return len(term) == 1 or any(p.holds(term) for p in found.parts[key])


def matching(tables: Tables, query: str) -> frozenset[str]:
    """Keys of the records and activities whose text holds every term of the query; none for a query without a
    word (a query of punctuation asks for nothing a word can match)."""
    asked = terms(query)
    if not asked:
        return frozenset()
    found = index(tables)
    return frozenset(key for key in found.stems if all(_holds(found, key, t) for t in asked))


def where(tables: Tables, query: str, keys: Iterable[str], reach: int = 240) -> dict[str, Match]:
    """For each of `keys` whose text holds a term of the query: where (see `Match`); the places of the terms up to
    `reach` characters past the first, which is what a snippet can show."""
    asked = terms(query)
    found = index(tables)
    out: dict[str, Match] = {}
    for key in keys:
        hit = [p for p in found.parts.get(key, ()) if any(p.holds(t) for t in asked)]
        if hit:
            spans = _runs(hit[0], asked, found.forms, reach)
            out[key] = Match(tuple(dict.fromkeys(part_word(p.label) for p in hit)), hit[0].text, tuple(spans))
    return out


def part_word(label: str) -> str:
    """A part of a record's text (`tables`' search fields: "title", "countries involved", a criterion) as a reader
    reads it, in the run's language; the index keeps the data's names, shared by every session."""
    words = {
        "title": pgettext("a part of a record's text", "title"),
        "region": pgettext("a part of a record's text", "region"),
        "source": pgettext("a part of a record's text", "source"),
        "id": pgettext("a part of a record's text", "id"),
        "description": pgettext("a part of a record's text", "description"),
        "short name": pgettext("a part of a record's text", "short name"),
        "countries involved": pgettext("a part of a record's text", "countries involved"),
        "materials": pgettext("a part of a record's text", "materials"),
        "contacts": pgettext("a part of a record's text", "contacts"),
        "countries": pgettext("a part of a record's text", "countries"),
        "other names of its countries": pgettext("a part of a record's text", "other names of its countries"),
        "text": pgettext("a part of a record's text", "text"),
    }
    return words[label] if label in words else vocab.word(label)
