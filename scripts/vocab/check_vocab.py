#!/usr/bin/env python3
"""Check the vocabulary files in this folder against each other and against /work/main's lexicons.

    python3 scripts/vocab/check_vocab.py [--main /work/main/rules/us-fda/lexicons] [--report overlap.tsv]

A spelling "collides" with another when the matcher would treat them as the same words:
ASCII case, a plural s/es, hyphen/space/no-space and the usual British/American pairs
(ae/e, oe/e, our/or, -ise/-ize, -yse/-yze, -tre/-ter) are all folded away. Straight and curly
apostrophes are the same.

Errors (exit 1):
  - a file that is not a lexicon of the expected shape (lexicon, description, terms with
    term/aliases/source/needs only, lowercase spellings, needs in {claim, uppercase});
  - two spellings in one file that collide (a variant the matcher generates itself);
  - a spelling of a "delta" file that collides with the lexicon it extends
    (drugs-extra vs drugs; drug-classes-extra vs drugs and disease-classes;
    damage-and-misc vs conditions);
  - a probiotic spelling that collides with a pathogen spelling.
Everything else that collides with a main lexicon is reported (stdout and --report) for the
integrator, not as an error.
"""
import argparse
import glob
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
STAGING = os.path.dirname(os.path.dirname(HERE))

FILES = {
    "pathogens.yaml": ("pathogens", []),
    "probiotics.yaml": ("probiotic-organisms", []),
    "drugs-extra.yaml": ("drugs", ["drugs"]),
    "drug-classes-extra.yaml": ("drug-classes", ["drugs", "disease-classes"]),
    "damage-and-misc.yaml": ("conditions", ["conditions"]),
}
ALLOWED_KEYS = {"term", "aliases", "source", "needs"}


def fold(s):
    s = s.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\s\-]+", "", s)
    s = re.sub(r"(?<=[a-z])(is|ys)(e|ed|es|ing|ation|ations)\b", lambda m: m.group(1)[0] + "z" + m.group(2), s)
    s = s.replace("ae", "e").replace("oe", "e").replace("our", "or")
    s = re.sub(r"tre\b", "ter", s)
    s = s.replace("ll", "l")
    return s


def keys(s):
    k = fold(s)
    out = {k}
    if k.endswith("es"):
        out.add(k[:-2])
    if k.endswith("s"):
        out.add(k[:-1])
    return out


def spellings(path):
    data = yaml.safe_load(open(path))
    out = []
    for e in data.get("terms", []):
        if isinstance(e, str):
            out.append((e, e))
            continue
        out.append((e["term"], e["term"]))
        for a in e.get("aliases", []) or []:
            out.append((a, e["term"]))
    return data, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--main", default="/work/main/rules/us-fda/lexicons")
    ap.add_argument("--report", default=None)
    a = ap.parse_args()

    main_index = {}  # key -> list of (lexicon, spelling, term)
    for p in sorted(glob.glob(os.path.join(a.main, "*.yaml"))):
        data, sp = spellings(p)
        for s, t in sp:
            for k in keys(s):
                main_index.setdefault(k, []).append((data["lexicon"], s, t))

    errors, notes, counts = [], [], {}
    mine = {}
    for fname, (lexname, delta_of) in FILES.items():
        path = os.path.join(STAGING, fname)
        if not os.path.exists(path):
            errors.append(f"{fname}: missing")
            continue
        data, sp = spellings(path)
        if data.get("lexicon") != lexname:
            errors.append(f"{fname}: lexicon is {data.get('lexicon')!r}, expected {lexname!r}")
        if not data.get("description"):
            errors.append(f"{fname}: no description")
        n_terms = 0
        for e in data["terms"]:
            n_terms += 1
            if isinstance(e, str):
                continue
            extra = set(e) - ALLOWED_KEYS
            if extra:
                errors.append(f"{fname}: {e['term']}: unknown keys {sorted(extra)}")
            for n in e.get("needs", []) or []:
                if n not in ("claim", "uppercase"):
                    errors.append(f"{fname}: {e['term']}: needs {n!r}")
        counts[fname] = (n_terms, len(sp) - n_terms)
        seen = {}
        for s, t in sp:
            if s != s.lower() or s != s.strip() or not s:
                errors.append(f"{fname}: {s!r} is not a lowercase, trimmed spelling")
            for k in keys(s):
                if k in seen and seen[k][0] != s:
                    errors.append(f"{fname}: {s!r} ({t}) and {seen[k][0]!r} ({seen[k][1]}) are the same spelling to the matcher")
                seen.setdefault(k, (s, t))
            hits = {h for k in keys(s) for h in main_index.get(k, [])}
            for lex, ms, mt in sorted(hits):
                line = f"{fname}\t{s}\t{t}\t{lex}\t{ms}\t{mt}"
                if lex in delta_of:
                    errors.append("delta overlap: " + line)
                else:
                    notes.append(line)
        mine[fname] = sp

    owner = {}
    for fname, sp in mine.items():
        for s, _ in sp:
            for k in keys(s):
                if k in owner and owner[k][0] != fname:
                    errors.append(f"{fname}: {s!r} is also in {owner[k][0]} as {owner[k][1]!r}")
                owner.setdefault(k, (fname, s))

    path_keys = {k: s for s, _ in mine.get("pathogens.yaml", []) for k in keys(s)}
    for s, t in mine.get("probiotics.yaml", []):
        for k in keys(s):
            if k in path_keys:
                errors.append(f"probiotic {s!r} collides with pathogen {path_keys[k]!r}")

    for f, (t, al) in counts.items():
        print(f"{f}: {t} terms, {al} aliases, {t + al} spellings")
    print(f"{len(notes)} spellings shared with other main lexicons (see report)")
    if a.report:
        with open(a.report, "w") as fh:
            fh.write("file\tspelling\tterm\tmain lexicon\tmain spelling\tmain term\n")
            fh.write("\n".join(sorted(set(notes))) + "\n")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
