#!/usr/bin/env python3
"""Score claimlint's label checks on a set of labels and pages.

Usage: scripts/eval-labels.py DIR [CLAIMLINT]

DIR holds labels/ (package labels: every label check applies), pages/ (product pages: only
the panel checks apply) and expected.tsv (file, line, defect, detail; `clean` for a file
with no defect; line 0 for a statement that is missing). Every file under labels/ is linted
as a label (`labels: ["labels/**"]`). A defect is found when a finding of one of its rules
is in its file, within one line of it (any line for line 0). A finding of a label rule that
matches no expected defect is a false alarm. Prints the figures and each miss and false
alarm by file, rule and line (never the copy).
"""
import json, os, subprocess, sys, tempfile, collections

RULES = {
    "above-ul": {"us-fda/panel-above-upper-limit", "us-fda/dose-above-upper-limit",
                 "us-fda/serving-facts-above-upper-limit"},
    "dv-arithmetic": {"us-fda/panel-daily-value"},
    "nutrition-facts-title": {"us-fda/panel-nutrition-facts-title"},
    "missing-dv": {"us-fda/panel-missing-daily-value"},
    "no-dv-symbol": {"us-fda/panel-daily-value-not-established"},
    "blend-no-weight": {"us-fda/panel-blend-weight"},
    "no-serving-size": {"us-fda/panel-serving-size"},
    "content-claim": {"us-fda/panel-content-claim", "us-fda/panel-high-potency",
                      "us-fda/panel-comparative-claim"},
    "missing-iron-warning": {"us-fda/iron-warning"},
    "allergen-undeclared": {"us-fda/allergen-declaration"},
    "missing-identity": {"us-fda/statement-of-identity"},
    "missing-net-quantity": {"us-fda/net-quantity"},
    "missing-place-of-business": {"us-fda/place-of-business"},
    "missing-ae-contact": {"us-fda/adverse-event-contact"},
    "advisory-ingredient": {"us-fda/panel-advisory-ingredient"},
    "approval-misstatement": {"us-fda/fda-approval-claim"},
}
LABEL_RULES = set().union(*RULES.values())


def main():
    d = os.path.abspath(sys.argv[1])
    exe = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else "claimlint"
    expected = collections.defaultdict(list)
    with open(os.path.join(d, "expected.tsv"), encoding="utf-8") as f:
        next(f)
        for row in f:
            cols = row.rstrip("\n").split("\t")
            if cols[2] != "clean":
                expected[cols[0]].append((int(cols[1]), cols[2]))
    files = sorted(
        os.path.relpath(os.path.join(r, n), d)
        for r, _, ns in os.walk(d) for n in ns
        if os.path.relpath(r, d).split(os.sep)[0] in ("labels", "pages"))
    with tempfile.TemporaryDirectory() as tmp:
        cfg = os.path.join(tmp, "claimlint.yaml")
        with open(cfg, "w") as f:
            f.write('labels: ["labels/**"]\n')
        out = subprocess.run([exe, "check", "--config", cfg, "--format", "json", *files],
                             cwd=d, capture_output=True, text=True)
    report = json.loads(out.stdout)
    found = collections.defaultdict(list)
    for x in report.get("diagnostics", report.get("findings", [])):
        if x["rule"] in LABEL_RULES:
            found[x["path"]].append((x["span"]["line"] if "line" in x["span"] else x["line"], x["rule"]))
    tp = fn = 0
    misses, alarms = [], []
    for path in files:
        got = list(found.get(path, []))
        used = set()
        for line, defect in expected.get(path, []):
            hit = next((i for i, (l, r) in enumerate(got) if i not in used and r in RULES[defect]
                        and (line == 0 or abs(l - line) <= 1)), None)
            if hit is None:
                fn += 1
                misses.append(f"{path}:{line} {defect}")
            else:
                tp += 1
                used.add(hit)
        for i, (l, r) in enumerate(got):
            if i not in used and not any(r in RULES[dft] for _, dft in expected.get(path, [])):
                alarms.append(f"{path}:{l} {r}")
    total = tp + fn
    print(f"{len(files)} files: {tp} of {total} defects found (recall {tp / total:.3f}), "
          f"{len(alarms)} false alarms")
    if "--summary" not in sys.argv:
        for m in misses:
            print("miss:", m)
        for a in alarms:
            print("false alarm:", a)


if __name__ == "__main__":
    main()
