"""Country codes and names: pycountry is the reference, plus one explicit alias table and Kosovo.

Never fuzzy-match: pycountry's search_fuzzy maps Kosovo to Serbia and oPT to Mali.
"""

from functools import cache

import pycountry

KOSOVO = "XKX"
KOSOVO_NAME = "Kosovo"  # ISO 3166 has no entry; XKX is the code the EU and the World Bank use.

# Spellings used in the sources that pycountry's exact lookup does not resolve (or resolves only by accident).
ALIASES: dict[str, str] = {
    "drc": "COD",
    "dr congo": "COD",
    "democratic republic of the congo": "COD",
    "congo": "COG",
    "swaziland": "SWZ",
    "eswatini": "SWZ",
    "turkey": "TUR",
    "türkiye": "TUR",
    "turkiye": "TUR",
    "russia": "RUS",
    "opt": "PSE",
    "occupied palestinian territory": "PSE",
    "palestine": "PSE",
    "laos": "LAO",
    "moldova": "MDA",
    "republic of moldova": "MDA",
    "viet nam": "VNM",
    "vietnam": "VNM",
    "uae": "ARE",
    "kosovo": KOSOVO,
    "bolivia": "BOL",
    "brasil": "BRA",
    "méxico": "MEX",
    "perú": "PER",
    "panamá": "PAN",
    "costa-rica": "CRI",
    "republic of korea": "KOR",
    "south korea": "KOR",
    "car": "CAF",
    "tanzania": "TZA",
    "iran": "IRN",
    "syria": "SYR",
    "venezuela": "VEN",
    "bosnia and herzegovina": "BIH",
    "north macedonia": "MKD",
    "kyrgyzstan": "KGZ",
    "kyrgyz republic": "KGZ",
    "the philippines": "PHL",
    "the dominican republic": "DOM",
}


class UnknownCountry(ValueError):
    """A name or code that neither pycountry nor the alias table knows."""


@cache
def is_code(code: str) -> bool:
    return code == KOSOVO or pycountry.countries.get(alpha_3=code) is not None


@cache
def resolve(value: str) -> str:
    """ISO 3166 alpha-3 code for a code or a name; exact matches only."""
    text = value.strip()
    if len(text) == 3 and text.isupper() and is_code(text):
        return text
    key = text.casefold()
    if key in ALIASES:
        return ALIASES[key]
    code = _exact_names().get(text.lower())
    if code is None:
        shown = repr(value) if len(value) <= 60 else repr(value[:59]) + "…"
        raise UnknownCountry(
            f"unknown country {shown}: use an ISO 3166 alpha-3 code (e.g. 'ETH') or a name pycountry knows exactly"
        )
    return code


@cache
def _exact_names() -> dict[str, str]:
    """What pycountry's lookup() matches, as one dict: its lookup scans every country for a miss (~50 µs), so a
    file of 300,000 unknown names took 20 s; this answers a miss in one probe. Indexed fields win, as in lookup()."""
    names: dict[str, str] = {}
    db = pycountry.countries
    every = list(db)  # loads the database, and with it db.indices
    for field in (*db.indices, *db.no_index):
        for country in every:
            value = country._fields.get(field)
            if isinstance(value, str):
                names.setdefault(value.lower(), country.alpha_3)
    return names


@cache
def name(code: str) -> str:
    """Short display name: pycountry's common name where it has one."""
    if code == KOSOVO:
        return KOSOVO_NAME
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        raise UnknownCountry(f"unknown country code {code!r}")
    return getattr(country, "common_name", None) or country.name


@cache
def names(code: str) -> frozenset[str]:
    """Every spelling that names the country: pycountry's names and the alias table's."""
    found = {alias for alias, target in ALIASES.items() if target == code}
    if code == KOSOVO:
        return frozenset(found | {KOSOVO_NAME})
    country = pycountry.countries.get(alpha_3=code)
    if country is not None:
        found |= {getattr(country, attr) for attr in ("name", "common_name", "official_name") if hasattr(country, attr)}
    return frozenset(found)
