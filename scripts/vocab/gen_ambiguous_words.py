#!/usr/bin/env python3
"""Write rules/us-fda/lexicons/ambiguous-words.yaml: the spellings of every disease-mention
lexicon that are also ordinary English, with the context condition each needs.

    pip install wordfreq==3.1.1
    python3 scripts/vocab/gen_ambiguous_words.py

gen_icd10cm.py applies find_ambiguous.py's decisions to the generated ICD-10-CM lexicon
only. The hand-written lexicons (conditions, consumer-conditions, pathogens, the damage
list) have the same problem ("fever" in "cabin fever", "stroke" in "a stroke of luck"), so
this script reads all of them, flags a spelling the same way (one word with a Zipf
frequency of at least 3.0 in wordfreq's English list, or a phrase of at least 4.4), and
takes the condition from find_ambiguous.DECISIONS when it has one; a flagged spelling
with no decision gets `claim`, the safe choice, and is printed for review. A spelling
whose decision is `none` (the disease is its only sense) and one whose entry already
says what it needs are left out. The mention rule applies these conditions to a mention
whose words are exactly one of these spellings, whatever lexicon found it.
"""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LEXICONS = ROOT / "rules" / "us-fda" / "lexicons"
OUT = LEXICONS / "ambiguous-words.yaml"
SOURCES = [
    "conditions.yaml",
    "conditions-damage.yaml",
    "consumer-conditions.yaml",
    "pathogens.yaml",
    "disease-vectors.yaml",
]
SINGLE = 3.0
PHRASE = 4.4

sys.path.insert(0, str(HERE))
from find_ambiguous import DECISIONS  # noqa: E402

