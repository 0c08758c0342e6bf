"""The dataset as a workbook and back: a template to fill in Excel, a dataset in that form, and a filled workbook
read into the very dict `yaml.safe_load` gives, then validated as a YAML upload is.

A planner works in Excel, not YAML. One sheet per record kind, a child sheet per nested list (keyed by the record's
id or number and a position), lists from the vocabularies. The round trip is lossless: list order, 2 versus 2.0,
text versus numbers, dates, and what a cell cannot hold (null, an empty list) kept in a last column, `extra (YAML)`.
Every cell keeps its sheet, row and column, so a problem names them. Reading is bounded like a YAML upload: the same
byte limit, a cap on the unzipped size (zip bombs), on rows and on cells, XML parsed by defusedxml, read-only mode.
"""

from sstc.data.workbook_in.layout import DATE_FORMAT, FIXED_TIME, HOW_TO, TIME_FORMAT
from sstc.data.workbook_in.read import Filled, is_workbook, load_bytes, load_data, read_upload, read_workbook
from sstc.data.workbook_in.write import dataset_to_workbook, save, template

__all__ = [
    "DATE_FORMAT",
    "FIXED_TIME",
    "HOW_TO",
    "TIME_FORMAT",
    "Filled",
    "dataset_to_workbook",
    "is_workbook",
    "load_bytes",
    "load_data",
    "read_upload",
    "read_workbook",
    "save",
    "template",
]
