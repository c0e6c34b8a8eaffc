"""The exports read by the tools they are for, for real: spaCy builds Doc objects and a
DocBin from the JSONL, seqeval reads the CoNLL, every brat .ann offset slices its .txt to the
quoted text, Python's zipfile opens the brat archive, Label Studio results quote their text.
Each export is then imported back by the CLI and compared with what went in."""

import json
import tempfile
import unittest
import warnings
import zipfile
from pathlib import Path

import spacy
from seqeval.metrics import classification_report
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2
from spacy.tokens import DocBin
from spacy.util import filter_spans

from common import canonical, random_pair, read_text, run, write_json

NESTED_SEED = 42


def spans_of(export):
    """{document id: sorted [(start, end, label)]} of a canonical export."""
    return {d["id"]: sorted((s["start"], s["end"], s["label"]) for s in d["spans"]) for d in export["documents"]}


class Exports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        a, _ = random_pair(NESTED_SEED, nested=True)
        # A text with an emoji, a flag, CRLF and a BOM, where code points and UTF-16 differ.
        text = "\ufeff😀 تقرير: التقى 👋🏽 الرئيس فلاديمير بوتين في موسكو.\r\n🇸🇦 ثم عاد إلى بيونغ يانغ ووبوتين."
        emoji = ("emoji", text, [(35, 40, "PER"), (44, 49, "LOC"), (66, 76, "LOC"), (79, 84, "PER"), (35, 49, "EVT")])
        cls.source = canonical([(d["id"], d["text"], [(s["start"], s["end"], s["label"]) for s in d["spans"]]) for d in a["documents"]] + [emoji])
        assert cls.source["documents"][-1]["spans"][0]["text"] == "بوتين في موسكو"
        cls.path = cls.dir / "source.json"
        write_json(cls.path, cls.source)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def convert(self, to, out, *extra):
        return run("convert", self.path, "--to", to, "-o", out, *extra)

    def back(self, path, *extra):
        out = self.dir / f"back-{Path(path).name}.json"
        run("convert", path, "--to", "alama", "-o", out, *extra)
        with open(out, encoding="utf-8") as f:
            return json.load(f)

    def test_spacy_builds_docs_and_a_docbin_from_the_jsonl(self):
        out = self.dir / "out.jsonl"
        self.convert("jsonl", out)
        nlp = spacy.blank("ar")
        db = DocBin(store_user_data=True)
        exact = expanded = total = 0
        with open(out, encoding="utf-8") as f:
            lines = [json.loads(line) for line in f]
        for line in lines:
            doc = nlp.make_doc(line["text"])
            group = []
            for start, end, label in line["label"]:
                total += 1
                span = doc.char_span(start, end, label=label)
                if span is not None:
                    exact += 1
                else:
                    span = doc.char_span(start, end, label=label, alignment_mode="expand")
                    self.assertIsNotNone(span, (line["id"], start, end))
                    self.assertTrue(span.start_char <= start and end <= span.end_char)
                    expanded += 1
                group.append(span)
            doc.spans["sc"] = group
            doc.ents = filter_spans(group)
            db.add(doc)
        docs = list(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
        self.assertEqual(len(docs), len(self.source["documents"]))
        self.assertEqual(sum(len(d.spans["sc"]) for d in docs), total)
        self.assertEqual([d.text for d in docs], [d["text"] for d in self.source["documents"]])
        print(f"\nspaCy (blank Arabic tokenizer): {exact} of {total} spans align exactly with its tokens; {expanded} needed alignment_mode='expand'")
        self.assertEqual(spans_of(self.back(out)), spans_of(self.source))

    def test_seqeval_reads_the_conll(self):
        out = self.dir / "out.conll"
        done = self.convert("conll", out)
        lost = [line for line in done.stderr.splitlines() if line.startswith("lost: ")]
        content = read_text(out)
        self.assertIn("IOB2", content.splitlines()[0])
        docs, sentence, meta = [], [], None
        for line in content.splitlines():
            if line.startswith("# "):
                key, _, value = line[2:].partition(" = ")
                if meta is not None and key in ("id", "text"):
                    meta[key] = json.loads(value)
                continue
            if line.startswith("-DOCSTART-"):
                meta = {"sentences": []}
                docs.append(meta)
            elif not line.strip():
                if sentence:
                    meta["sentences"].append(sentence)
                sentence = []
            else:
                token, tag = line.split("\t")
                sentence.append((token, tag))
        self.assertFalse(sentence)
        self.assertEqual(len(docs), len(self.source["documents"]))
        placed = 0
        for meta, src in zip(docs, self.source["documents"]):
            self.assertEqual((meta["id"], meta["text"]), (src["id"], src["text"]))
            tags = [[tag for _, tag in s] for s in meta["sentences"]]
            # Strict IOB2: seqeval refuses an I- that does not continue a B-.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                report = classification_report(tags, tags, mode="strict", scheme=IOB2, output_dict=True)
            # Every entity seqeval finds is a source span, exactly, once tokens are put back on the text.
            text, at, offsets = meta["text"], 0, []
            for token, _ in (t for s in meta["sentences"] for t in s):
                found = text.index(token, at)
                self.assertTrue(text[at:found].strip() == "" or set(text[at:found]) <= set("\ufeff\u200f\u200e"), (token, text[at:found]))
                offsets.append((found, found + len(token)))
                at = found + len(token)
            # seqeval reads the document as its sentences, an O between each two.
            flat = [tag for s in tags for tag in s + ["O"]]
            positions, n = [], 0
            for s in meta["sentences"]:
                positions.extend(offsets[n:n + len(s)] + [None])
                n += len(s)
            entities = [(positions[s][0], positions[e][1], label) for label, s, e in get_entities(flat)]
            src_spans = {(s["start"], s["end"], s["label"]) for s in src["spans"]}
            self.assertTrue(set(entities) <= src_spans, set(entities) - src_spans)
            placed += len(entities)
            if entities:
                self.assertEqual(report["micro avg"]["f1-score"], 1.0)
        total = sum(len(d["spans"]) for d in self.source["documents"])
        self.assertEqual(placed + len(lost), total, "every span is in the tags or reported as lost")
        print(f"\nCoNLL: {placed} of {total} spans in the IOB2 tags; {len(lost)} overlapping spans reported as lost")
        back = spans_of(self.back(out))
        for doc_id, spans in spans_of(self.source).items():
            self.assertTrue(set(back[doc_id]) <= set(spans))

    def check_brat(self, files):
        conf = files["annotation.conf"].decode("utf-8")
        entities = conf.split("[entities]")[1].split("[")[0].split()
        checked = 0
        for name, data in files.items():
            if not name.endswith(".ann"):
                continue
            text = files[name[:-4] + ".txt"].decode("utf-8")
            for line in data.decode("utf-8").splitlines():
                tid, middle, quoted = line.split("\t")
                label, offsets = middle.split(" ", 1)
                self.assertIn(label, entities)
                pieces = [text[int(s):int(e)] for s, e in (p.split() for p in offsets.split(";"))]
                self.assertEqual(" ".join(pieces), quoted, (name, tid))
                checked += 1
        return checked

    def test_brat_offsets_slice_the_text_folder_and_zip(self):
        folder, archive = self.dir / "brat", self.dir / "brat.zip"
        self.convert("brat", folder)
        self.convert("brat", archive)
        files = {p.name: p.read_bytes() for p in folder.iterdir()}
        total = sum(len(d["spans"]) for d in self.source["documents"])
        self.assertEqual(self.check_brat(files), total)
        with zipfile.ZipFile(archive) as z:
            self.assertIsNone(z.testzip())
            zipped = {Path(n).name: z.read(n) for n in z.namelist()}
            self.assertTrue(all(n.startswith("brat/") for n in z.namelist()))
        self.assertEqual(zipped, files)
        # CRLF and the BOM are in the .txt exactly as in the source.
        self.assertEqual(files["emoji.txt"].decode("utf-8"), self.source["documents"][-1]["text"])
        for path in (folder, archive):
            self.assertEqual(spans_of(self.back(path)), spans_of(self.source))

    def test_label_studio_results_quote_their_text(self):
        for extra in ([], ["--predictions"]):
            out = self.dir / f"ls{len(extra)}.json"
            self.convert("label-studio", out, *extra)
            with open(out, encoding="utf-8") as f:
                tasks = json.load(f)
            key = "predictions" if extra else "annotations"
            for task in tasks:
                for r in task[key][0]["result"]:
                    v = r["value"]
                    self.assertEqual(task["data"]["text"][v["start"]:v["end"]], v["text"])
            self.assertEqual(spans_of(self.back(out, *extra)), spans_of(self.source))


if __name__ == "__main__":
    unittest.main()