# Reviewed for this script (find_ambiguous.DECISIONS covers the generated ICD-10-CM lexicon only).
REVIEWED: dict[str, tuple[str, str]] = {
    "plaque": ("claim", "dental plaque is cosmetic; arterial plaque is named as such"),
    "bacteria": ("claim", "the product's own cultures and what it is tested for"),
    "bacterium": ("claim", "as bacteria"),
    "germs": ("claim", "'wash away germs' and other everyday uses"),
    "virus": ("claim", "'computer virus', 'went viral'; named viruses are listed by name"),
    "impotent": ("claim", "figurative ('felt impotent')"),
    "addiction": ("claim", "'sugar addiction', 'coffee addiction'"),
    "stop smoking": ("claim", "a goal, not a disease, unless a claim word makes it one"),
    "hair loss": ("claim", "hair loss associated with aging is a structure/function target (65 FR 1000)"),
    "memory loss": ("claim", "mild memory problems associated with aging are a structure/function target (65 FR 1000)"),
    "memory problem": ("claim", "as memory loss"),
    "low t": ("claim", "also the letter in lists ('low T-shirt prices'); needs a claim"),
    "acne": ("none", "in supplement copy its only sense is the disease"),
    "addiction-free": ("none", "in supplement copy its only sense is the disease"),
    "alcoholism": ("none", "in supplement copy its only sense is the disease"),
    "allergies": ("none", "in supplement copy its only sense is the disease"),
    "amnesia": ("none", "in supplement copy its only sense is the disease"),
    "anemia": ("none", "in supplement copy its only sense is the disease"),
    "anorexia": ("none", "in supplement copy its only sense is the disease"),
    "apnea": ("none", "in supplement copy its only sense is the disease"),
    "arthritis": ("none", "in supplement copy its only sense is the disease"),
    "asthma": ("none", "in supplement copy its only sense is the disease"),
    "autism": ("none", "in supplement copy its only sense is the disease"),
    "autistic": ("none", "in supplement copy its only sense is the disease"),
    "cancer": ("none", "in supplement copy its only sense is the disease"),
    "cancerous": ("none", "in supplement copy its only sense is the disease"),
    "carcinoma": ("none", "in supplement copy its only sense is the disease"),
    "cavities": ("none", "in supplement copy its only sense is the disease"),
    "cholera": ("none", "in supplement copy its only sense is the disease"),
    "concussion": ("none", "in supplement copy its only sense is the disease"),
    "constipation": ("none", "in supplement copy its only sense is the disease"),
    "coronavirus": ("none", "in supplement copy its only sense is the disease"),
    "covid-19": ("none", "in supplement copy its only sense is the disease"),
    "cyst": ("none", "in supplement copy its only sense is the disease"),
    "dementia": ("none", "in supplement copy its only sense is the disease"),
    "diabetes": ("none", "in supplement copy its only sense is the disease"),
    "diarrhea": ("none", "in supplement copy its only sense is the disease"),
    "diarrhoea": ("none", "in supplement copy its only sense is the disease"),
    "dyslexia": ("none", "in supplement copy its only sense is the disease"),
    "ebola": ("none", "in supplement copy its only sense is the disease"),
    "eczema": ("none", "in supplement copy its only sense is the disease"),
    "epilepsy": ("none", "in supplement copy its only sense is the disease"),
    "fibrosis": ("none", "in supplement copy its only sense is the disease"),
    "glaucoma": ("none", "in supplement copy its only sense is the disease"),
    "gout": ("none", "in supplement copy its only sense is the disease"),
    "hepatitis": ("none", "in supplement copy its only sense is the disease"),
    "hernia": ("none", "in supplement copy its only sense is the disease"),
    "herpes": ("none", "in supplement copy its only sense is the disease"),
    "hiv-1": ("none", "in supplement copy its only sense is the disease"),
    "hiv-2": ("none", "in supplement copy its only sense is the disease"),
    "hpv": ("none", "in supplement copy its only sense is the disease"),
    "hypertension": ("none", "in supplement copy its only sense is the disease"),
    "influenza": ("none", "in supplement copy its only sense is the disease"),
    "insomnia": ("none", "in supplement copy its only sense is the disease"),
    "insulin-resistant": ("none", "in supplement copy its only sense is the disease"),
    "lesion": ("none", "in supplement copy its only sense is the disease"),
    "leukemia": ("none", "in supplement copy its only sense is the disease"),
    "lice": ("none", "in supplement copy its only sense is the disease"),
    "lupus": ("none", "in supplement copy its only sense is the disease"),
    "lymphoma": ("none", "in supplement copy its only sense is the disease"),
    "malaria": ("none", "in supplement copy its only sense is the disease"),
    "malignant": ("none", "in supplement copy its only sense is the disease"),
    "measles": ("none", "in supplement copy its only sense is the disease"),
    "melanoma": ("none", "in supplement copy its only sense is the disease"),
    "meningitis": ("none", "in supplement copy its only sense is the disease"),
    "metastatic": ("none", "in supplement copy its only sense is the disease"),
    "migraine": ("none", "in supplement copy its only sense is the disease"),
    "miscarriage": ("none", "in supplement copy its only sense is the disease"),
    "obesity": ("none", "in supplement copy its only sense is the disease"),
    "parasite": ("none", "in supplement copy its only sense is the disease"),
    "pathogen": ("none", "in supplement copy its only sense is the disease"),
    "phobia": ("none", "in supplement copy its only sense is the disease"),
    "pms": ("none", "in supplement copy its only sense is the disease"),
    "pneumonia": ("none", "in supplement copy its only sense is the disease"),
    "polio": ("none", "in supplement copy its only sense is the disease"),
    "pre-cancerous": ("none", "in supplement copy its only sense is the disease"),
    "pre-diabetes": ("none", "in supplement copy its only sense is the disease"),
    "pre-diabetic": ("none", "in supplement copy its only sense is the disease"),
    "pre-hypertension": ("none", "in supplement copy its only sense is the disease"),
    "pre-malignant": ("none", "in supplement copy its only sense is the disease"),
    "psychosis": ("none", "in supplement copy its only sense is the disease"),
    "rabies": ("none", "in supplement copy its only sense is the disease"),
    "rheumatoid": ("none", "in supplement copy its only sense is the disease"),
    "salmonella": ("none", "in supplement copy its only sense is the disease"),
    "schizophrenia": ("none", "in supplement copy its only sense is the disease"),
    "sepsis": ("none", "in supplement copy its only sense is the disease"),
    "shingles": ("none", "in supplement copy its only sense is the disease"),
    "smallpox": ("none", "in supplement copy its only sense is the disease"),
    "sneezing": ("none", "in supplement copy its only sense is the disease"),
    "stuttering": ("none", "in supplement copy its only sense is the disease"),
    "syphilis": ("none", "in supplement copy its only sense is the disease"),
    "tremor": ("none", "in supplement copy its only sense is the disease"),
    "tuberculosis": ("none", "in supplement copy its only sense is the disease"),
    "tumor": ("none", "in supplement copy its only sense is the disease"),
    "tumour": ("none", "in supplement copy its only sense is the disease"),
    "ulcer": ("none", "in supplement copy its only sense is the disease"),
    "vertigo": ("none", "in supplement copy its only sense is the disease"),
    "vomiting": ("none", "in supplement copy its only sense is the disease"),
    "blood cancer": ("none", "in supplement copy its only sense is the disease"),
    "brain attack": ("none", "in supplement copy its only sense is the disease"),
    "brain cancer": ("none", "in supplement copy its only sense is the disease"),
    "brain cell damage": ("none", "in supplement copy its only sense is the disease"),
    "brain cell death": ("none", "in supplement copy its only sense is the disease"),
    "brain damage": ("none", "in supplement copy its only sense is the disease"),
    "brain injury": ("none", "in supplement copy its only sense is the disease"),
    "cancer cell": ("none", "in supplement copy its only sense is the disease"),
    "cancer cells": ("none", "in supplement copy its only sense is the disease"),
    "cancer spread": ("none", "in supplement copy its only sense is the disease"),
    "cancer that has spread": ("none", "in supplement copy its only sense is the disease"),
    "central vision loss": ("none", "in supplement copy its only sense is the disease"),
    "chest cold": ("none", "in supplement copy its only sense is the disease"),
    "damage to the brain": ("none", "in supplement copy its only sense is the disease"),
    "damage to the heart": ("none", "in supplement copy its only sense is the disease"),
    "death of brain cells": ("none", "in supplement copy its only sense is the disease"),
    "drinking problem": ("none", "in supplement copy its only sense is the disease"),
    "drug abuse": ("none", "in supplement copy its only sense is the disease"),
    "hard of hearing": ("none", "in supplement copy its only sense is the disease"),
    "head and neck cancer": ("none", "in supplement copy its only sense is the disease"),
    "head cold": ("none", "in supplement copy its only sense is the disease"),
    "heart condition": ("none", "in supplement copy its only sense is the disease"),
    "heart damage": ("none", "in supplement copy its only sense is the disease"),
    "heart disease": ("none", "in supplement copy its only sense is the disease"),
    "heart failure": ("none", "in supplement copy its only sense is the disease"),
    "heart problem": ("none", "in supplement copy its only sense is the disease"),
    "heart problems": ("none", "in supplement copy its only sense is the disease"),
    "heart trouble": ("none", "in supplement copy its only sense is the disease"),
    "heavy drinking": ("none", "in supplement copy its only sense is the disease"),
    "high blood pressure": ("none", "in supplement copy its only sense is the disease"),
    "high blood sugar": ("none", "in supplement copy its only sense is the disease"),
    "high eye pressure": ("none", "in supplement copy its only sense is the disease"),
    "iron-poor blood": ("none", "in supplement copy its only sense is the disease"),
    "joint damage": ("none", "in supplement copy its only sense is the disease"),
    "loss of brain cells": ("none", "in supplement copy its only sense is the disease"),
    "loss of central vision": ("none", "in supplement copy its only sense is the disease"),
    "loss of vision": ("none", "in supplement copy its only sense is the disease"),
    "low back pain": ("none", "in supplement copy its only sense is the disease"),
    "low blood pressure": ("none", "in supplement copy its only sense is the disease"),
    "low blood sugar": ("none", "in supplement copy its only sense is the disease"),
    "lower back pain": ("none", "in supplement copy its only sense is the disease"),
    "major depression": ("none", "in supplement copy its only sense is the disease"),
    "mouth cancer": ("none", "in supplement copy its only sense is the disease"),
    "passing out": ("none", "in supplement copy its only sense is the disease"),
    "pink eye": ("none", "in supplement copy its only sense is the disease"),
    "poor night vision": ("none", "in supplement copy its only sense is the disease"),
    "problem drinking": ("none", "in supplement copy its only sense is the disease"),
    "racing heart": ("none", "in supplement copy its only sense is the disease"),
    "raised blood pressure": ("none", "in supplement copy its only sense is the disease"),
    "skin cancer": ("none", "in supplement copy its only sense is the disease"),
    "social anxiety": ("none", "in supplement copy its only sense is the disease"),
    "spread of cancer": ("none", "in supplement copy its only sense is the disease"),
    "the common cold": ("none", "in supplement copy its only sense is the disease"),
    "throwing up": ("none", "in supplement copy its only sense is the disease"),
    "vision loss": ("none", "in supplement copy its only sense is the disease"),
    "water on the brain": ("none", "in supplement copy its only sense is the disease"),
    "weak heart": ("none", "in supplement copy its only sense is the disease"),
}


