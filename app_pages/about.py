import streamlit as st

from app import dataset as data_in_use
from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import rereads, transforms
from sstc.data import glossary, workbook_in
from sstc.data.i18n import _, ngettext
from sstc.documents import datapackage, export, workbook
from sstc.view import present
from sstc.view.labels import counted

ctx = context()
widgets.header(
    _("About the data"),
    _("How the dataset was built, what its words mean, and what the sources cannot tell."),
)
st.header(_("What data this is"), anchor=False)
if ctx.identity is not None:
    st.markdown(widgets.escape(ctx.identity.label()))
st.markdown(_(glossary.METHOD))
st.header(_("The data to take away"), anchor=False)
st.caption(
    # TRANSLATORS: the command line's words (python -m sstc export --format xlsx, ...) stay as they are.
    _(
        "The whole dataset in three forms: one Excel workbook (a sheet per table, headers in words), a Frictionless "
        "Data Package (a CSV per table and datapackage.json describing each column's type, allowed values and the "
        "keys between tables), and the Excel template for adding records (the command line writes the same: python "
        "-m sstc export --format xlsx, export --package DIR, template)."
    )
)
tables_by_name = cached(workbook.export_tables, ctx.dataset, ctx.tables)
if ctx.identity is not None:
    info = workbook.info_of(ctx.dataset, ctx.identity)
    widgets.document_download(
        ngettext(
            "The whole dataset as Excel ({count} table)",
            "The whole dataset as Excel ({count} tables)",
            len(tables_by_name),
        ).format(count=len(tables_by_name)),
        lambda: workbook.whole_book(tables_by_name, info),
        "dataset",
        "xlsx",
    )
    widgets.document_download(
        _("The dataset as a Frictionless Data Package (zip)"),
        lambda: datapackage.Package(tables_by_name, info),
        "datapackage",
        "zip",
    )
if ctx.identity is not None:
    raw = data_in_use.raw_in_use(ctx.identity)
    widgets.document_download(
        _(
            "The Excel template filled with this dataset's {projects} and {practices}: add your records below them"
        ).format(
            projects=counted(len(ctx.dataset.projects), "project", "projects"),
            practices=counted(len(ctx.dataset.practices), "practice", "practices"),
        ),
        lambda: workbook_in.Filled(raw()),
        "filled-template",
        "xlsx",
    )
meta = ctx.dataset.meta.model_dump(mode="json", exclude_defaults=True, by_alias=True)
st.download_button(
    _("An empty Excel template: a dataset of your own"),
    data=lambda: workbook_in.template({"meta": meta}),
    file_name=export.file_name("template", ctx.identity.slug() if ctx.identity else "", extension="xlsx"),
    mime=workbook.MIME,
    key="download-template-xlsx",
    icon=":material/edit_document:",
    on_click="ignore",
)
st.markdown(
    # TRANSLATORS: keep `python -m sstc convert FILE.xlsx` as it is (a command); YAML is a file format.
    _(
        "**To add 2022-2023 records**: download the template filled with this dataset, and add one row per new "
        "project or practice on its sheet below the others (a list of values, such as countries or modalities, on "
        "the sheet named after it, one row each, with the record's id); the lists in the cells offer the allowed "
        "values; every judged value needs its quote in the column beside it. Then upload the workbook in the "
        "sidebar: it is checked as a YAML file is, each problem named by its sheet, row, column and record, and it "
        "**replaces the dataset in use for your session** (the 2020-2021 records stay only because they are in the "
        "workbook; the empty template starts a dataset of its own). Nothing is written on the server; `python -m "
        "sstc convert FILE.xlsx` writes the workbook as YAML. The whole dataset as Excel above is a set of tables to "
        "read, not a template to upload."
    )
)
st.header(_("Terms"), anchor=False)
# One element per list, not one per line: every element is drawn again on every rerun (a filter change here cost
# 2x the floor page with 23 of them).
st.markdown("\n\n".join(f"**{widgets.escape(_(t))}**: {widgets.escape(_(m))}" for t, m in glossary.TERMS.items()))
st.header(_("Funding sources"), anchor=False)
st.caption(_("As the dataset normalises them; each record keeps the words its source uses (as stated)."))
widgets.table(
    cached(glossary.funding_sources, ctx.dataset),
    "funding-sources-glossary",
    what=_("funding sources and their meanings"),
)
unused = cached(glossary.unused_funding_sources, ctx.dataset)
if unused:
    st.caption(
        # TRANSLATORS: {sources} is the dataset's own list of funding sources, as it writes them.
        _("Defined in the dataset but not used by any record, so not listed: {sources}.").format(
            sources=widgets.escape("; ".join(unused))
        )
    )
psi = cached(glossary.psi_slippage, ctx.dataset)
if psi:
    st.markdown(_("**PSI slippage**: {text}").format(text=widgets.escape(psi)))
st.header(_("Known limits of the sources"), anchor=False)
st.markdown("\n".join(f"- {widgets.escape(_(limit))}" for limit in glossary.LIMITS))
st.header(_("Judgements a keyword check asks to re-read"), anchor=False)
st.caption(
    _(
        "The replication score adds up judgements of the compendium's seven criteria, each with the quote that earns "
        'it. The keyword rules it was once computed from are kept as a check: a judgement "not shown" whose row has '
        'words they counted, or "strong" whose row has none, is listed here for a second look. A listed judgement is '
        'not wrong (the rules counted a caveat as sustainability and the word "experts" as innovation); it is worth '
        "reading again."
    )
)
reread = cached(rereads.to_reread, ctx.tables)
if reread.empty:
    st.markdown(_("None: every judgement agrees with the keyword check."))
else:
    st.markdown(cached(present.reread_list, reread))
    widgets.download(
        cached(transforms.without_key, reread),
        "judgements-to-reread",
        what=_("judgements the keyword check asks to re-read"),
    )
