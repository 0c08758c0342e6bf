"""Country codes and names: pycountry is the reference, plus one explicit alias table, one of names as the UN and
the ILO write them, and Kosovo.

Never fuzzy-match: pycountry's search_fuzzy maps Kosovo to Serbia and oPT to Mali.
"""

from functools import cache

import pycountry

from sstc.data import i18n

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


# How the UN and the ILO write a country in running text, where pycountry's name reads badly in a list ("Congo, The
# Democratic Republic of the", "Palestine, State of"), is long ("Lao People's Democratic Republic") or differs from
# their usage ("Vietnam", "South Korea"): code -> (name, full name). The name is what lists, tables, pickers and
# captions show and sort by; it never holds a comma, so a comma list of names reads one country per item. The full
# name is for where the one country is the subject (a profile's heading). Every other country: pycountry's common
# name, else its name.
NAMES: dict[str, tuple[str, str]] = {
    "BES": ("Caribbean Netherlands", "Bonaire, Sint Eustatius and Saba"),
    "BOL": ("Bolivia", "Plurinational State of Bolivia"),
    "COD": ("DR Congo", "Democratic Republic of the Congo"),
    "FSM": ("Micronesia", "Federated States of Micronesia"),
    "IRN": ("Iran", "Islamic Republic of Iran"),
    "KOR": ("Republic of Korea", "Republic of Korea"),
    "LAO": ("Lao PDR", "Lao People's Democratic Republic"),
    "MAF": ("Saint Martin", "Saint Martin (French part)"),
    "MDA": ("Moldova", "Republic of Moldova"),
    "PRK": ("DPR Korea", "Democratic People's Republic of Korea"),
    "PSE": ("Occupied Palestinian Territory", "Occupied Palestinian Territory"),  # the ILO's words; the source: oPT
    "RUS": ("Russian Federation", "Russian Federation"),
    "SHN": ("Saint Helena", "Saint Helena, Ascension and Tristan da Cunha"),
    "SXM": ("Sint Maarten", "Sint Maarten (Dutch part)"),
    "SYR": ("Syria", "Syrian Arab Republic"),
    "TUR": ("Türkiye", "Türkiye"),
    "TZA": ("Tanzania", "United Republic of Tanzania"),
    "VAT": ("Holy See", "Holy See"),
    "VEN": ("Venezuela", "Bolivarian Republic of Venezuela"),
    "VGB": ("British Virgin Islands", "British Virgin Islands"),
    "VIR": ("US Virgin Islands", "United States Virgin Islands"),
    "VNM": ("Viet Nam", "Viet Nam"),
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
    code = _exact_names().get(text.lower()) or _table_names().get(key)
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
def _table_names() -> dict[str, str]:
    """The names and full names of NAMES, folded, for `resolve`: what the app shows can be typed back."""
    return {n.casefold(): code for code, both in NAMES.items() for n in both}


# French and Spanish: UN M49's names (data/m49.csv), shortened where the list name reads badly, as NAMES does
# for English (no comma; the short form the ILO's French and Spanish texts use); the full name is M49's.
SHORT: dict[str, dict[str, str]] = {
    "fr": {
        "BES": "Pays-Bas caribéens",
        "BOL": "Bolivie",
        "COD": "RD Congo",
        "FSM": "Micronésie",
        "GBR": "Royaume-Uni",
        "HKG": "Hong Kong (Chine)",
        "IRN": "Iran",
        "LAO": "RDP lao",
        "MAC": "Macao (Chine)",
        "MDA": "Moldova",
        "PRK": "RPD de Corée",
        "PSE": "Territoire palestinien occupé",
        "SYR": "Syrie",
        "TZA": "Tanzanie",
        "USA": "États-Unis",
        "VEN": "Venezuela",
    },
    "es": {
        "BES": "Caribe Neerlandés",
        "BOL": "Bolivia",
        "COD": "RD del Congo",
        "FSM": "Micronesia",
        "GBR": "Reino Unido",
        "HKG": "Hong Kong (China)",
        "IRN": "Irán",
        "LAO": "RDP Lao",
        "MAC": "Macao (China)",
        "MDA": "Moldova",
        "PRK": "RPD de Corea",
        "PSE": "Territorio Palestino Ocupado",
        "SYR": "Siria",
        "TZA": "Tanzanía",
        "USA": "Estados Unidos",
        "VEN": "Venezuela",
    },
}
FULL: dict[str, dict[str, str]] = {  # the ILO's words where M49 differs
    "fr": {"PSE": "Territoire palestinien occupé"},
    "es": {"PSE": "Territorio Palestino Ocupado"},
}


def name(code: str) -> str:
    """The name the app shows wherever countries are listed, joined or sorted ("DR Congo", "Lao PDR", "Ethiopia"),
    in the run's language: in English NAMES, else pycountry's common name where it has one, else its name; in
    French and Spanish SHORT, else UN M49's name, else the English one."""
    return _name(code, i18n.language())


@cache
def _name(code: str, language: str) -> str:
    if language in SHORT:
        if code in SHORT[language]:
            return SHORT[language][code]
        translated = _m49_name(code, language)
        if translated:
            return translated
    if code in NAMES:
        return NAMES[code][0]
    if code == KOSOVO:
        return KOSOVO_NAME
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        raise UnknownCountry(f"unknown country code {code!r}")
    return getattr(country, "common_name", None) or country.name


def _m49_name(code: str, language: str) -> str:
    from sstc.data import m49  # m49 reads this module's codes: imported when first needed

    found = m49.area(code)
    return getattr(found, f"name_{language}", "") if found is not None else ""


def sort_key(code: str) -> str:
    """Where a country goes in a list: by its name as a reader alphabetises it, case and accents aside ("DR Congo"
    after "Dominican Republic", "Türkiye" between "Tunisia" and "Tuvalu"); in the run's language."""
    return _sort_key(code, i18n.language())


@cache
def _sort_key(code: str, language: str) -> str:
    return alphabetical(name(code))


def alphabetical(text: str) -> str:
    """`text` as a reader of the run's language alphabetises it: case and accents aside (i18n.collation_key)."""
    return i18n.collation_key(text)[0]


def full_name(code: str) -> str:
    """The name for where one country is the subject (a profile's heading): "Democratic Republic of the Congo"."""
    return _full_name(code, i18n.language())


@cache
def _full_name(code: str, language: str) -> str:
    if language in FULL:
        if code in FULL[language]:
            return FULL[language][code]
        return _m49_name(code, language) or name(code)
    return NAMES[code][1] if code in NAMES else name(code)


@cache
def names(code: str) -> frozenset[str]:
    """Every spelling that names the country: pycountry's names and the alias table's."""
    found = {alias for alias, target in ALIASES.items() if target == code} | set(NAMES.get(code, ()))
    if code == KOSOVO:
        return frozenset(found | {KOSOVO_NAME})
    country = pycountry.countries.get(alpha_3=code)
    if country is not None:
        found |= {getattr(country, attr) for attr in ("name", "common_name", "official_name") if hasattr(country, attr)}
    return frozenset(found)
