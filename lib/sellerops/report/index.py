"""The run's index page: one card per report with its headline KPIs, then the run record. All escaped.

Examples
--------
>>> page = render_index({"run": "<r>", "parameter_file": "p.yaml", "started": "2026-01-01T00:00:00+00:00",
...                    "duration_s": 1.0, "jobs": 1, "reports": [], "inputs": [], "packages": {}})
>>> "&lt;r&gt;" in page and "<r>" not in page
True
"""

from __future__ import annotations

import html

from ..notebook import format_kpi


def render_index(record: dict) -> str:
    """The run's index: a card per report (headline KPIs, link), then the run record. All escaped."""
    e = html.escape
    cards = []
    for r in record["reports"]:
        head = r.get("headline") or {}
        kpis = "".join(f"<tr><th>{e(str(k))}</th><td>{e(format_kpi(v))}</td></tr>" for k, v in head.get("kpis") or [])
        params = ", ".join(f"{e(str(k))}={e(str(v))}" for k, v in r["parameters"].items())
        if r["status"] == "ok":
            link = f'<a class="open" href="{e(r["html"], quote=True)}">Open report</a> ({r["html_bytes"] / 1e6:.1f} MB)'
            status = '<span class="ok">ok</span>'
        else:
            link = (
                f'<a class="open" href="{e(r["executed_notebook"], quote=True)}">Executed notebook (for debugging)</a>'
            )
            status = f'<span class="failed">failed</span><p class="error">{e(r["error"])}</p>'
        cards.append(f"""<section class="card status-{e(r["status"])}"><h2>{e(head.get("title") or r["notebook"])}
 <small>{e(r["set_name"])}</small></h2>{status}<table class="kpis">{kpis}</table>
 <p class="params">{params}</p><p>{link} · {r["seconds"]:.1f} s</p></section>""")
    inputs = "".join(
        f"<tr><td>{e(i['file'])}</td><td>{i['bytes']:,}</td><td><code>{e(i['sha256'])}</code></td></tr>"
        for i in record["inputs"]
    )
    packages = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in record["packages"].items())
    failed = sum(r["status"] != "ok" for r in record["reports"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Seller Ops reports: {e(record["run"])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 0 auto; max-width: 1280px; padding: 16px; color: #1f2328; }}
 .cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 16px; }}
 .card {{ border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; }}
 .card.status-failed {{ border-color: #b23a48; background: #fff5f5; }}
 .card h2 {{ font-size: 18px; margin: 4px 0; }} .card h2 small {{ color: #57606a; font-weight: normal; }}
 .ok {{ color: #1a7f37; font-weight: bold; }} .failed {{ color: #b23a48; font-weight: bold; }}
 .error {{ font-family: monospace; white-space: pre-wrap; }}
 table {{ border-collapse: collapse; font-size: 13px; }} th, td {{ text-align: left; padding: 2px 8px; border-bottom: 1px solid #eee; }}
 .params {{ color: #57606a; font-size: 12px; }} details {{ margin-top: 24px; }} code {{ font-size: 11px; }}
</style></head><body>
<h1>Seller Ops reports <small>{e(record["run"])}</small></h1>
<p>{len(record["reports"])} reports, {failed} failed · started {e(record["started"])} · {record["duration_s"]:.1f} s with {record["jobs"]} parallel jobs · parameters from {e(record["parameter_file"])}</p>
<div class="cards">{"".join(cards)}</div>
<details><summary><strong>Run record</strong>: {len(record["inputs"])} input files with size and sha256, package versions</summary>
<h3>Input files</h3><table><tr><th>file</th><th>bytes</th><th>sha256</th></tr>{inputs}</table>
<h3>Package versions</h3><table>{packages}</table></details>
</body></html>
"""
