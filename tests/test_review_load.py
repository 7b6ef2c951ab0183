"""Several reviewers at once against one review server, malformed requests mixed in: none lost."""

from aligner.testing.review_helpers import copy_reports
from aligner.testing.review_load import load


def test_concurrent_decisions_are_all_kept_and_malformed_requests_get_4xx(seed_reports, tmp_path):
    figures = load(copy_reports(seed_reports, tmp_path / "reports"), clients=4, decisions=40, malformed_share=0.25)
    assert figures["decisions acknowledged"] >= 80
    assert figures["malformed sent"] >= 10
    assert figures["malformed not 4xx"] == 0, figures["details"]
    assert figures["decision errors"] == 0, figures["details"]
    assert figures["decisions lost"] == 0
