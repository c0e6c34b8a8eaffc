"""The Hugging Face, WebAnno TSV and Prodigy exports read by their consumers, for real:
`datasets` loads the Hugging Face folder (the worked example of docs/formats.md is run as it
is written there), the ClassLabel cast works and the tags decode to the spans; INCEpTION's
own TSV files (tests/formats/golden/webanno, see SOURCES.md) are read back exactly, checked
against a reading of the format written here from its documentation; Prodigy's documented
records round-trip, and every exported task holds together as ner_manual needs it."""

import contextlib
import json
import os
import re
import tempfile
import unittest
from pathlib import Path

import datasets
from datasets import ClassLabel

from common import ROOT, canonical, random_pair, read_text, run, write_json

GOLDEN = ROOT / "tests" / "formats" / "golden"
NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"


def spans_of(export):
    """{document id: sorted [(start, end, label)]} of a canonical export."""
    return {d["id"]: sorted((s["start"], s["end"], s["label"]) for s in d["spans"]) for d in export["documents"]}


def moved_to_tokens(text, spans):
    """The spans with the white space at their edges left out, as token-level tags hold them."""
    out = set()
    for s, e, label in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.add((s, e, label))
    return out


@contextlib.contextmanager
def cwd(path):
    here = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(here)


def docs_example():
    """The Python block of the Hugging Face section of docs/formats.md."""
    doc = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    section = doc.split("## Hugging Face datasets, token classification", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


class Formats(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        a, _ = random_pair(7, nested=True)
        text = "\ufeff😀 تقرير: التقى 👋🏽 الرئيس فلاديمير بوتين في موسكو.\r\n🇸🇦 ثم عاد إلى بيونغ يانغ ووبوتين."
        emoji = ("emoji", text, [(35, 40, "PER"), (44, 49, "LOC"), (66, 76, "LOC"), (79, 84, "PER"), (35, 49, "EVT")])
        docs = [(d["id"], d["text"], [(s["start"], s["end"], s["label"]) for s in d["spans"]]) for d in a["documents"]]
        cls.source = canonical(docs + [emoji])
        cls.path = cls.dir / "source.json"
        write_json(cls.path, cls.source)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def back(self, path):
        out = self.dir / f"back-{Path(path).name}.json"
        run("convert", path, "--to", "alama", "-o", out)
        with open(out, encoding="utf-8") as f:
            return json.load(f)

    def test_datasets_loads_the_hugging_face_export_as_the_docs_say(self):
        folder = self.dir / "alama-hf"
        done = run("convert", self.path, "--to", "hf", "-o", folder)
        lost = [line for line in done.stderr.splitlines() if line.startswith("lost: ") and "ner_tags" in line]
        os.environ["HF_DATASETS_OFFLINE"] = "1"
        datasets.disable_progress_bars()
        scope = {}
        with cwd(self.dir):
            exec(compile(docs_example(), "docs/formats.md", "exec"), scope)
        dataset, records, names = scope["dataset"], scope["records"], scope["names"]
        # The card made ner_tags a ClassLabel, and so did the cast, with the same names.
        with open(folder / "label_names.json", encoding="utf-8") as f:
            self.assertEqual(names, json.load(f))
        self.assertIsInstance(dataset.features["ner_tags"].feature, ClassLabel)
        self.assertEqual(records.features["ner_tags"].feature.names, names)
        self.assertEqual(len(dataset), len(self.source["documents"]))
        tagged = 0
        for record, src in zip(dataset, self.source["documents"]):
            self.assertEqual((record["id"], record["text"]), (src["id"], src["text"]))
            text = record["text"]
            for token, (start, end) in zip(record["tokens"], record["token_offsets"]):
                self.assertEqual(text[start:end], token)
            want = {(s["start"], s["end"], s["label"]) for s in src["spans"]}
            self.assertEqual({(s["start"], s["end"], s["label"]) for s in record["spans"]}, want)
            # Every span edge is a token edge (or white space), and the tags decode to spans.
            edges = {e for pair in record["token_offsets"] for e in pair}
            blank = lambda at: at == 0 or at == len(text) or text[at - 1].isspace() or text[at].isspace()
            self.assertTrue(all((s in edges or blank(s)) and (e in edges or blank(e)) for s, e, _ in want))
            decoded = scope["entities"](record)
            self.assertTrue(set(decoded) <= want | moved_to_tokens(text, want))
            tagged += len(decoded)
        total = sum(len(d["spans"]) for d in self.source["documents"])
        self.assertEqual(tagged + len(lost), total, "every span is in the tags or reported as lost")
        print(f"\nHugging Face: {tagged} of {total} spans in ner_tags; {len(lost)} overlapping ones only in spans, as reported")
        self.assertEqual(spans_of(self.back(folder)), spans_of(self.source))

    def read_tsv(self, path):
        """A WebAnno TSV file read as its documentation describes it: the text rebuilt from
        the #Text= lines and the token offsets (UTF-16 units), and each named entity's
        extent from its tokens, numbered ones joined across lines."""
        lines = read_text(path).split("\n")
        self.assertTrue(lines[0].startswith("#FORMAT=WebAnno TSV 3"))
        columns, value, k = 0, None, 1
        while lines[k].startswith("#T_"):
            kind, *features = lines[k].split("=", 1)[1].split("|")
            if kind == NAMED_ENTITY and "value" in features:
                value = columns + features.index("value")
            columns += max(1, len(features))
            k += 1
        units, text, pending, entities, numbered = [], "", [], [], {}
        for line in lines[k:]:
            if line.startswith("#Text="):
                pending.append(line[6:].replace("\\t", "\t").replace("\\r", "\r").replace("\\\\", "\\"))
            elif line and not line.startswith("#"):
                fields = line.split("\t")
                start, end = map(int, fields[1].split("-"))
                if pending:
                    length = len(text.encode("utf-16-le")) // 2
                    if length > start:
                        text = text[:-1]
                    text += " " * (start - length) + "\n".join(pending) + "\n"
                    pending = []
                units.append((fields[2], start, end))
                cell = fields[3 + value] if value is not None else "_"
                for item in [] if cell == "_" else re.split(r"(?<!\\)\|", cell):
                    m = re.fullmatch(r"(.*?)(?:\[(\d+)\])?", item)
                    label, number = m.group(1), m.group(2)
                    if number in numbered:
                        numbered[number][1] = end
                        continue
                    entity = [start, end, label]
                    entities.append(entity)
                    if number:
                        numbered[number] = entity
        text = text[:-1] if text.endswith("\n") else text
        utf16 = text.encode("utf-16-le")
        at = lambda s, e: utf16[2 * s : 2 * e].decode("utf-16-le")
        for token, start, end in units:
            self.assertEqual(at(start, end), token)
        cp = lambda u: len(at(0, u))
        return text, sorted((cp(s), cp(e), label.replace("\\_", "_")) for s, e, label in entities if label != "*")

    def test_inception_files_read_back_exactly(self):
        checked = 0
        for path in sorted((GOLDEN / "webanno").glob("*.tsv")):
            text, entities = self.read_tsv(path)
            got = self.back(path)["documents"]
            self.assertEqual(len(got), 1)
            self.assertEqual(got[0]["text"], text, path.name)
            self.assertEqual(sorted((s["start"], s["end"], s["label"]) for s in got[0]["spans"]), entities, path.name)
            for s in got[0]["spans"]:
                self.assertEqual(text[s["start"] : s["end"]], s["text"])
            checked += len(entities)
            # Written again, each reads back the same; INCEpTION's own entity file is the same bytes.
            again = self.dir / f"again-{path.name}"
            run("convert", self.dir / f"back-{path.name}.json", "--to", "webanno", "-o", again)
            self.assertEqual(self.read_tsv(again), (text, entities), path.name)
            if path.name == "stacked.tsv":
                self.assertEqual(again.read_bytes(), path.read_bytes())
        self.assertGreater(checked, 10)

    def test_the_webanno_export_reads_as_the_format_says(self):
        folder = self.dir / "tsv"
        done = run("convert", self.path, "--to", "webanno", "-o", folder)
        moved = {m.group(1, 2, 3, 4, 5) for m in re.finditer(r"span \d+ \((\w+) “[^”]*” (\d+)–(\d+)\): is written as its tokens, (\d+)–(\d+)", done.stderr)}
        moved = {(int(s), int(e), label): (int(a), int(b), label) for label, s, e, a, b in moved}
        back = spans_of(self.back(folder))
        for d in self.source["documents"]:
            text, entities = self.read_tsv(folder / f"{d['id']}.tsv")
            # Each span as written: at its tokens when its edges were white space (reported).
            want = sorted(moved.get(k, k) for k in ((s["start"], s["end"], s["label"]) for s in d["spans"]))
            self.assertEqual(entities, want, d["id"])
            self.assertEqual(back[d["id"]], sorted(set(want)), d["id"])
            # Only what comes before the first token is not in the file (here a BOM).
            self.assertEqual(text.lstrip(" "), d["text"].lstrip("\ufeff "), d["id"])
        print(f"\nWebAnno: {sum(len(d['spans']) for d in self.source['documents'])} spans; {len(moved)} with white space at an edge written as their tokens, as reported")

    def test_prodigy_records_round_trip(self):
        golden = GOLDEN / "prodigy.jsonl"
        with open(golden, encoding="utf-8") as f:
            tasks = [json.loads(line) for line in f]
        first = self.back(golden)
        accepted = [t for t in tasks if t.get("answer", "accept") == "accept"]
        self.assertEqual([d["text"] for d in first["documents"]], [t["text"] for t in accepted])
        for doc, task in zip(first["documents"], accepted):
            self.assertEqual(sorted((s["start"], s["end"], s["label"]) for s in doc["spans"]), sorted((s["start"], s["end"], s["label"]) for s in task["spans"]))
        # Written as tasks and read again: the same documents and spans.
        out = self.dir / "prodigy-again.jsonl"
        run("convert", self.dir / "back-prodigy.jsonl.json", "--to", "prodigy", "-o", out)
        self.assertEqual(spans_of(self.back(out)), spans_of(first))
        # Alama's work as tasks: each span is whole tokens (token_end inclusive, as Prodigy
        # counts), tokens and spans slice the text, and what ner_manual cannot show is reported.
        out = self.dir / "alama-prodigy.jsonl"
        done = run("convert", self.path, "--to", "prodigy", "-o", out)
        lost = [line for line in done.stderr.splitlines() if line.startswith("lost: ") and "ner_manual" in line]
        written = 0
        with open(out, encoding="utf-8") as f:
            for line, src in zip(f, self.source["documents"]):
                task = json.loads(line)
                self.assertEqual((task["meta"]["id"], task["text"], task["answer"]), (src["id"], src["text"], "accept"))
                tokens = task["tokens"]
                self.assertEqual([t["id"] for t in tokens], list(range(len(tokens))))
                for t in tokens:
                    self.assertEqual(task["text"][t["start"] : t["end"]], t["text"])
                for s in task["spans"]:
                    self.assertEqual((tokens[s["token_start"]]["start"], tokens[s["token_end"]]["end"]), (s["start"], s["end"]))
                    self.assertEqual(task["text"][s["start"] : s["end"]], s["text"])
                ranges = sorted((s["token_start"], s["token_end"]) for s in task["spans"])
                self.assertTrue(all(a[1] < b[0] for a, b in zip(ranges, ranges[1:])), "ner_manual spans do not overlap")
                written += len(task["spans"])
        self.assertEqual(written + len(lost), sum(len(d["spans"]) for d in self.source["documents"]))


if __name__ == "__main__":
    unittest.main()
