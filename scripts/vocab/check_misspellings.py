#!/usr/bin/env python3
"""List the generated misspellings (src/rules/lexicon/spelling.rs, `misspellings`) of the
lexicons marked `misspell: true` that are ordinary English words, by wordfreq's Zipf
frequency (>= 2.5). Each one it prints belongs in NOT_MISSPELLINGS in spelling.rs.

    pip install wordfreq==3.1.1
    python3 scripts/vocab/check_misspellings.py

The rules below mirror the Rust function; keep them in step.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
LEXICONS = ROOT / "rules" / "us-fda" / "lexicons"
VOWELS = set("aeiouy")


def misspellings(w: str) -> set[str]:
    out: set[str] = set()
    if len(w) < 6 or not w.isascii() or not w.isalpha() or not w.islower():
        return out
    for i in range(1, len(w) if len(w) >= 7 else 1):
        if w[i] == w[i - 1] and w[i] not in VOWELS:
            out.add(w[:i] + w[i + 1 :])
        if i + 1 < len(w) and w[i] in "lstrnpmcf" and w[i - 1] in VOWELS and w[i + 1] in VOWELS:
            out.add(w[:i] + w[i] + w[i:])
        if len(w) >= 9 and i + 1 < len(w) and w[i] in VOWELS and w[i - 1] not in VOWELS and w[i + 1] not in VOWELS and i > 2:
            out.add(w[:i] + w[i + 1 :])
    if w.endswith("al"):
        out.add(w[:-2] + "el")
    if len(w) >= 7:
        if w.endswith("itis"):
            out.add(w[:-4] + "itus")
        if len(w) >= 8 and w.endswith("es"):
            out.add(w[:-2] + "is")
        if "nsion" in w:
            out.add(w.replace("nsion", "ntion"))
        for i in range(2, len(w) - 1):
            if w[i] == "y" and w[i - 1] not in VOWELS:
                out.add(w[:i] + "i" + w[i + 1 :])
            if len(w) >= 8 and i > 2 and w[i] in VOWELS and w[i - 1] in VOWELS and w[i] != w[i - 1]:
                out.add(w[: i - 1] + w[i:])
                out.add(w[:i] + w[i + 1 :])
            if len(w) >= 10 and i > 2 and i + 2 < len(w) and w[i] in "aeio" and w[i - 1] not in VOWELS and w[i + 1] not in VOWELS:
                for to in "aeio":
                    if to != w[i]:
                        out.add(w[:i] + to + w[i + 1 :])
    out.discard(w)
    return out


def main() -> int:
    import wordfreq

    words: set[str] = set()
    for path in sorted(LEXICONS.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if not re.search(r"^misspell: true$", text, re.M):
            continue
        for line in text.splitlines():
            if line.lstrip().startswith("#"):
                continue
            m = re.match(r"^\s*(?:- term:|aliases:)\s*(.*)$", line)
            if m:
                words.update(re.findall(r"[a-z]+", m.group(1).lower()))
    found = sorted(
        {(v, w) for w in words for v in misspellings(w) if wordfreq.zipf_frequency(v, "en") >= 2.5}
    )
    for v, w in found:
        print(f"{v}\t(from {w})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
