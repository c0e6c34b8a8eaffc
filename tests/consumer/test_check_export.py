"""Tests for check_export.py: a tiny valid export passes, and each kind of damage fails.

Run: python3 -m unittest discover -s tests/consumer -v
"""

import copy
import hashlib
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

CHECKER = Path(__file__).resolve().parent / "check_export.py"

TEXT = "👋 بوتين في قمة موسكو.\r\n"


def valid_export():
    return {
        "format": "alama",
        "version": 1,
        "offsets": "unicode-code-points",
        "labels": [
            {"id": "PER", "names": {"ar": "شخص", "en": "Person"}, "color": "#E69F00"},
            {"id": "LOC", "names": {"ar": "مكان", "en": "Place"}, "color": "#56B4E9"},
            {"id": "EVT", "names": {"ar": "حدث", "en": "Event"}, "color": "#009E73"},
        ],
        "documents": [
            {
                "id": "news",
                "name": "news.txt",
                "text": TEXT,
                "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
                "spans": [
                    {"id": 3, "start": 2, "end": 7, "label": "PER", "text": "بوتين"},
                    {"id": 2, "start": 11, "end": 20, "label": "EVT", "text": "قمة موسكو"},
                    {"id": 1, "start": 15, "end": 20, "label": "LOC", "text": "موسكو"},
                ],
            }
        ],
    }


class CheckExportTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def run_checker(self, export, *expects):
        path = Path(self.dir.name) / "export.json"
        path.write_text(json.dumps(export, ensure_ascii=False, indent=2), encoding="utf-8")
        args = [sys.executable, str(CHECKER), str(path)]
        for expect in expects:
            args += ["--expect", *map(str, expect)]
        return subprocess.run(args, capture_output=True, text=True, encoding="utf-8")

    def assert_fails(self, edit, *expects, says):
        export = copy.deepcopy(valid_export())
        edit(export)
        result = self.run_checker(export, *expects)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn(says, result.stdout)

    def test_valid_export_passes_with_expected_spans(self):
        result = self.run_checker(
            valid_export(), ("news", 2, 7, "PER", "بوتين"), ("news", 15, 20, "LOC", "موسكو")
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout.strip(), "OK: 1 documents, 3 spans checked")

    def test_wrong_sha256_fails(self):
        def edit(e):
            e["documents"][0]["sha256"] = hashlib.sha256(TEXT.replace("\r\n", "\n").encode()).hexdigest()

        self.assert_fails(edit, says="$.documents[0].sha256")

    def test_span_text_not_matching_the_slice_fails(self):
        def edit(e):
            e["documents"][0]["spans"][0].update(start=3, end=8)  # UTF-16 offsets of بوتين

        self.assert_fails(edit, says="$.documents[0].spans[0].text")

    def test_end_past_the_text_fails(self):
        def edit(e):
            e["documents"][0]["spans"][2]["end"] = len(TEXT) + 1

        self.assert_fails(edit, says="is not inside the text")

    def test_unknown_label_fails(self):
        def edit(e):
            e["documents"][0]["spans"][0]["label"] = "ORG"

        self.assert_fails(edit, says="'ORG' is not in the label set")

    def test_extra_property_fails(self):
        def edit(e):
            e["documents"][0]["spans"][1]["confidence"] = 0.9

        self.assert_fails(edit, says="$.documents[0].spans[1]: Additional properties")

    def test_missing_expected_span_fails(self):
        self.assert_fails(lambda e: None, ("news", 3, 8, "PER", "بوتين"), says="expected span not found")

    def test_the_examples_in_the_documentation_pass(self):
        """Every complete export shown in README.md and docs/ is a valid export."""
        root = CHECKER.parents[2]
        found = 0
        for page in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
            for block in page.read_text(encoding="utf-8").split("```json\n")[1:]:
                text = block.split("```")[0]
                if '"format": "alama"' not in text:
                    continue
                found += 1
                result = self.run_checker(json.loads(text))
                self.assertEqual(result.returncode, 0, f"{page.name}: {result.stdout}{result.stderr}")
        self.assertGreaterEqual(found, 2)


if __name__ == "__main__":
    unittest.main()
