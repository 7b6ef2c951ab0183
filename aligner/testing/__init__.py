"""Test support shared by tests/ and scripts/ (property strategies, the awkward-input catalogue,
a review server and client, fuzzing): needs the ``dev`` extras (hypothesis, playwright)."""
