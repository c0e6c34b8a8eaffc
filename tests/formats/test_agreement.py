"""`alama agree` against the reference implementations, to 1e-9: seqeval for exact spans,
nervaluate's partial scheme for overlap, scikit-learn's cohen_kappa_score for token tags.

Random but seeded annotation pairs over the seed articles are written as canonical files;
the CLI reports its figures and the tokens it used (--tokens). This file then builds the
IOB2 sequences on its own from the spans and those tokens (checking that every span edge
falls on a token boundary), runs the three libraries and compares every figure: overall
(each annotator's single IOB2 sequence, the first of overlapping spans kept) and per label
(one sequence per label).
"""

import hashlib
import json
import math
import tempfile
import unittest
import warnings
from pathlib import Path

from nervaluate import Evaluator
from seqeval.metrics import f1_score, precision_score, recall_score
from sklearn.metrics import cohen_kappa_score

from common import random_pair, run, write_json

TOLERANCE = 1e-9


def token_range(tokens, start, end):
    """Indices of the tokens inside [start, end); every edge must be a token boundary."""
    for ts, te in tokens:
        assert not (ts < start < te or ts < end < te), f"span edge inside token {ts}-{te}: {start}-{end}"
    inside = [k for k, (ts, te) in enumerate(tokens) if start <= ts and te <= end]
    return (inside[0], inside[-1] + 1) if inside else None


def layer(spans, tokens):
    """Spans in reading order (start, longer first, id), each kept unless it shares a token
    with one kept before: what one IOB2 sequence can hold."""
    owner = [False] * len(tokens)
    placed = []
    for s in sorted(spans, key=lambda s: (s["start"], -s["end"], s["id"])):
        r = token_range(tokens, s["start"], s["end"])
        if r is None or any(owner[r[0]:r[1]]):
            continue
        owner[r[0]:r[1]] = [True] * (r[1] - r[0])
        placed.append((r[0], r[1], s["label"]))
    return placed


def iob2(placed, n):
    tags = ["O"] * n
    for first, end, label in placed:
        tags[first] = f"B-{label}"
        for k in range(first + 1, end):
            tags[k] = f"I-{label}"
    return tags


def close(rust, python, what):
    if python is None or (isinstance(python, float) and math.isnan(python)):
        assert rust is None, f"{what}: alama {rust}, reference undefined"
        return
    assert rust is not None and abs(rust - python) <= TOLERANCE, f"{what}: alama {rust}, reference {python}"


class Check:
    """The reference figures for one pair of annotators."""

    def __init__(self, files, report, i, j):
        by_sha = [{d["sha256"]: d for d in f["documents"]} for f in files]
        tokens = {d["sha256"]: [tuple(t) for t in d["token_offsets"]] for d in report["documents"]}
        self.flat_a, self.flat_b, self.kappa_a, self.kappa_b = [], [], [], []
        self.labels = {}
        shared = [sha for sha in tokens if sha in by_sha[i] and sha in by_sha[j]]
        self.documents = len(shared)
        self.tokens = sum(len(tokens[sha]) for sha in shared)
        per_doc = []
        for sha in shared:
            da, db, toks = by_sha[i][sha], by_sha[j][sha], tokens[sha]
            assert hashlib.sha256(da["text"].encode("utf-8")).hexdigest() == sha
            self.flat_a.append(iob2(layer(da["spans"], toks), len(toks)))
            self.flat_b.append(iob2(layer(db["spans"], toks), len(toks)))
            per_doc.append((da, db, toks))
        used = set()
        for da, db, toks in per_doc:
            for d in (da, db):
                for label in {s["label"] for s in d["spans"]}:
                    if layer([s for s in d["spans"] if s["label"] == label], toks):
                        used.add(label)
        for label in sorted(used):
            la, lb = [], []
            for da, db, toks in per_doc:
                la.append(iob2(layer([s for s in da["spans"] if s["label"] == label], toks), len(toks)))
                lb.append(iob2(layer([s for s in db["spans"] if s["label"] == label], toks), len(toks)))
            self.labels[label] = (la, lb)

    @staticmethod
    def figures(ya, yb, tags):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exact = (precision_score(ya, yb), recall_score(ya, yb), f1_score(ya, yb))
            partial = Evaluator(ya, yb, tags=tags, loader="list").evaluate()["overall"]["partial"]
            kappa = cohen_kappa_score([t for s in ya for t in s], [t for s in yb for t in s])
        return exact, (partial.precision, partial.recall, partial.f1), float(kappa)

    def compare(self, pair):
        assert pair["documents"] == self.documents and pair["tokens"] == self.tokens
        assert sorted(pair["labels"]) == sorted(self.labels), (sorted(pair["labels"]), sorted(self.labels))
        cases = [("overall", pair["overall"], self.flat_a, self.flat_b, sorted(self.labels) or ["PER"])]
        cases += [(label, pair["labels"][label], la, lb, [label]) for label, (la, lb) in self.labels.items()]
        for name, got, ya, yb, tags in cases:
            exact, partial, kappa = self.figures(ya, yb, tags)
            where = f"{pair['a']} vs {pair['b']}, {name}"
            for key, value in zip(("precision", "recall", "f1"), exact):
                close(got["exact"][key], value, f"{where}, exact {key}")
            for key, value in zip(("precision", "recall", "f1"), partial):
                close(got["partial"][key], value, f"{where}, partial {key}")
            close(got["kappa"], kappa, f"{where}, kappa")


class AgreementMatchesReferences(unittest.TestCase):
    def agree(self, files, names):
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for name, f in zip(names, files):
                path = Path(tmp) / f"{name}.json"
                write_json(path, f)
                paths.append(path)
            out = run("agree", *paths, "--json", "--tokens")
        return json.loads(out.stdout)

    def check(self, files, names):
        report = self.agree(files, names)
        self.assertEqual(report["annotators"], names)
        pairs = [(i, j) for i in range(len(files)) for j in range(i + 1, len(files))]
        self.assertEqual(len(report["pairs"]), len(pairs))
        for (i, j), pair in zip(pairs, report["pairs"]):
            Check(files, report, i, j).compare(pair)
        return report

    def test_random_pairs_without_nesting(self):
        for seed in range(12):
            with self.subTest(seed=seed):
                a, b = random_pair(seed)
                report = self.check([a, b], ["ali", "mona"])
                self.assertEqual(report["pairs"][0]["documents"], 4)

    def test_random_pairs_with_nested_and_overlapping_spans(self):
        for seed in range(100, 108):
            with self.subTest(seed=seed):
                a, b = random_pair(seed, nested=True)
                self.check([a, b], ["ali", "mona"])

    def test_three_annotators(self):
        a, b = random_pair(7)
        _, c = random_pair(8)
        self.check([a, b, c], ["ali", "mona", "huda"])

    def test_identical_and_empty_annotations(self):
        a, _ = random_pair(3)
        report = self.check([a, a], ["ali", "copy"])
        overall = report["pairs"][0]["overall"]
        self.assertEqual((overall["exact"]["f1"], overall["partial"]["f1"], overall["kappa"]), (1.0, 1.0, 1.0))
        empty = json.loads(json.dumps(a))
        for d in empty["documents"]:
            d["spans"] = []
        report = self.check([empty, empty], ["x", "y"])
        self.assertIsNone(report["pairs"][0]["overall"]["kappa"])


if __name__ == "__main__":
    unittest.main()
