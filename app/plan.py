"""The plan behind the shortlist: each shortlisted record with its order, priority, targets, lead unit, note and
status, kept in the session, in the address for small plans (`?plan=`, `planfile.to_param`) and in a plan file the
planner downloads and uploads again. The app never writes a plan on the server.

The editor is drawn from a base that changes only when the shortlist changes or a plan file is read: fed its own
output back, a data editor applies its edits twice."""

import datetime as dt
import zlib

import pandas as pd
import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from app.sidebar import SHORTLIST, show_notices
from sstc.analysis import shortlist, targets
from sstc.data import planfile
from sstc.data.i18n import N_, _
from sstc.data.problems import DatasetError

STATE, BASE = "_plan", "_plan_base"
FINDER_TARGETS = "_finder_targets"
EDITOR_ROUND = "_plan_editor_round"  # not a widget's key: Streamlit drops those on a page the widget is not on
PARAM = "plan"
COLUMNS = ["order", "item", "priority", "status", "targets", "lead", "note"]  # status in sight at 1,400 px
# The plan's values (planfile.PRIORITIES, STATUSES: kept as they are in the plan, its file and its address) and its
# columns as the editor and the page's workbook show them.
PRIORITY_WORDS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
STATUS_WORDS = {"idea": N_("idea"), "proposed": N_("proposed"), "agreed": N_("agreed")}
HEADERS = {"order": N_("Order"), "item": N_("Item"), "priority": N_("Priority"), "status": N_("Status"),
           "targets": N_("Targets"), "lead": N_("Lead"), "note": N_("Note")}  # fmt: skip


def _word(words: dict[str, str], value: object) -> object:
    return _(words[value]) if isinstance(value, str) and value in words else value


def _fields(item: planfile.PlanItem) -> dict:
    return {"priority": item.priority, "targets": list(item.targets), "lead": item.lead, "note": item.note,
            "status": item.status}  # fmt: skip


def _adopt(plan: planfile.Plan) -> list[str]:
    """Take a plan (from a file or the address): its items become the shortlist, in its order (at most the
    shortlist's own limit); the editor is drawn anew from it. Returns notices."""
    items = sorted(plan.items, key=lambda i: i.order)
    notices = []
    if len(items) > shortlist.MAX_ITEMS:
        notices.append(_("The plan has {count} items; the shortlist holds {limit}: the first {limit} in its order "
                         "are kept.").format(count=len(items), limit=shortlist.MAX_ITEMS))  # fmt: skip
        items = items[: shortlist.MAX_ITEMS]
    st.session_state[SHORTLIST] = [i.key for i in items]
    st.session_state[STATE] = {i.key: _fields(i) for i in items}
    st.session_state[BASE] = None
    st.session_state[EDITOR_ROUND] = st.session_state.get(EDITOR_ROUND, 0) + 1  # a new editor: no edits carried over
    return notices


def items(keys: list[str]) -> tuple[planfile.PlanItem, ...]:
    """The plan's items for the shortlisted `keys`, in their order (defaults for a newly ticked record)."""
    held = st.session_state.setdefault(STATE, {})
    for key in keys:
        if key not in held:  # a new item: last in the plan, with the targets last chosen on the Replication finder
            last = max([0, *(_order(f.get("order", 0)) for f in held.values() if _order(f.get("order", 0)) < 1e9)])
            held[key] = {"targets": list(st.session_state.get(FINDER_TARGETS, []))[: planfile.MAX_TARGETS],
                         **({"order": int(last) + 1} if last else {})}  # fmt: skip

    def place(position: int) -> tuple:  # the order typed; on a tie, the one set last first; then the shortlist's
        fields = held[keys[position]]
        return (_order(fields.get("order", position + 1)), -fields.get("moved", 0), position)

    out = []
    for order, position in enumerate(sorted(range(len(keys)), key=place), start=1):
        key = keys[position]
        fields = {k: v for k, v in held[key].items() if k not in ("order", "moved")}
        try:
            out.append(planfile.PlanItem(key=key, order=order, **fields))
        except ValueError:  # an edit the plan file would refuse (a control character): that item's defaults
            out.append(planfile.PlanItem(key=key, order=order))
    return tuple(out)


def plan(keys: list[str]) -> planfile.Plan:
    ctx = context()
    identity = ctx.identity
    return planfile.Plan(
        dataset_title=identity.title if identity else "dataset",
        dataset_version=identity.version if identity else "unknown",
        dataset_digest=identity.digest if identity else "000000",
        made=dt.date.today(),
        items=list(items(keys)),
    )


def from_address() -> None:
    """A session's first run: a plan in the address (`?plan=`) is read once."""
    if STATE in st.session_state:
        return
    st.session_state[STATE] = {}
    value = st.query_params.get(PARAM)
    if not value:
        return
    ctx = context()
    identity = ctx.identity
    found, notices = planfile.from_param(
        value,
        identity.title if identity else "",
        identity.version if identity else "",
        identity.digest if identity else "",
    )
    if found is not None:
        kept, dropped = planfile.check_against(found, set(ctx.tables.records["key"]), found.dataset_version,
                                               found.dataset_digest)  # fmt: skip
        notices += dropped + _take(kept)
    show_notices(notices, st.container())


def to_address(made: planfile.Plan | None) -> bool:
    """Keep a small plan in the address (none for None or an empty plan); True when it fits there."""
    value = planfile.to_param(made) if made is not None and made.items else None
    if value is None:
        if PARAM in st.query_params:
            del st.query_params[PARAM]
        return made is None or not made.items
    if st.query_params.get(PARAM) != value:
        st.query_params[PARAM] = value
    return True


