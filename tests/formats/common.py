"""Shared by the format and agreement checks: the `alama` binary, canonical files built in
Python over the seed articles, and random-but-seeded annotations that look like real ones
(whole words, sometimes without a proclitic, sometimes nested, sometimes disputed)."""

import hashlib
import json
import os
import random
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
LABELS = ["PER", "LOC", "WEA", "EVT"]
DEFAULT_LABELS = [
    {"id": "PER", "names": {"ar": "شخص", "en": "Person"}, "color": "#E69F00"},
    {"id": "LOC", "names": {"ar": "مكان", "en": "Place"}, "color": "#56B4E9"},
    {"id": "WEA", "names": {"ar": "سلاح", "en": "Weapon"}, "color": "#CC79A7"},
    {"id": "EVT", "names": {"ar": "حدث", "en": "Event"}, "color": "#009E73"},
]
EDGE = "«»\"'()[]،,.:؛;؟?!-–—"
CLITICS = "وبلف"


def binary():
    """The CLI: $ALAMA_BIN, or debug/alama in cargo's target folder (built if it is missing)."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    path = Path(os.environ.get("ALAMA_BIN", target / "debug" / "alama"))
    if not path.exists():
        subprocess.run(["cargo", "build", "--quiet", "--bin", "alama"], cwd=ROOT, check=True)
    return str(path)


def run(*args, check=True):
    """Runs `alama ARGS`; returns the completed process (stdout and stderr as text)."""
    done = subprocess.run([binary(), *map(str, args)], capture_output=True, text=True, encoding="utf-8")
    if check and done.returncode != 0:
        raise AssertionError(f"alama {' '.join(map(str, args))} exited {done.returncode}:\n{done.stderr}")
    return done


def read_text(path):
    # newline="" keeps CRLF: offsets count the exact text.
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def seed_texts():
    return [(p.stem, read_text(p)) for p in SEEDS]


def words(text):
    """(start, end) of every word, edge punctuation left out."""
    out = []
    for m in re.finditer(r"\S+", text):
        s, e = m.start(), m.end()
        while s < e and text[s] in EDGE:
            s += 1
        while e > s and text[e - 1] in EDGE:
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def random_spans(rng, text, count, nested=False):
    """About `count` spans of 1-3 words, no two overlapping unless `nested` (then a few
    spans of another label sit inside others, and a few same-label overlaps occur)."""
    ws = words(text)
    spans = []
    for _ in range(count * 3):
        if len(spans) >= count:
            break
        i = rng.randrange(len(ws))
        j = min(len(ws) - 1, i + rng.choice([0, 0, 0, 1, 1, 2]))
        s, e = ws[i][0], ws[j][1]
        if text[s] in CLITICS and ws[i][1] - s > 3 and rng.random() < 0.3:
            s += 1  # leave the proclitic out: و|بوتين
        if "\n" in text[s:e]:
            continue
        if any(overlaps((s, e), (t[0], t[1])) for t in spans):
            continue
        spans.append((s, e, rng.choice(LABELS)))
    if nested:
        for s, e, label in list(spans):
            inner = [w for w in ws if s <= w[0] and w[1] <= e]
            if len(inner) > 1 and rng.random() < 0.4:
                w = rng.choice(inner)
                spans.append((w[0], w[1], rng.choice([l for l in LABELS if l != label])))
            elif rng.random() < 0.05:
                spans.append((s, min(len(text), e + 3), label))  # same label, overlapping
    return dedupe(spans)


def dedupe(spans):
    seen, out = set(), []
    for s in spans:
        if s not in seen and s[0] < s[1]:
            seen.add(s)
            out.append(s)
    return out


def disputed(rng, text, spans, nested=False):
    """A second annotator's version: most spans kept, some relabelled, moved, dropped,
    and some new ones."""
    ws = words(text)
    out = []
    for s, e, label in spans:
        r = rng.random()
        if r < 0.55:
            out.append((s, e, label))
        elif r < 0.65:
            out.append((s, e, rng.choice([l for l in LABELS if l != label])))
        elif r < 0.75:  # take or give the proclitic, or a word more
            ns = s - 1 if s > 0 and text[s - 1] in CLITICS else s + 1 if e - s > 2 else s
            out.append((ns, e, label))
        elif r < 0.85:
            later = [w for w in ws if w[0] >= e]
            if later and "\n" not in text[s:later[0][1]]:
                out.append((s, later[0][1], label))
            else:
                out.append((s, e, label))
        # else: dropped
    new = random_spans(rng, text, max(1, len(spans) // 5), nested)
    for n in new:
        if nested or not any(overlaps(n, o) for o in out):
            out.append(n)
    if not nested:
        # Keep one annotator's spans from overlapping each other.
        flat = []
        for sp in sorted(out, key=lambda t: (t[0], -t[1])):
            if not any(overlaps(sp, f) for f in flat):
                flat.append(sp)
        out = flat
    return dedupe(out)


def canonical(docs, labels=DEFAULT_LABELS):
    """A canonical v1 export of docs [(id, text, [(start, end, label), ...])]."""
    documents = []
    for doc_id, text, spans in docs:
        ordered = sorted(enumerate(spans, 1), key=lambda t: (t[1][0], -t[1][1], t[0]))
        documents.append({
            "id": doc_id,
            "name": f"{doc_id}.txt",
            "text": text,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "spans": [
                {"id": i, "start": s, "end": e, "label": l, "text": text[s:e]} for i, (s, e, l) in ordered
            ],
        })
    return {"format": "alama", "version": 1, "offsets": "unicode-code-points", "labels": labels, "documents": documents}


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=1)


def random_pair(seed, nested=False, per_doc=25):
    """Two annotators' canonical files over the seed articles, seeded. B lacks the last
    article and names the first one differently (documents are matched by sha256)."""
    rng = random.Random(seed)
    a, b = [], []
    for k, (doc_id, text) in enumerate(seed_texts()):
        sa = random_spans(rng, text, rng.randint(per_doc // 2, per_doc), nested)
        a.append((doc_id, text, sa))
        if k < len(SEEDS) - 1:
            b.append((doc_id if k else "renamed", text, disputed(rng, text, sa, nested)))
    return canonical(a), canonical(b)
