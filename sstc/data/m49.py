"""The UN's M49 standard (Standard country or area codes for statistical use), the part the app uses: the countries
of its former "developed regions" grouping (Europe, Northern America, Australia and New Zealand, Japan; the UN
Statistics Division kept it until 2017). Copied by hand from M49's region lists (Europe: Eastern, Northern,
Southern and Western Europe; Northern America), as ISO 3166 alpha-3 codes, Kosovo (XKX, not an M49 area) with
Southern Europe as the UN's Europe lists place it.

Why: a record addressed to the "Global South" names no country, and the app says which countries it may reach; a
country of these regions (Portugal, Germany) is not taken to be one of them. That is the app's reading of a
standard, never something a source said.
"""

EUROPE = frozenset({
    "BLR", "BGR", "CZE", "HUN", "MDA", "POL", "ROU", "RUS", "SVK", "UKR",  # Eastern Europe
    "ALA", "DNK", "EST", "FRO", "FIN", "GGY", "IMN", "ISL", "IRL", "JEY", "LVA", "LTU", "NOR", "SJM", "SWE",
    "GBR",  # Northern Europe
    "ALB", "AND", "BIH", "HRV", "GIB", "GRC", "ITA", "MLT", "MNE", "MKD", "PRT", "SMR", "SRB", "SVN", "ESP",
    "VAT", "XKX",  # Southern Europe
    "AUT", "BEL", "FRA", "DEU", "LIE", "LUX", "MCO", "NLD", "CHE",  # Western Europe
})  # fmt: skip
NORTHERN_AMERICA = frozenset({"BMU", "CAN", "GRL", "SPM", "USA"})
DEVELOPED_REGIONS = EUROPE | NORTHERN_AMERICA | frozenset({"AUS", "NZL", "JPN"})
