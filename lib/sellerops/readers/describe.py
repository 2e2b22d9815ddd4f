"""The canonical schema of every report kind, as Markdown (written to docs/report-kinds.md).

Examples
--------
>>> "## sp_search_term" in describe_kinds()
True
"""

from __future__ import annotations

from .registry import KINDS

_TYPE_TEXT = {
    "text": "text",
    "int": "whole number",
    "float": "number",
    "money": "amount",
    "rate": "fraction (4.51% → 0.0451)",
    "date": "date",
    "datetime": "timestamp (UTC)",
    "zoned": "timestamp (UTC; `date` keeps the local day)",
}


_TIME_TEXT = {
    "daily": "rows dated by day or by their own period",
    "monthly": "one row per month, standing for the whole month",
    "snapshot": "each file is the state on its date, standing for the month that ends there",
    "static": "no dates; the file only has to be present",
}


def describe_kinds() -> str:
    """One section per kind: title, identification, key, variants, then a table of canonical columns."""
    out = [
        "# Report kinds and their canonical columns",
        "",
        "Generated from `lib/sellerops/readers/kinds/` by `sellerops kinds > docs/report-kinds.md`;",
        "a test fails when this file and the code disagree. Headers are matched after folding case,",
        "dashes, spaces and the BOM; `<w>` stands for the attribution window (7, 14…), and a currency",
        "sign in brackets after a header (`(₹)`) is accepted and recorded. Every frame also has",
        "`currency` and `source_file`; ads frames have `attribution_days`.",
        "",
    ]
    for kind in KINDS.values():
        out += [f"## {kind.name}", "", f"{kind.title}.", ""]
        out.append(f"- required: {', '.join(f'`{c}`' for c in kind.required)}")
        out.append(f"- time model: {kind.time_model} ({_TIME_TEXT[kind.time_model]})")
        if kind.excludes:
            out.append(f"- not this kind when present: {', '.join(f'`{c}`' for c in kind.excludes)}")
        if kind.key:
            out.append(
                f"- one row per: {', '.join(f'`{c}`' for c in kind.key)} and marketplace "
                "(overlapping downloads keep it once)"
            )
        else:
            out.append("- files are never de-duplicated against each other")
        out.append(f"- header variants: {'; '.join(label for label, _ in kind.variants)}")
        if kind.extra_pattern:
            out.append(f"- extra columns matching `{kind.extra_pattern}` are kept ({kind.extra_type})")
        for reason, _ in kind.structural:
            out.append(f"- excluded and counted: {reason}")
        out += ["", "| column | type | Amazon headers accepted |", "|---|---|---|"]
        for col in kind.columns:
            aliases = ", ".join(f"`{a}`" for a in col.aliases) or "(derived)"
            typ = _TYPE_TEXT[col.type] + (", percent number without %" if col.bare == "percent" else "")
            out.append(f"| `{col.name}`{' *' if col.required else ''} | {typ} | {aliases} |")
        out.append("")
    return "\n".join(out)
