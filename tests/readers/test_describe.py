"""docs/report-kinds.md documents the canonical schemas; it must match the code."""

from sellerops import paths
from sellerops.readers import KINDS
from sellerops.readers.describe import describe_kinds


def test_report_kinds_doc_is_current():
    doc = (paths.PROJECT_ROOT / "docs" / "report-kinds.md").read_text(encoding="utf-8")
    assert doc.strip() == describe_kinds().strip(), "run: .venv/bin/sellerops kinds > docs/report-kinds.md"


def test_every_kind_has_required_columns_a_key_and_a_variant():
    for kind in KINDS.values():
        assert kind.required, kind.name
        assert kind.variants, kind.name
        kind.alias_index()  # raises when one alias serves two columns
