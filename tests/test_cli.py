"""The command line (cli.py): ``sellerops validate`` on good, empty and missing folders."""

from __future__ import annotations

import re
import subprocess
import sys

from sellerops import paths
from sellerops.readers import read_report


def _validate(folder):
    return subprocess.run(
        [sys.executable, "-m", "sellerops.cli", "validate", str(folder)], capture_output=True, text=True, timeout=600
    )


def test_validate_a_missing_folder_is_one_line_and_exit_2(tmp_path):
    proc = _validate(tmp_path / "nowhere")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"error: {tmp_path / 'nowhere'}: no such folder"]
    assert "Traceback" not in proc.stderr + proc.stdout


def test_validate_an_empty_folder_says_what_was_looked_for(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    proc = _validate(tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "holds no report files (looked for .csv" in proc.stderr and ".zip" in proc.stderr


def test_validate_counts_agree_with_reading_the_folder_as_one_report():
    folder = paths.SAMPLE_DIR / "us" / "ads" / "search_terms"
    proc = _validate(folder)
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    m = re.fullmatch(
        r"(\d+) files read, 0 unreadable, 0 skipped; rows read ([\d,]+), used ([\d,]+), rejected ([\d,]+), "
        r"duplicates ([\d,]+)",
        last,
    )
    assert m, last
    files, rows_read, used, rejected, duplicates = (int(g.replace(",", "")) for g in m.groups())
    _, dq = read_report(folder)  # the other path through the readers: every file at once
    assert files == len(dq.files)
    assert (rows_read, used, rejected + duplicates) == (dq.rows_read, dq.rows_used, dq.rows_rejected)
    assert duplicates == dq.rejected["duplicate of a row in an overlapping download"]


def test_validate_says_a_format_problem_first_and_exits_1(tmp_path):
    header = [
        "return-date",
        "order-id",
        "sku",
        "asin",
        "fnsku",
        "product-name",
        "quantity",
        "fulfillment-center-id",
        "detailed-disposition",
        "reason",
        "status",
        "license-plate-number",
        "customer-comments",
    ]
    rows = [
        "\t".join(["2026-09-01T10:00:00+00:00", f"111-{i}", "S", "B", "X", "Mat", "one", "L", "S", "D", "", "", ""])
        for i in range(4)
    ]
    (tmp_path / "us").mkdir()
    (tmp_path / "us" / "returns.txt").write_text("\t".join(header) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    proc = _validate(tmp_path)
    assert proc.returncode == 1
    first = proc.stderr.splitlines()[:2]
    assert first[0] == "FORMAT PROBLEMS in 1 files: their rows are mostly rejected"
    assert "us/returns.txt: 4 of 4 rows rejected for one reason, unparseable number in 'quantity'" in first[1]
