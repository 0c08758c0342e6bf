"""The printed country profile keeps what the page shows: the records that may reach the country through a group,
apart from those naming it (issue 23, point 3: the PDF dropped the 9 "may reach" records shown for Ethiopia)."""

from sstc import DEFAULT_DATA
from sstc.analysis import transforms
from sstc.data.identity import identify
from sstc.documents import printable
from sstc.documents.document import Heading, Table, to_markdown
from sstc.documents.pdf_out import to_pdf
from tests.readback import pdf_text


def test_the_printed_profile_lists_the_records_that_may_reach_the_country_apart(dataset, tables):
    identity = identify(dataset, DEFAULT_DATA.read_bytes())
    cards = transforms.country_cards(tables, "ETH")
    reach = cards[~cards["named"].astype(bool)]
    assert len(reach) > 0  # Ethiopia: records through IGAD, Africa, Global South, ...
    model = printable.profile(tables, "ETH", identity)
    headings = [b.text for b in model.blocks if isinstance(b, Heading)]
    assert "Records that may reach it through a group" in headings
    after = model.blocks[[i for i, b in enumerate(model.blocks) if isinstance(b, Heading)][-1] :]
    (listed,) = [b for b in after if isinstance(b, Table)]
    assert len(listed.rows) == len(reach)
    markdown = to_markdown(model)
    assert all(str(i) in markdown for i in reach["id"])
    assert f"{len(reach)} records name a group that may include Ethiopia" in markdown  # Ethiopia: several
    assert "may include Ethiopia" in pdf_text(to_pdf(model)).replace("\n", " ")
