#!/usr/bin/env python3
"""Check an Alama canonical export (version 1) the way a Python consumer sees it.

    python3 tests/consumer/check_export.py EXPORT.json [--expect DOC_ID START END LABEL TEXT]...

The file is read as strict UTF-8 and validated against docs/alama-export.schema.json
(JSON Schema draft 2020-12, every error reported with its JSON path). If its shape is
right, every document and span is then checked against the offset contract in
docs/export-format.md:

  * sha256(text.encode("utf-8")).hexdigest() == sha256
  * 0 <= start < end <= len(text) and text[start:end] == span text (code points)
  * the span's label is in the label set; label ids and document ids are unique
  * span ids are unique in their document; no two spans share start, end and label
  * spans are in reading order (start ascending, longer first)

Each --expect asks for a span with exactly that document id, start, end, label and text.
Prints "OK: N documents, M spans checked" and exits 0, or prints every problem and
exits 1. (Command-line usage errors exit 2, as argparse does.)
"""

import argparse
import hashlib
import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator, validators

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "alama-export.schema.json"

# Alama's importer (serde) reads offsets and ids as whole numbers only, so 3.0 is refused
# here too, although JSON Schema on its own would count it as an integer.
_types = Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda _, x: isinstance(x, int) and not isinstance(x, bool)
)
Validator = validators.extend(Draft202012Validator, type_checker=_types)


def _no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise ValueError(f"duplicate key(s) {dup} in one object")
    return dict(pairs)


def load(path):
    """Returns (data, []) or (None, [problem])."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        return None, [f"cannot read {path}: {e}"]
    try:
        return json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicate_keys), []
    except UnicodeDecodeError as e:
        return None, [f"{path} is not valid UTF-8 (byte {e.start})"]
    except ValueError as e:
        return None, [f"{path} is not valid JSON: {e}"]


def schema_problems(data, schema_path=SCHEMA):
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    Validator.check_schema(schema)
    errors = sorted(Validator(schema).iter_errors(data), key=lambda e: e.json_path)
    return [f"{e.json_path}: {e.message}" for e in errors]


def contract_problems(data):
    """The rules a schema cannot state. Assumes the shape is valid."""
    problems = []
    label_ids = [label["id"] for label in data["labels"]]
    for dup in sorted({i for i in label_ids if label_ids.count(i) > 1}):
        problems.append(f"$.labels: label id {dup!r} appears more than once")
    doc_ids = set()
    for i, doc in enumerate(data["documents"]):
        at, text = f"$.documents[{i}]", doc["text"]
        if doc["id"] in doc_ids:
            problems.append(f"{at}.id: document id {doc['id']!r} is used twice")
        doc_ids.add(doc["id"])
        try:
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        except UnicodeEncodeError as e:  # a lone surrogate written as \udXXX
            problems.append(f"{at}.text: not encodable as UTF-8 ({e.reason} at {e.start})")
            continue
        if digest != doc["sha256"]:
            problems.append(f"{at}.sha256: {doc['sha256']} but the text hashes to {digest}")
        span_ids, seen, previous = set(), set(), None
        for j, s in enumerate(doc["spans"]):
            sat, start, end = f"{at}.spans[{j}]", s["start"], s["end"]
            if not 0 <= start < end <= len(text):
                problems.append(f"{sat}: {start}-{end} is not inside the text ({len(text)} code points)")
            elif text[start:end] != s["text"]:
                problems.append(f"{sat}.text: {s['text']!r} but text[{start}:{end}] is {text[start:end]!r}")
            if s["label"] not in label_ids:
                problems.append(f"{sat}.label: {s['label']!r} is not in the label set {label_ids}")
            if s["id"] in span_ids:
                problems.append(f"{sat}.id: span id {s['id']} is used twice in this document")
            span_ids.add(s["id"])
            if (start, end, s["label"]) in seen:
                problems.append(f"{sat}: {start}-{end} is tagged {s['label']} twice")
            seen.add((start, end, s["label"]))
            if previous is not None and (start, -end) < previous:
                problems.append(f"{sat}: out of reading order (start ascending, longer first)")
            previous = (start, -end)
    return problems


def expect_problems(data, expects):
    problems = []
    for doc_id, start, end, label, text in expects:
        want = (doc_id, start, end, label, text)
        docs = [d for d in data["documents"] if d["id"] == doc_id]
        spans = [(d["id"], s["start"], s["end"], s["label"], s["text"]) for d in docs for s in d["spans"]]
        if want not in spans:
            near = [s for s in spans if s[4] == text or s[1:3] == (start, end)]
            hint = "; no such document" if not docs else f"; in that document: {near}" if near else ""
            problems.append(f"expected span not found: {want}{hint}")
    return problems


def check(path, expects=(), schema_path=SCHEMA):
    """Every problem with the export at `path` (an empty list if it passes), and a summary."""
    data, problems = load(path)
    if data is None:
        return problems, ""
    problems = schema_problems(data, schema_path)
    if problems:  # the checks below rely on the shape
        return problems, ""
    problems = contract_problems(data) + expect_problems(data, expects)
    spans = sum(len(d["spans"]) for d in data["documents"])
    return problems, f"OK: {len(data['documents'])} documents, {spans} spans checked"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", help="the exported .json file")
    parser.add_argument(
        "--expect", nargs=5, action="append", default=[],
        metavar=("DOC_ID", "START", "END", "LABEL", "TEXT"),
        help="a span that must be in the export (may repeat)",
    )
    parser.add_argument("--schema", default=SCHEMA, help=f"the JSON Schema (default {SCHEMA})")
    args = parser.parse_args(argv)
    expects = []
    for doc_id, start, end, label, text in args.expect:
        try:
            expects.append((doc_id, int(start), int(end), label, text))
        except ValueError:
            parser.error(f"--expect {doc_id} {start} {end}: START and END must be whole numbers")

    sys.stdout.reconfigure(errors="backslashreplace")  # Arabic text on a non-UTF-8 console
    problems, summary = check(args.export, expects, args.schema)
    if problems:
        print("\n".join(problems))
        print(f"FAILED: {len(problems)} problem(s) in {args.export}")
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
