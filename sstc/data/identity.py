"""What data this is: the dataset's title, version and date from `meta`, and a short hash of the file's bytes.

Shown in the sidebar, in every export's file name and in the brief, instead of a server path (which says nothing
to a reader and leaks the server's layout).
"""

import hashlib
from dataclasses import dataclass

from sstc.data.i18n import N_, _
from sstc.data.schema import Dataset

# A dataset without a version or a date: the words stand in the version and date (the version is in file names, in
# English); a label shows them in the reader's language.
UNVERSIONED, UNDATED = N_("unversioned"), N_("undated")


@dataclass(frozen=True)
class Identity:
    title: str
    version: str
    date: str
    digest: str
    uploaded_as: str | None = None

    def label(self) -> str:
        """`ILO SSTC ... · version 2.0 of 2026-11-23 · #3f2a9c1d04b2`."""
        version = _(UNVERSIONED) if self.version == UNVERSIONED else self.version
        date = _(UNDATED) if self.date == UNDATED else self.date
        label = _("{title} · version {version} of {date} · #{digest}").format(
            title=self.title, version=version, date=date, digest=self.digest
        )
        if self.uploaded_as:
            label += " · " + _("uploaded as {name}").format(name=self.uploaded_as)
        return label

    def slug(self) -> str:
        """For file names: `v2.0-3f2a9c1d`; a version longer than 24 characters is cut (the hash still tells two data
        files apart, and a name of 300 characters is refused by the file system)."""
        return f"v{self.version[:24]}-{self.digest[:8]}"


def fingerprint(raw: bytes) -> str:
    """12 hex digits of SHA-256: enough to tell two versions apart, short enough to read aloud."""
    return hashlib.sha256(raw).hexdigest()[:12]


def identify(dataset: Dataset, raw: bytes, uploaded_as: str | None = None) -> Identity:
    meta = dataset.meta
    return Identity(meta.title, meta.version or UNVERSIONED, meta.date or UNDATED, fingerprint(raw), uploaded_as)
