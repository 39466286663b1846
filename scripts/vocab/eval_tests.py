#!/usr/bin/env python3
"""Score tests.tsv with today's claimlint, with this folder's lexicons merged in the naive way.

    python3 scripts/vocab/eval_tests.py [--claimlint /work/main/target/release/claimlint]
        [--corpus FILE ...]

"Naive" means: the new lexicons do not exist yet as such in the engine, so their terms are
added through a claimlint.yaml `lexicons: NAME: add:` block to the nearest lexicon that
today's rules read (pathogens -> disease-vectors, drugs-extra and drug-classes-extra -> drugs,
damage-and-misc -> conditions). `source` and `needs` are dropped (the engine rejects unknown
keys), so `needs: [claim]` / `[uppercase]` are NOT enforced and probiotics.yaml has no effect:
silent lines that depend on them are expected to fail until the integrator wires them in.

tests.tsv (`expect<TAB>text`, expect = fire | silent) is converted to the corpus format of
docs/corpus.md (fire -> disease, silent -> neutral) in a temporary folder, then
`claimlint eval --config` prints precision, recall, misses and false alarms. Extra --corpus
files (e.g. /work/main/fixtures/corpus/claims.tsv) are scored with the same config, to show
what the additions change on the project's own corpus.
"""
import argparse
import os
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
STAGING = os.path.dirname(os.path.dirname(HERE))
MERGE = {
    "pathogens.yaml": "disease-vectors",
    "drugs-extra.yaml": "drugs",
    "drug-classes-extra.yaml": "drugs",
    "damage-and-misc.yaml": "conditions",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--claimlint", default="/work/main/target/release/claimlint")
    ap.add_argument("--corpus", nargs="*", default=[])
    a = ap.parse_args()
    cfg = {"lexicons": {}}
    for fname, lex in MERGE.items():
        data = yaml.safe_load(open(os.path.join(STAGING, fname)))
        add = cfg["lexicons"].setdefault(lex, {"add": []})["add"]
        for e in data["terms"]:
            t = {"term": e["term"]}
            if e.get("aliases"):
                t["aliases"] = e["aliases"]
            add.append(t)
    with tempfile.TemporaryDirectory() as d:
        cfg_path = os.path.join(d, "merged.yaml")
        with open(cfg_path, "w") as f:
            yaml.safe_dump(cfg, f, sort_keys=False)
        corpus = os.path.join(d, "tests-corpus.tsv")
        with open(os.path.join(STAGING, "tests.tsv")) as src, open(corpus, "w") as out:
            out.write("label\tcriterion\ttext\n")
            for i, line in enumerate(src):
                if i == 0:
                    continue
                expect, text = line.rstrip("\n").split("\t")
                label = "disease\tg2-viii" if expect == "fire" else "neutral\twarning"
                out.write(f"{label}\t{text}\n")
        rc = 0
        for path in [corpus] + a.corpus:
            for flag in (["--no-config"], ["--config", cfg_path]):
                r = subprocess.run([a.claimlint, "eval", path] + flag, capture_output=True, text=True)
                head = r.stdout.splitlines()[0] if r.stdout else r.stderr.strip()
                print(f"{os.path.basename(path)} [{'baseline' if flag[0] == '--no-config' else 'merged'}]: {head}")
                if flag[0] == "--config":
                    tail = r.stdout.split("misses (should fire, did not):", 1)[-1]
                    print("  misses:" + tail.replace("\n", "\n  "))
                rc |= r.returncode
        return rc


if __name__ == "__main__":
    sys.exit(main())