def entries(path: Path) -> list[tuple[list[str], bool]]:
    """(spellings, has needs) per entry, read with the small YAML subset the lexicons use."""
    import re

    out: list[tuple[list[str], bool]] = []
    current: list[str] | None = None
    needs = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        m = re.match(r"^\s*- term:\s*(.+)$", line)
        if m:
            if current is not None:
                out.append((current, needs))
            current, needs = [unquote(m.group(1))], False
            continue
        m = re.match(r"^\s*- ([^:\[{][^:]*)$", line)
        if m and current is None and not line.strip().startswith("- term"):
            out.append(([unquote(m.group(1))], False))
            continue
        if current is None:
            continue
        m = re.match(r"^\s*aliases:\s*\[(.*)\]\s*$", line)
        if m:
            current.extend(unquote(a) for a in split_list(m.group(1)))
        if re.match(r"^\s*needs:", line):
            needs = True
    if current is not None:
        out.append((current, needs))
    return out


def split_list(s: str) -> list[str]:
    items, buf, quote = [], "", None
    for ch in s:
        if quote:
            if ch == quote:
                quote = None
            else:
                buf += ch
        elif ch in "\"'":
            quote = ch
        elif ch == ",":
            items.append(buf.strip())
            buf = ""
        else:
            buf += ch
    if buf.strip():
        items.append(buf.strip())
    return [i for i in items if i]