def _frame(keys: list[str]) -> pd.DataFrame:
    """The editor's rows in the shortlist's order, each with its place in the plan."""
    ctx = context()
    labels = cached(shortlist.options, ctx.tables)
    planned = {i.key: i for i in items(keys)}
    rows = [{"order": planned[k].order, "item": labels.get(k, k), **_fields(planned[k])} for k in keys]
    return pd.DataFrame(rows, columns=COLUMNS)


def editor(keys: list[str]) -> None:
    """The plan's items as an editable table; edits go to the session (and so the address and the files)."""
    ctx = context()
    signature = tuple(keys)
    base = st.session_state.get(BASE)
    # Drawn anew from the plan when the shortlist changed, a plan was read, or Streamlit dropped the editor's edits
    # (it does on any other page): the old base would write its stale rows over the plan.
    if base is None or base[0] != signature or base[2] not in st.session_state:
        frame = _frame(keys)
        round_ = st.session_state.get(EDITOR_ROUND, 0)
        widget = f"plan-editor-{round_}-{zlib.crc32(repr(frame.to_dict('list')).encode()):08x}"
        base = (signature, frame, widget)
        st.session_state[BASE] = base
        st.session_state[EDITOR_ROUND] = round_ + 1
    choices = cached(targets.options, ctx.tables)
    widget = base[2]
    edited = st.data_editor(
        base[1],
        key=widget,
        hide_index=True,
        num_rows="fixed",
        disabled=["item"],
        column_config={
            "order": st.column_config.NumberColumn(_("Order"), min_value=1, max_value=planfile.MAX_ITEMS, step=1,
                                                   help=_("The plan's order: the memo lists items by it")),
            "item": st.column_config.TextColumn(_("Item"), width="medium"),
            "priority": st.column_config.SelectboxColumn(_("Priority"), options=list(planfile.PRIORITIES),
                                                         format_func=lambda p: _word(PRIORITY_WORDS, p),
                                                         required=True),
            "targets": st.column_config.MultiselectColumn(
                _("Targets"), options=choices, format_func=cached(targets.labels, ctx.tables).__getitem__,
                help=_("Countries, UN M49 sub-regions or groups to replicate it to")),
            "lead": st.column_config.TextColumn(_("Lead unit"), max_chars=planfile.MAX_LEAD),
            "note": st.column_config.TextColumn(_("Note"), max_chars=planfile.MAX_NOTE, width="large"),
            "status": st.column_config.SelectboxColumn(_("Status"), options=list(planfile.STATUSES),
                                                       format_func=lambda s: _word(STATUS_WORDS, s), required=True),
        },
        placeholder="–",
        alt=_("The plan: one row per shortlisted item, with its order, priority, status, targets, lead unit and note"),
    )  # fmt: skip
    # the plan as shown, with the targets in words, in the page's workbook (`widgets.page_workbook`)
    named = cached(targets.labels, ctx.tables)
    said = [
        "; ".join(named[t] if t in named else targets.label(ctx.tables, t) for t in (row or ()))
        for row in edited["targets"]
    ]
    shown = edited.assign(
        targets=said,
        priority=[_word(PRIORITY_WORDS, v) for v in edited["priority"]],
        status=[_word(STATUS_WORDS, v) for v in edited["status"]],
    )
    widgets.remember("plan", _("The plan"), shown.rename(columns={c: _(w) for c, w in HEADERS.items()}))
    before = st.session_state.get(STATE, {})
    held = {}
    drawn = base[1]["order"].tolist()
    for position, (key, row) in enumerate(zip(keys, edited.to_dict("records"), strict=True)):
        moved = before.get(key, {}).get("moved", 0)
        if row["order"] != drawn[position] and before.get(key, {}).get("order") != row["order"]:
            moved = max([0, *(f.get("moved", 0) for f in before.values())]) + 1  # set just now: first on a tie
        held[key] = {"order": row["order"], "moved": moved, "priority": row["priority"] or "medium",
                     "status": row["status"] or "idea",
                     "targets": [t for t in (row["targets"] or []) if t in choices][: planfile.MAX_TARGETS],
                     "lead": _text(row["lead"]), "note": _text(row["note"])}  # fmt: skip
    st.session_state[STATE] = held  # the rows stay where they are (a redrawn editor would lose an edit in flight)


def _order(value: object) -> float:
    return float(value) if isinstance(value, int | float) and value == value else float("inf")


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def read_upload(raw: bytes, name: str) -> list[str]:
    """A plan file read, checked against the dataset and taken; the problems or notices in words."""
    ctx = context()
    try:
        found = planfile.load_bytes(raw, name)
    except DatasetError as exc:
        return [str(p) for p in exc.problems]
    identity = ctx.identity
    kept, notices = planfile.check_against(
        found, set(ctx.tables.records["key"]), identity.version if identity else "", identity.digest if identity else ""
    )
    return notices + _take(kept)


def _take(plan: planfile.Plan) -> list[str]:
    """Adopt a plan read from a file or a link, its targets that name nothing here left out, each said."""
    choices = set(cached(targets.options, context().tables))
    notices, known = [], []
    for item in plan.items:
        unknown = [t for t in item.targets if t not in choices]
        notices += [
            _("Target {target} of {item} names no country, M49 sub-region or group here: left out.").format(
                target=t, item=item.key
            )
            for t in unknown
        ]
        known.append(item.model_copy(update={"targets": [t for t in item.targets if t in choices]}))
    return notices + _adopt(plan.model_copy(update={"items": known}))
