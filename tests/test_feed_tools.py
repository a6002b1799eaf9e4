"""The W3C feed validator the feed tests need lives beside the checkout
(`../shared/tools/feedvalidator/`, README "The two commands"): without it a feed test fails
with one line naming the path looked for, never skips."""

from __future__ import annotations

import pytest

from tests.feed_tools import SHARED_PLACES, shared_folder


def test_a_missing_validator_fails_with_one_line_naming_the_path(tmp_path):
    missing = tmp_path / "shared"
    with pytest.raises(FileNotFoundError) as failed:
        shared_folder((missing, tmp_path / "elsewhere"))
    assert str(failed.value) == (
        f"the W3C feed validator is missing: expected {missing}/tools/feedvalidator/"
        "validate_feeds.py (or /work/shared/…); see README.md, \"The two commands\"")


def test_the_validator_is_looked_for_beside_the_checkout_first():
    from tests.sitebuild import ROOT

    assert SHARED_PLACES[0] == ROOT.parent / "shared"
    assert (shared_folder() / "tools/feedvalidator/validate_feeds.py").is_file()
