#!/usr/bin/env python3
"""Find the lexicon spellings that are also ordinary English, and write
scripts/vocab/ambiguous.tsv with the context condition chosen for each.

    pip install wordfreq==3.1.1
    python3 scripts/vocab/find_ambiguous.py path/to/simple_icd_10_cm-1.5.0-py3-none-any.whl

Frequencies come from the `wordfreq` package (PyPI, version 3.1.1; Robyn Speer
et al., English word frequencies on the Zipf scale, where 3 is about once
per million words and 6 about once per thousand). A spelling is flagged when

  * it is one word with a Zipf frequency of at least --single (3.0), or
  * it is written in capitals in the ICD source or the consumer layer (an
    acronym) and its lowercase form is an English word of frequency at least
    --acronym (2.5), or
  * it is several words whose joint frequency is at least --phrase (4.4).

Every flagged spelling gets one of these conditions:

  claim      counts only when a claim word ties it to the product
             ("fights colds", not "cold water", "a stroke of luck")
  uppercase  an acronym that counts only when written in capitals (MS, ADD)
  drop       not a disease name at all once out of its ICD context
             ("fit", "female", "caffeine"); gen_icd10cm.py leaves it out
  none       a frequent word whose only sense is the disease ("cancer")

The decision for each word is in DECISIONS below, with the reason; a flagged
word that has no decision yet gets `claim` (the safe choice) and the reason
says it was not reviewed. gen_icd10cm.py reads the TSV and applies it.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen_icd10cm as gen  # noqa: E402

try:
    import wordfreq
except ImportError:  # pragma: no cover
    sys.exit("find_ambiguous.py needs wordfreq: pip install wordfreq==3.1.1")

C, U, D, N = "claim", "uppercase", "drop", "none"

# word -> (condition, why). Reviewed by hand; keep sorted within each group.
DECISIONS: dict[str, tuple[str, str]] = {
    # ordinary English senses next to the disease sense
    "anxiety": (C, "everyday worry ('anxiety about the exam'); occasional nervousness is a structure/function target"),
    "attack": (C, "'attack' alone is ordinary; 'heart attack' is listed separately"),
    "blackout": (C, "power blackout, media blackout"),
    "blindness": (C, "figurative ('blindness to the risk')"),
    "boil": (C, "cooking ('boil water')"),
    "burn": (C, "'burn fat', 'burn calories' are ordinary supplement copy"),
    "cold": (C, "temperature ('cold water', 'cold-pressed')"),
    "coma": (C, "'food coma'"),
    "confusion": (C, "ordinary sense ('to avoid confusion')"),
    "cough": (N, "no other sense in supplement copy"),
    "crabs": (C, "the animal, seafood"),
    "dehydration": (C, "cosmetic and sports copy ('skin dehydration'); severe dehydration is the disease"),
    "depression": (C, "economic or physical depression; 'clinical depression' is listed separately"),
    "fever": (C, "'spring fever', 'cabin fever', 'fever pitch'"),
    "fracture": (C, "figurative ('a fracture in the coalition')"),
    "gas": (D, "flatulence is a structure/function target (conditions.yaml lists it as not a disease)"),
    "growth": (D, "ordinary ('hair growth', 'muscle growth')"),
    "headache": (C, "figurative ('a real headache')"),
    "hysteria": (C, "'mass hysteria' in ordinary prose"),
    "itch": (C, "'an itch to travel'"),
    "mania": (C, "'Beatlemania', 'a mania for'"),
    "paralysis": (C, "'analysis paralysis'"),
    "paranoia": (C, "ordinary exaggeration"),
    "piles": (C, "'piles of', 'a pile'"),
    "plague": (C, "the verb ('problems that plague you')"),
    "rash": (C, "'a rash decision'"),
    "scar": (D, "reducing the look of scars is a cosmetic claim, not a disease claim; keloid and hypertrophic scar stay"),
    "seizure": (C, "legal seizure of goods"),
    "shock": (C, "surprise ('a shock to the system')"),
    "stroke": (C, "'a stroke of luck', swimming and brush strokes"),
    "tic": (C, "short ordinary word"),
    "worm": (C, "'bookworm', 'worm castings' fertiliser"),
    "wound": (C, "past tense of wind ('wound up')"),
    "injury": (C, "sports copy ('injury recovery') is a claim only when tied to the product"),
    "allergy": (N, "conditions.yaml lists it; no other sense"),
    "fainting": (N, "disease sign, no other sense"),
    "stone": (C, "the material"),
    "me/cf": (D, "ICD fragment of 'ME/CFS'; the consumer layer lists ME/CFS"),
    "fructose-1": (D, "ICD fragment of an enzyme name"),
    "pain condition": (D, "ICD fragment"),
    "fat cancer": (D, "ICD fragment ('malignant neoplasm of fat')"),
    "collapse": (C, "ordinary sense"),
    "fear of flying": (C, "ordinary phrase; a phobia only when copy claims to treat it"),
    "stress reaction": (C, "the body's ordinary stress response is a structure/function target"),
    "anxiety reaction": (C, "ordinary phrase"),
    "heavy period": (C, "'a heavy period of work'"),
    "low vision": (C, "ordinary description"),
    "growth disorder": (N, "disease name"),
    "back pain": (N, "disease sign; FDA treats pain of a disease as a symptom"),
    "broken heart": (C, "figurative"),
    "sore throat": (N, "sign of disease"),
    "heart attack": (N, "disease name"),
    "common cold": (N, "disease name"),
    "mental illness": (N, "disease name"),
    "panic attack": (N, "disease sign"),
    "brain death": (D, "a clinical determination, not a claim target"),
    "loose skin": (D, "cosmetic, not a disease"),
    "excess hair": (C, "cosmetic in ordinary copy; hirsutism is listed separately"),
    "open wound": (N, "injury named in the kept list"),
    "cut wound": (N, "injury named in the kept list"),
    "fear of blood": (C, "ordinary phrase"),
    "fear of injury": (C, "ordinary phrase"),
    "fear of spider": (C, "ordinary phrase"),
    "fear of bridge": (C, "ordinary phrase"),
    "fear of women": (C, "ordinary phrase"),
    "fear of men": (C, "ordinary phrase"),
    "heart disorder": (N, "disease name"),
    "blood disease": (N, "disease name"),
    "hearing loss": (N, "disease sign"),
    "double vision": (N, "disease sign"),
    "chest pain": (N, "disease sign"),
    "joint pain": (N, "disease sign (arguable; see README)"),
    "eye pain": (N, "disease sign"),
    "wasting disease": (N, "disease name"),
    "bat ear": (N, "congenital deformity; no other sense"),
    "tongue tie": (N, "congenital condition"),
    "flat foot": (N, "deformity"),
    "learning disability": (N, "condition name"),
    "language disorder": (N, "condition name"),
    "psychological factor": (D, "not a disease"),
    "pregnancy loss": (N, "miscarriage"),
    "crisis reaction": (C, "ordinary phrase"),
    "sleep terror": (N, "sleep disorder"),
    "knock knee": (N, "deformity"),
    "frozen shoulder": (N, "disease name"),
    "trigger finger": (N, "disease name"),
    "air leak": (D, "a complication of lung surgery and trauma, not copy"),
    "viral agent": (D, "an agent, not a disease (see disease-vectors.yaml)"),
    # leftovers of ICD wording that are not disease names on their own
    "alteration": (D, "ICD fragment"),
    "amelia": (D, "a first name; the congenital absence of limbs is never written so in copy"),
    "caffeine": (D, "a substance, not a disease (from 'caffeine-related disorders')"),
    "charley-horse": (D, "a muscle cramp; cramps alone are a structure/function target"),
    "climatic": (D, "ICD fragment"),
    "defect": (D, "ICD fragment"),
    "deletion": (D, "ICD fragment (chromosome deletion)"),
    "den": (D, "ICD fragment ('dens in dente')"),
    "dissection": (D, "ordinary word; aortic dissection is listed separately"),
    "duplication": (D, "ICD fragment"),
    "ecstasy": (D, "an emotion and a drug name, not a disease"),
    "enlargement": (D, "ICD fragment; 'enlarged prostate' etc. stay"),
    "felon": (D, "criminal; the finger infection is called whitlow or paronychia in copy"),
    "female": (D, "ICD fragment (chromosome anomalies)"),
    "femur": (D, "bone name"),
    "fit": (D, "'fit NOS' is archaic for seizure; 'fit' in copy means healthy"),
    "fluid": (D, "ICD fragment ('fluid in peritoneal cavity')"),
    "fold": (D, "ICD fragment"),
    "forearm": (D, "body part"),
    "fusion": (D, "ICD fragment"),
    "hypnotic": (D, "a drug class, not a disease"),
    "individual": (D, "ICD fragment"),
    "infestation": (N, "parasitic disease"),
    "insertion": (D, "ICD fragment"),
    "investigation": (D, "ICD fragment"),
    "irregular": (D, "ICD fragment"),
    "lobster-claw": (D, "ICD fragment"),
    "male": (D, "ICD fragment"),
    "marijuana": (D, "a substance, not a disease ('cannabis use disorder' stays)"),
    "motor": (D, "ICD fragment"),
    "nail-biting": (D, "an ordinary habit"),
    "nose-picking": (D, "an ordinary habit"),
    "radius": (D, "bone name"),
    "rectal": (D, "ICD fragment"),
    "sedative": (D, "a drug class, not a disease"),
    "stable": (D, "ICD fragment"),
    "thoracic": (D, "ICD fragment"),
    "thumb-sucking": (D, "an ordinary habit"),
    "tibia": (D, "bone name"),
    "trance": (D, "ordinary word"),
    "transgender": (D, "a gender identity, not a disease"),
    "variation": (D, "ICD fragment"),
    "wax": (D, "ordinary word; impacted cerumen is listed as 'impacted earwax'"),
    "pcp": (D, "a drug name and 'primary care physician'"),
    # consumer-layer words
    "sty": (C, "'pigsty'"),
    "diabetic": (N, "describes people with the disease ('diabetic formula', 'diabetics')"),
    "pica": (C, "a unit of type size"),
    "bipolar": (C, "'bipolar transistor', 'a bipolar world'"),
    "schizophrenic": (C, "figurative ('a schizophrenic market')"),
    "graves'": (C, "'graves' is the plural of grave"),
    "lyme": (C, "a place name (Lyme Regis, Old Lyme)"),
    "hives": (C, "bee hives"),
    "whiplash": (C, "figurative ('policy whiplash')"),
    "aneurysm": (N, "disease name"),
    "obese": (N, "describes the disease"),
    "coughing": (N, "disease sign"),
    "infertility": (N, "disease name"),
    "mini-stroke": (N, "disease name"),
    "cross-eyed": (N, "condition name"),
    "hiv/aids": (N, "disease name"),
    "me/cfs": (N, "disease name"),
    "alzheimer's": (N, "disease name"),
    "parkinson's": (N, "disease name"),
    "covid": (N, "only the disease"),
    "nash": (U, "a surname"),
    "mash": (U, "'mashed potatoes', 'a mash'"),
    "amd": (U, "the chip maker"),
    "cfs": (U, "cubic feet per second"),
    "bv": (U, "short letters"),
    "asd": (N, "not an English word"),
    "sti": (N, "not an English word"),
    "ptsd": (N, "not an English word"),
    # acronyms that are English words
    "aids": (U, "'hearing aids', 'aids digestion'"),
    "als": (U, "'als' in names and other languages"),
    "pots": (U, "'pots and pans'"),
    "tia": (U, "a first name"),
    "sle": (N, "not an English word"),
    "hiv": (N, "not an English word"),
    "copd": (N, "not an English word"),
    "ibs": (N, "not an English word"),
    "ms": (U, "'Ms.' title and millisecond"),
    "add": (U, "the verb"),
    "ed": (U, "a name, 'ed.' editor"),
    "ra": (U, "short word and name"),
    "oa": (U, "short word"),
    "uc": (U, "short word"),
    "cd": (U, "compact disc"),
    "cad": (U, "computer-aided design; 'a cad'"),
    "mi": (U, "Michigan, 'mi' note"),
    "pad": (U, "the noun ('cotton pad')"),
    "gad": (U, "'gad about'"),
    "sad": (U, "the adjective"),
    "tb": (U, "terabyte"),
    "flu": (N, "no other sense"),
    "mono": (U, "mono audio, 'mono-' prefix"),
    "ad": (U, "advertisement"),
    "pd": (U, "police department"),
    "uti": (N, "not an English word"),
    "rsv": (N, "not an English word"),
    "dvt": (N, "not an English word"),
    "pid": (U, "process id; programming"),
    "std": (N, "not an English word"),
    "pcos": (N, "not an English word"),
    "gerd": (U, "a first name"),
    "ocd": (N, "not an English word"),
    "adhd": (N, "not an English word"),
    "bph": (N, "not an English word"),
}

# Words whose only sense is the disease though they are frequent.
DISEASE_ONLY = {
    "cancer", "diabetes", "hiv", "dementia", "pneumonia", "asthma", "malaria", "arthritis",
    "vomiting", "schizophrenia", "concussion", "hepatitis", "influenza", "leukemia",
    "epilepsy", "insomnia", "hypertension", "amnesia", "migraine", "measles", "miscarriage",
    "cholera", "lymphoma", "smallpox", "rabies", "psychosis", "meningitis", "melanoma",
    "anemia", "vertigo", "anthrax", "syphilis", "stuttering", "phobia", "pedophilia",
    "shingles", "eczema", "gout", "tremor", "dyslexia", "sepsis", "glaucoma", "leprosy",
    "obesity", "covid-19", "pig-bel", "osteoporosis", "cataract", "impotence", "delirium",
    "sunburn", "incontinence", "bronchitis", "deafness", "psoriasis", "hallucination",
    "drunkenness", "colitis", "cirrhosis", "wheezing", "tetanus", "sprain", "frostbite",
    "tinnitus", "thrush", "neuropathy", "zika", "mumps", "dizziness", "autism", "tumor",
    "alcoholism", "addiction", "ulcer", "hernia", "acne", "rickets", "scurvy", "jaundice",
    "hemorrhoid", "wart", "bunion", "dandruff", "lice", "scabies", "polio", "tuberculosis",
    "chickenpox", "rubella", "herpes", "lupus", "sinusitis", "tonsillitis", "appendicitis",
    "nausea", "diarrhea", "constipation", "heartburn", "indigestion", "fibromyalgia",
    "alzheimer", "parkinson", "infestation", "dysentery", "typhoid", "diphtheria",
    "emphysema", "ebola", "stomachache", "toothache", "earache", "backache", "bedwetting",
    "narcolepsy", "sciatica", "lumbago", "gingivitis", "cystitis", "anorexia", "bulimia",
}


def spellings_of(entries: list[dict]) -> list[tuple[str, str]]:
    out = []
    for e in entries:
        for s in [e["term"]] + e.get("aliases", []):
            out.append((s, e.get("code", "")))
    return out


def consumer_spellings(path: Path) -> list[tuple[str, str]]:
    out = []
    for spellings, _ in gen.read_lexicon_spellings(path):
        out.extend((s, "consumer") for s in spellings)
    return out


def uppercase_tokens(root) -> set[str]:
    toks: set[str] = set()
    for el in list(root.iter("desc")) + list(root.iter("note")):
        toks |= {t.lower() for t in re.findall(r"\b[A-Z]{2,6}\b", el.text or "")}
    return toks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wheel", type=Path)
    ap.add_argument("--lexicons", type=Path, default=gen.LEXICON_DIR)
    ap.add_argument("--consumer", type=Path,
                    default=gen.DEFAULT_OUT.parent / "consumer-conditions.yaml")
    ap.add_argument("-o", "--output", type=Path, default=gen.AMBIGUOUS_TSV)
    ap.add_argument("--single", type=float, default=3.0)
    ap.add_argument("--acronym", type=float, default=2.5)
    ap.add_argument("--phrase", type=float, default=4.4)
    args = ap.parse_args(argv)

    src = gen.read_wheel(args.wheel)
    entries = gen.build(src.root, args.lexicons, {}, args.consumer)
    spellings = spellings_of(entries) + consumer_spellings(args.consumer)
    caps = uppercase_tokens(src.root) | {w.lower() for w in DECISIONS if DECISIONS[w][0] == U}
    wf_version = importlib.metadata.version("wordfreq")

    rows: dict[str, tuple[float, str, str]] = {}
    for s, _code in spellings:
        z = wordfreq.zipf_frequency(s, "en")
        single = " " not in s
        flagged = (single and z >= args.single) or \
                  (single and s in caps and z >= args.acronym) or \
                  (not single and z >= args.phrase) or s in DECISIONS
        if not flagged:
            continue
        base = s[:-3] + "y" if s.endswith("ies") else s
        if s in DECISIONS or base in DECISIONS:
            cond, why = DECISIONS.get(s) or DECISIONS[base]
        elif not single and s.split()[-1] == "pain" and (
                s.split()[0] in gen.NEVER or " in the " in s):
            cond, why = C, ("pain in a body part is also the ordinary soreness of exercise,"
                            " which copy may address as structure/function")
        elif s in DISEASE_ONLY or base in DISEASE_ONLY:
            cond, why = N, "frequent, but its only sense is the disease"
        elif single and s in caps and len(s) <= 5:
            cond, why = U, "acronym that is also an English word; not reviewed"
        elif not single:
            cond, why = N, "frequent phrase; its words together name the condition"
        else:
            cond, why = C, "frequent English word; not reviewed, so the safe choice"
        rows[s] = (z, cond, why)

    lines = [
        f"# Made by scripts/vocab/find_ambiguous.py with wordfreq {wf_version} (Zipf scale, English);"
        f" thresholds: one word >= {args.single}, acronym >= {args.acronym}, phrase >= {args.phrase}.",
        "# condition: claim = only when a claim word ties it to the product; uppercase = only"
        " when written in capitals; drop = left out; none = frequent but only the disease.",
        "word\tfrequency\tcondition\twhy",
    ]
    for s, (z, cond, why) in sorted(rows.items(), key=lambda r: (-r[1][0], r[0])):
        lines.append(f"{s}\t{z:.2f}\t{cond}\t{why}")
    text = "\n".join(lines) + "\n"
    args.output.write_text(text, encoding="utf-8")
    counts = {c: sum(1 for r in rows.values() if r[1] == c) for c in (C, U, D, N)}
    print(f"{args.output}: {len(rows)} flagged: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