def unquote(s: str) -> str:
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        return s[1:-1]
    return s


def main() -> int:
    try:
        import wordfreq
    except ImportError:
        sys.exit("gen_ambiguous_words.py needs wordfreq: pip install wordfreq==3.1.1")
    version = importlib.metadata.version("wordfreq")
    found: dict[str, tuple[str, float, str]] = {}
    unreviewed = []
    for name in SOURCES:
        for spellings, has_needs in entries(LEXICONS / name):
            if has_needs:
                continue
            for s in spellings:
                low = s.lower()
                z = wordfreq.zipf_frequency(low, "en")
                limit = SINGLE if " " not in low else PHRASE
                if z < limit or low in found:
                    continue
                condition, why = REVIEWED.get(low) or DECISIONS.get(low, ("claim", "not reviewed: the safe choice"))
                if condition in ("none", "drop"):
                    continue
                if low not in DECISIONS and low not in REVIEWED:
                    unreviewed.append((low, z, name))
                found[low] = (condition, z, why)
    lines = [
        f"# Generated by scripts/vocab/gen_ambiguous_words.py with wordfreq {version} (Zipf scale,",
        f"# English; one word >= {SINGLE}, a phrase >= {PHRASE}) over {', '.join(SOURCES)},",
        "# with the decisions of scripts/vocab/find_ambiguous.py. Do not edit by hand.",
        "lexicon: ambiguous-words",
        'description: "disease spellings that are also ordinary English, with the context each needs"',
        "terms:",
    ]
    for word in sorted(found):
        condition, z, why = found[word]
        lines.append(f"  - term: {quote(word)}")
        lines.append(f"    needs: [{condition}]")
        lines.append(f"    source: {quote(f'wordfreq {z:.2f}: {why}')}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for low, z, name in sorted(unreviewed):
        print(f"unreviewed: {low} ({z:.2f}, {name}) -> claim")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(found)} spellings")
    return 0


def quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    sys.exit(main())
