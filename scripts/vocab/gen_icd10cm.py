#!/usr/bin/env python3
"""Generate rules/us-fda/lexicons/icd10cm.yaml from the CDC/NCHS ICD-10-CM tabular list.

The tabular list (public domain) is read from the wheel of the PyPI package
`simple-icd-10-cm`, which ships it as simple_icd_10_cm/data/icd10c-tabular-*.xml.

    python3 scripts/vocab/gen_icd10cm.py path/to/simple_icd_10_cm-1.5.0-py3-none-any.whl
    python3 scripts/vocab/gen_icd10cm.py --download            # pip download --no-deps

Python 3.11 standard library only. The list of ambiguous spellings
(scripts/vocab/ambiguous.tsv, made by find_ambiguous.py with wordfreq) is read
as data, so this script never needs wordfreq. The output is sorted and the
same input always gives the same bytes.

Every ICD code (and the inclusion terms listed under it) is turned into the
surface forms a copywriter would write: clinical qualifiers are stripped
("unspecified", "NOS", laterality, "with ..." tails), "X and Y" titles are
split, "malignant neoplasm of lung" becomes "lung cancer", and so on. Each
spelling is kept once, under the most general code that yields it. What is
left out and why is documented in scripts/vocab/README.md.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_OUT = REPO / "rules" / "us-fda" / "lexicons" / "icd10cm.yaml"
AMBIGUOUS_TSV = HERE / "ambiguous.tsv"
LEXICON_DIR = REPO / "rules" / "us-fda" / "lexicons"
MAX_WORDS = 5

# ---------------------------------------------------------------------------
# Scope: which parts of the classification are read at all
# ---------------------------------------------------------------------------

# Chapters read in full (by first letter of the code). R, O, S-T and U are read
# through the allow-lists below; V-Y (external causes) and Z (encounters,
# factors, history) are never read.
FULL_LETTERS = set("ABCDEFGHIJKLMNPQ")

# Chapter 15 (pregnancy, O00-O9A): only the abnormal conditions of pregnancy,
# which 21 CFR 101.93(g)(2)(iii) treats as diseases (uncommon, or able to cause
# significant or permanent harm). Normal pregnancy, its supervision, delivery
# and the "X complicating pregnancy" codes (the disease itself lives in its
# own chapter) are left out.
O_KEEP = (
    "O00",  # ectopic pregnancy
    "O01",  # hydatidiform mole
    "O02.1",  # missed abortion
    "O03",  # spontaneous abortion (miscarriage)
    "O10", "O11", "O13", "O14", "O15", "O16",  # hypertension, preeclampsia, eclampsia, HELLP
    "O20.0",  # threatened abortion
    "O21.0", "O21.1",  # hyperemesis gravidarum (not O21.9 "vomiting of pregnancy")
    "O22.3",  # deep phlebothrombosis in pregnancy
    "O24.4",  # gestational diabetes
    "O26.6",  # liver disorders of pregnancy (cholestasis)
    "O36.59",  # fetal growth restriction
    "O40", "O41.0",  # polyhydramnios, oligohydramnios
    "O42",  # premature rupture of membranes
    "O43.2",  # placenta accreta
    "O44",  # placenta previa
    "O45",  # placental abruption
    "O60",  # preterm labor
    "O72",  # postpartum hemorrhage
    "O85",  # puerperal sepsis
    "O86.1", "O86.2",  # puerperal infections
    "O88",  # obstetric embolism
    "O90.3",  # peripartum cardiomyopathy
    "O91",  # mastitis and breast abscess of pregnancy and lactation
)

# Chapter 18 (symptoms and signs, R00-R99): only the signs and symptoms
# characteristic of disease ((g)(2)(ii)). Vague ones, natural states and the
# abnormal-findings codes (R70-R99) are left out.
R_KEEP = (
    "R00.0", "R00.1", "R00.2",  # tachycardia, bradycardia, palpitations
    "R01",  # heart murmur
    "R04.0", "R04.2",  # nosebleed (epistaxis), hemoptysis
    "R05",  # cough
    "R06.0", "R06.1", "R06.2",  # dyspnea, stridor, wheezing
    "R07",  # chest pain
    "R09.0",  # asphyxia, hypoxemia
    "R10",  # abdominal pain, colic
    "R13",  # dysphagia
    "R15",  # fecal incontinence
    "R16",  # hepatomegaly, splenomegaly
    "R17",  # jaundice
    "R18",  # ascites
    "R19.0",  # abdominal mass
    "R20",  # numbness, tingling (paresthesia)
    "R21",  # rash
    "R25.0", "R25.1",  # abnormal head movements, tremor
    "R26",  # abnormal gait
    "R27",  # ataxia
    "R30",  # painful urination (dysuria)
    "R31",  # hematuria
    "R32",  # urinary incontinence
    "R33",  # urinary retention
    "R35.1",  # nocturia
    "R40.20",  # coma
    "R41.0",  # disorientation
    "R41.3",  # amnesia
    "R42",  # dizziness, vertigo
    "R43",  # loss of smell or taste
    "R44",  # hallucinations
    "R47",  # aphasia, dysarthria
    "R48",  # dyslexia, agnosia, apraxia
    "R50",  # fever
    "R51",  # headache
    "R55",  # fainting (syncope)
    "R56",  # convulsions, seizures
    "R57",  # shock
    "R58",  # hemorrhage
    "R59",  # swollen lymph nodes
    "R62.5",  # failure to thrive
    "R64",  # cachexia
    "R65",  # SIRS, severe sepsis
    "R73.03",  # prediabetes
    "R73.9",  # hyperglycemia
    "R80",  # proteinuria
    "R81",  # glycosuria
)

# Chapters 19-20: injuries and external causes are not diseases of the kind
# 101.93(g) is about, except these: burns, fractures, open wounds and sprains
# (each has characteristic signs a supplement might promise to heal), heat
# stroke and heat exhaustion, and allergy and anaphylaxis, which ICD files
# under T78 but which are diseases of the immune system.
INJURY_FORMS = {
    # code: forms
    "S02": ["skull fracture", "facial fracture", "broken nose", "broken jaw"],
    "S06.0X": ["concussion"],
    "S22.3": ["rib fracture", "broken rib"],
    "S32.0": ["vertebral fracture", "spinal fracture", "compression fracture"],
    "S42.0": ["collarbone fracture", "broken collarbone", "clavicle fracture"],
    "S52": ["forearm fracture", "wrist fracture", "broken wrist", "broken arm"],
    "S62": ["hand fracture", "broken finger", "finger fracture"],
    "S72": ["hip fracture", "femur fracture", "broken hip", "broken leg", "thigh bone fracture"],
    "S82": ["ankle fracture", "broken ankle", "shin fracture", "tibia fracture", "kneecap fracture"],
    "S92": ["foot fracture", "broken foot", "broken toe", "toe fracture"],
    "T14.8": ["open wound", "puncture wound", "laceration", "wound", "cut wound"],
    "T14.90": ["injury", "traumatic injury"],
    "S93.4": ["ankle sprain", "sprained ankle"],
    "S63.5": ["wrist sprain", "sprained wrist"],
    "S83.9": ["knee sprain", "sprained knee"],
    "T14.8X": ["sprain", "ligament sprain", "torn ligament"],
    "T30": ["burn", "first-degree burn", "second-degree burn", "third-degree burn",
            "burn injury", "thermal burn", "scald"],
    "T67.0": ["heat stroke", "sunstroke"],
    "T67.5": ["heat exhaustion"],
    "T78.2": ["anaphylaxis", "anaphylactic shock", "anaphylactic reaction"],
    "T78.3": ["angioedema", "angioneurotic edema"],
    "T78.4": ["allergy", "allergic reaction"],
    "T33": ["frostbite"],
}

# U chapter: emergency codes that name diseases.
U_KEEP = ("U07.1", "U09")

# ---------------------------------------------------------------------------
# Spellings that are never emitted
# ---------------------------------------------------------------------------

# Natural states and the conditions FDA accepts in structure/function claims
# (21 CFR 101.93(g)(2)(iii) and the preamble to 65 FR 1000), plus words that
# are not a disease on their own. Compared by normalised key.
NEVER = {
    # natural states
    "pregnancy", "normal pregnancy", "pregnant", "childbirth", "labor", "delivery",
    "puerperium", "lactation", "breastfeeding", "menstruation", "menses",
    "menopause", "menopausal", "female climacteric", "climacteric", "perimenopause",
    "premenopausal", "postmenopausal", "postmenopausal state", "menopausal state",
    "aging", "old age", "senility", "senescence", "senile debility", "age-related physical debility",
    "age-related cognitive decline", "puberty", "teething", "teething syndrome",
    "morning sickness", "vomiting of pregnancy", "nausea of pregnancy",
    # structure/function targets (65 FR 1000 examples and conditions.yaml list)
    "stress", "fatigue", "tiredness", "tired", "malaise", "weakness", "lethargy",
    "exhaustion", "hot flash", "hot flush", "flushing", "night sweat",
    "sleeplessness", "sleeplessness", "premenstrual tension", "premenstrual syndrome",
    "premenstrual tension syndrome", "pms",
    "overweight", "weight gain", "abnormal weight gain", "weight loss", "abnormal weight loss",
    "hunger", "excessive hunger", "thirst", "excessive thirst", "appetite", "loss of appetite",
    "cramp", "cramps", "muscle cramp", "cramp and spasm", "spasm", "muscle spasm", "leg cramp",
    "nausea", "nausea and vomiting", "bloating", "flatulence", "gas", "gas pain",
    "eructation", "belching", "hiccup", "hiccough", "snoring", "jet lag", "restlessness",
    "irritability", "nervousness", "mood", "sadness", "worry", "dry skin", "wrinkle",
    "androgenic alopecia", "male pattern baldness", "baldness", "pattern hair loss",
    "acne vulgaris",  # the qualified acne entry in conditions.yaml covers it
    "feeding difficulty", "feeding problem", "picky eater", "fussy eater",
    # too generic to be a disease on their own
    "disease", "disorder", "condition", "syndrome", "illness", "lesion", "abnormality",
    "anomaly", "deformity", "malformation", "complication", "problem", "finding",
    "abnormal finding", "symptom", "sign", "pain", "ache", "acute pain", "chronic pain",
    "other pain", "injury", "trauma", "mass", "lump", "swelling", "discharge", "infection",
    "inflammation", "neoplasm", "tumor", "cyst", "growth", "ulcer", "abscess", "hemorrhage",
    "disease of", "disorder of", "change", "state", "reaction", "effect", "failure",
    "insufficiency", "dysfunction", "deficiency", "excess", "toxicity", "poisoning",
    "carrier", "contact", "exposure", "history", "screening", "examination",
    "observation", "procedure", "postprocedural", "sequela", "late effect",
    "body", "organ", "tissue", "site", "part", "region", "unknown", "specified",
    "pseudo", "mixed", "simple", "acute", "chronic", "primary", "secondary", "congenital",
    "local", "localized", "generalized", "multiple", "single", "severe", "mild",
    "moderate", "recurrent", "persistent", "intermittent", "unspecified", "infant",
    "newborn", "child", "adult", "fetus", "maternal", "care", "death", "instantaneous death",
    "sudden death", "delivery", "malignant", "benign", "malignancy", "nodule",
    "degeneration", "atrophy", "hypertrophy", "dysplasia", "stenosis", "obstruction",
    "rupture", "perforation", "fistula", "calculus", "foreign body", "contracture",
    "adhesion", "torsion", "displacement", "dislocation", "instability", "stiffness",
    "effusion", "fibrosis", "necrosis", "gangrene", "embolism", "thrombosis", "occlusion",
    "aneurysm", "hernia", "prolapse", "polyp", "hyperplasia", "dermatitis", "hematoma",
    "loss", "delay", "disturbance", "difficulty", "impairment", "deviation",
    "involvement", "manifestation", "episode", "attack", "crisis", "shock",
    "disease in", "type", "variant", "form", "pattern", "stage", "phase",
    "biological", "stiffness of joint", "culture shock", "homesickness", "grief",
    "bereavement", "hepatocellular damage", "new growth", "pressure area", "still disease",
    "lack of growth", "round hole", "congenital absence", "open angle", "alcohol use", "cannabis use", "hair color", "normal movement", "fetal death", "sleep deprivation",
    "lack of sleep", "inadequate sleep hygiene", "kleptomania",
    # organisms: vegan vitamin D3 is made from lichen (lichen planus, lichen sclerosus stay)
    "lichen",
    # body parts and tissues left over when a split leaves only the site
    "joint", "muscle", "bone", "skin", "toe", "foot", "hand", "finger", "eye", "ear",
    "nose", "mouth", "lip", "tongue", "tooth", "gum", "jaw", "face", "head", "neck",
    "back", "chest", "breast", "abdomen", "belly", "stomach", "bowel", "intestine",
    "colon", "rectum", "anus", "liver", "kidney", "bladder", "heart", "lung", "brain",
    "nerve", "vein", "artery", "blood", "arm", "leg", "knee", "hip", "shoulder",
    "elbow", "wrist", "ankle", "heel", "thigh", "calf", "spine", "ganglion",
    "vertebra", "rib", "pelvis", "penis", "testis", "ovary", "uterus", "cervix",
    "vagina", "vulva", "prostate", "thyroid", "gland", "lymph node", "spleen",
    "pancreas", "gallbladder", "esophagus", "throat", "larynx", "pharynx", "sinus",
    "eyelid", "cornea", "retina", "lens", "iris", "nail", "hair", "scalp",
}

# A surface form containing any of these words is dropped: it is an ICD
# classification phrase, not a name. Matched on whole words.
BAD_WORDS = {
    "unspecified", "specified", "classified", "elsewhere", "nec", "nos", "other",
    "encounter", "sequela", "sequelae", "subsequent", "initial", "history",
    "screening", "examination", "observation", "supervision", "affected",
    "procedure", "postprocedural", "intraoperative", "device", "implant", "graft",
    "prosthetic", "prosthesis", "transplant", "transplanted", "catheter", "shunt",
    "stoma", "ventilator", "accidental", "iatrogenic", "surgery",
    "surgical", "exposure", "underdosing", "adverse", "overdose",
    "site", "sites", "part", "parts", "overlapping", "contiguous",
    "ill-defined", "illdefined", "undetermined", "unknown", "organism",
    "classifiable", "category", "categories", "code", "codes", "mentioned",
    "trimester", "weeks", "gestation", "antepartum", "intrapartum", "delivered",
    "childbirth", "maternal", "obstetric", "labor", "delivery", "inability",
    "episode", "stated", "involvement", "manifestations", "manifestation", "certain",
    "affecting", "involving", "due", "following", "resulting", "complicating",
    "without", "with", "either", "both", "any", "except", "excluding", "including",
    "documented", "designated", "related", "level", "levels", "findings", "finding",
    "result", "results", "test", "tests", "measurement", "reading", "organ", "organs",
    "structure", "structures", "limb", "limbs", "extremity", "extremities",
    "segment", "segments", "portion", "lobe", "lobes", "quadrant", "wall", "margin",
    "surface", "aspect", "zone", "cases", "case", "personal", "family", "region",
    "grams", "years", "year", "months", "after", "before", "than", "whose", "which",
    "specifically", "appropriate", "uses", "characterized", "crossing", "form", "concentration", "weight", "light-for-date",
}
# ... but these fixed names keep their "bad" word.
BAD_WORD_EXCEPTIONS = {
    "phantom limb syndrome", "phantom limb pain", "restless legs syndrome",
    "type 1 diabetes", "type 2 diabetes", "type 1 diabetes mellitus", "type 2 diabetes mellitus",
    "diabetes type 1", "diabetes type 2", "high blood pressure", "low blood pressure",
    "intracranial pressure", "mixed connective tissue disease", "connective tissue disease",
    "soft tissue sarcoma", "nervous system disease", "central nervous system disease",
    "lower back pain", "upper respiratory infection", "lower respiratory infection",
    "upper respiratory tract infection", "lower respiratory tract infection",
    "pressure ulcer", "pressure sore", "neonatal jaundice", "newborn jaundice",
    "neonatal diabetes", "neonatal sepsis", "neonatal herpes", "neonatal lupus",
    "fetal alcohol syndrome", "postpartum depression", "postpartum hemorrhage",
    "complete heart block", "partial seizure", "external hemorrhoid",
    "internal hemorrhoid", "generalized anxiety disorder", "generalized epilepsy",
    "generalized seizure", "multiple sclerosis", "multiple myeloma",
    "anterior uveitis", "posterior uveitis", "gestational diabetes",
    "gestational diabetes mellitus", "gestational hypertension", "puerperal sepsis",
    "puerperal fever", "puerperal psychosis", "puerperal mastitis",
    "upper gi bleeding", "lower gi bleeding", "ectopic pregnancy", "molar pregnancy",
    "tubal pregnancy", "abdominal pregnancy", "multiple personality disorder",
    "mixed anxiety and depressive disorder", "right heart failure", "left heart failure",
    "left ventricular failure", "right ventricular failure", "psoriatic arthritis",
    "premature labor", "preterm labor", "cervical insufficiency",
}

# Words that may stand before a disease name without changing it; dropping them
# gives the bare name as a further alias ("acute bronchitis" -> "bronchitis").
STRIPPABLE = ("acute", "chronic", "essential", "idiopathic", "primary", "subacute",
              "recurrent", "simple")
# ... but not in front of these, where the bare rest is a natural state or
# means something else ("chronic fatigue syndrome" -> "fatigue syndrome").
STRIP_GUARD = {"fatigue", "pain", "stress", "care", "disease", "disorder", "syndrome",
               "infection", "reaction", "condition", "stage", "phase", "use"}

# Nouns that read naturally after the organ they affect: "abscess of lung" ->
# "lung abscess", "disease of liver" -> "liver disease".
REORDER_HEADS = {
    "abscess", "cyst", "ulcer", "ulceration", "infection", "inflammation", "disease",
    "disorder", "cancer", "tumor", "stone", "calculus", "polyp", "fistula", "hernia",
    "pain", "tuberculosis", "failure", "infarction", "insufficiency", "stenosis",
    "obstruction", "prolapse", "hemorrhage", "bleeding", "fracture", "atrophy",
    "hypertrophy", "enlargement", "deformity", "dysplasia", "dysfunction", "injury",
    "laceration", "sprain", "burn", "carcinoma", "sarcoma", "lymphoma", "melanoma",
    "adenoma", "aneurysm", "embolism", "thrombosis", "spasm", "gangrene",
    "necrosis", "fibrosis", "rupture", "perforation", "torsion", "varices", "varix",
    "candidiasis", "syphilis", "mycosis", "leiomyoma", "lipoma", "hemangioma",
    "angiodysplasia", "diverticulitis", "diverticulosis", "diverticulum",
    "ulcers", "stricture", "adhesion", "ischemia", "anomaly", "malformation",
    "hypoplasia", "agenesis", "absence",
}

# Words that may stay in front when "chronic ulcer of stomach" becomes
# "chronic stomach ulcer" (not "crohn's small intestine disease").
REORDER_MODIFIERS = {"acute", "chronic", "subacute", "benign", "malignant", "primary",
                     "secondary", "congenital", "recurrent", "simple", "bacterial", "viral",
                     "fungal", "peptic", "infective", "infectious", "idiopathic", "acquired",
                     "inflammatory", "hereditary", "cystic", "diffuse", "focal"}

# Organs that name a cancer by an adjective, besides their own name.
ORGAN_ADJECTIVE = {
    "stomach": ["gastric"], "liver": ["hepatic"], "pancreas": ["pancreatic"],
    "kidney": ["renal"], "ovary": ["ovarian"], "cervix uteri": ["cervical", "cervix"],
    "prostate": ["prostatic"], "colon": ["colorectal"], "rectum": ["rectal", "colorectal"],
    "esophagus": ["esophageal"], "bladder": ["bladder"], "testis": ["testicular"],
    "corpus uteri": ["uterine", "endometrial"], "uterus": ["uterine"],
    "brain": ["brain"], "thyroid gland": ["thyroid"], "bone marrow": ["bone marrow"],
    "larynx": ["laryngeal", "throat"], "pharynx": ["throat", "pharyngeal"],
    "tongue": ["tongue"], "lip": ["lip"], "skin": ["skin"], "breast": ["breast"],
    "anus": ["anal"], "vulva": ["vulvar"], "vagina": ["vaginal"], "penis": ["penile"],
    "gallbladder": ["gallbladder"], "small intestine": ["small bowel"],
    "adrenal gland": ["adrenal"], "bronchus": [], "lung": ["lung"],
    "nasal cavity": ["nasal"], "thymus": ["thymic"], "heart": ["heart"],
    "eye": ["eye"], "bone": ["bone"], "tonsil": ["tonsil"],
}

# Hand-written rewrites of clinical words into the consumer word: each applies
# to a whole-word match inside a form and yields an extra form.
RENAMES = (
    (r"\bdiabetes mellitus\b", "diabetes"),
    (r"\bhuman immunodeficiency virus\b", "hiv"),
    (r"\bhiv disease\b", "hiv"),
    (r"\bcalculus of kidney\b", "kidney stone"),
    (r"\bcalculus of gallbladder\b", "gallstone"),
    (r"\bcholelithiasis\b", "gallstones"),
    (r"\burolithiasis\b", "urinary stones"),
    (r"\bnephrolithiasis\b", "kidney stones"),
    (r"\bneoplasm\b", "tumor"),
    (r"\bmalignant tumor\b", "cancer"),
    (r"\bcerebral infarction\b", "stroke"),
    (r"\bcerebrovascular accident\b", "stroke"),
    (r"\bmyocardial infarction\b", "heart attack"),
)

# Organ nouns and the adjectives copy uses for them, where both read
# naturally before a lesion noun ("stomach ulcer", "gastric ulcer").
ORGAN_PAIRS = {
    "stomach": "gastric", "kidney": "renal", "liver": "hepatic", "lung": "pulmonary",
    "heart": "cardiac", "brain": "cerebral", "mouth": "oral", "tooth": "dental",
    "breast": "mammary", "bowel": "intestinal", "skin": "cutaneous", "eye": "ocular",
    "ovary": "ovarian", "uterus": "uterine", "prostate": "prostatic",
    "esophagus": "esophageal", "spleen": "splenic", "pancreas": "pancreatic",
    "testicle": "testicular", "nose": "nasal", "gum": "gingival", "vagina": "vaginal",
    "rectum": "rectal", "anus": "anal", "colon": "colonic", "duodenum": "duodenal",
    "bladder": "vesical", "throat": "pharyngeal", "spine": "spinal", "joint": "articular",
    "muscle": "muscular", "vein": "venous", "artery": "arterial", "thyroid": "thyroid",
    "tonsil": "tonsillar", "penis": "penile", "vulva": "vulvar", "urethra": "urethral",
    "eyelid": "palpebral", "retina": "retinal", "cornea": "corneal", "bronchus": "bronchial",
    "larynx": "laryngeal", "trachea": "tracheal", "pleura": "pleural", "gallbladder": "biliary",
}
ORGAN_NOUN_FOR = {"intestine": "bowel", "small intestine": "small bowel",
                  "large intestine": "large bowel", "testis": "testicle"}
ADJ_TO_ORGAN = {a: n for n, a in ORGAN_PAIRS.items() if a != n}


ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7",
         "viii": "8", "ix": "9", "x": "10"}

# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------


def ascii_fold(s: str) -> str:
    """'Sjögren' -> 'Sjogren'."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def key(s: str) -> str:
    """The matcher's notion of 'the same spelling': case, hyphens, spaces,
    apostrophes, British/American vowels and Roman numerals do not count.
    Accents do ("sjögren" and "sjogren" are both kept: the matcher compares
    ASCII case-insensitively and leaves other letters as they are)."""
    s = s.lower().replace("’", "'")
    words = re.split(r"[\s\-]+", s)
    words = [ROMAN.get(w, w) for w in words]
    s = "".join(words).replace("'", "")
    s = s.replace("ae", "e").replace("oe", "e")
    return s


def plural_key(s: str) -> str:
    """Key that also ignores the plural endings the matcher adds by itself."""
    k = key(s)
    if k.endswith("es") and k[-3:-2] in ("s", "x", "z", "h"):
        return k[:-2]
    if k.endswith("s") and not k.endswith(("ss", "us", "is", "ys")):
        return k[:-1]
    return k


KEEP_S = {
    "diabetes", "herpes", "rabies", "scabies", "measles", "mumps", "rickets", "shingles",
    "hives", "caries", "piles", "aids", "series", "species", "ascites", "feces", "menses",
    "tabes", "hydrops", "biceps", "triceps", "forceps", "pes", "lens", "bends", "yaws",
    "blues", "legionnaires", "mons", "pons", "deferens", "glanders", "pubes", "nates",
    "crabs", "gas", "vas", "langerhans", "graves", "adams", "menses", "hypertrophicans", "syndactylus", "diabetes", "malleus",
    "vitiligines", "dentes", "testes", "mellitus", "insipidus", "pemphigus", "lupus",
    "tetanus", "pruritus", "psoriasis", "sepsis", "polyps", "lymphangitis", "varus",
    "valgus", "ileus", "nevus", "fungus", "virus", "sinus", "anus", "uterus", "fetus",
    "thrombus", "bronchus", "status", "plexus", "rhesus", "strabismus", "nystagmus",
    "rubeus", "tinnitus", "leprosus", "molluscum", "vulgaris", "mucus", "corpus",
    "hallux", "stapes", "ductus", "arteriosus", "epididymis", "acanthosis",
    "verrucous", "chorea", "genus", "humerus", "sarcoptes", "trichomonas", "pectus",
    "excavatum", "carinatum", "campylobacter", "enterococcus", "streptococcus",
    "staphylococcus", "meningococcus", "gonococcus", "pneumococcus", "bacillus",
}
IRREGULAR = {
    "teeth": "tooth", "feet": "foot", "calculi": "calculus", "varices": "varix",
    "fungi": "fungus", "diverticula": "diverticulum", "metastases": "metastasis",
    "ova": "ovum", "children": "child",
    "lice": "lice", "vertebrae": "vertebra", "bullae": "bulla", "striae": "striae",
    "testes": "testis", "ovaries": "ovary", "bacteria": "bacteria",
    "neuroses": "neurosis", "psychoses": "psychosis", "stenoses": "stenosis",
    "prostheses": "prosthesis", "diagnoses": "diagnosis", "mycoses": "mycosis",
    "dermatoses": "dermatosis", "spirochetoses": "spirochetosis", "nephroses": "nephrosis",
    "rickettsioses": "rickettsiosis", "zoonoses": "zoonosis", "helminthiases": "helminthiasis",
    "leishmaniases": "leishmaniasis", "histiocytoses": "histiocytosis",
    "osteochondroses": "osteochondrosis", "fibromatoses": "fibromatosis",
    "spondylopathies": "spondylopathy", "arthropathies": "arthropathy",
    "myopathies": "myopathy", "neuropathies": "neuropathy", "nephropathies": "nephropathy",
    "encephalopathies": "encephalopathy", "cardiomyopathies": "cardiomyopathy",
    "retinopathies": "retinopathy", "dorsopathies": "dorsopathy", "anemias": "anemia",
    "leukemias": "leukemia", "lymphomas": "lymphoma", "carcinomas": "carcinoma",
    "sarcomas": "sarcoma", "melanomas": "melanoma", "edemas": "edema",
    "polyneuropathies": "polyneuropathy", "hemoglobinopathies": "hemoglobinopathy",
    "coagulopathies": "coagulopathy", "thalassemias": "thalassemia",
    "dystrophies": "dystrophy", "atrophies": "atrophy", "palsies": "palsy",
}


def singular(word: str) -> str:
    """Singular of one word of an ICD title ('diseases' -> 'disease')."""
    w = word
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w in KEEP_S or len(w) <= 3 or not w.endswith("s") or re.search(r"['/\d]", w):
        return w
    if any(w.endswith(k) for k in KEEP_S if len(k) >= 6):
        return w  # prediabetes, neuroherpes
    if w.endswith(("ias", "mas", "nas")) and len(w) > 5:
        return w[:-1]  # phobias, lymphomas, anginas
    if w.endswith(("ss", "us", "is", "ys", "as", "os", "xis", "ans", "ens")):
        return w  # abscess, lupus, psoriasis, migrans, lens
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes")):
        return w[:-2]
    if w.endswith("uses"):
        return w[:-2]
    if w.endswith("oses") and len(w) > 6:
        return w[:-4] + "osis"
    if w.endswith("ases") and w.endswith("iases"):
        return w[:-5] + "iasis"
    return w[:-1]


def singular_phrase(phrase: str, protect: frozenset[str] = frozenset()) -> str:
    """Singular of each word, except proper names ('islets of Langerhans')."""
    return " ".join(w if w in protect else singular(w) for w in phrase.split())


def proper_names(raw: str) -> frozenset[str]:
    """Lowercased words capitalised inside an ICD title (names, not plurals),
    acronyms, and the word before "disease"/"syndrome" ("Hers disease")."""
    ws = re.findall(r"[A-Za-z][\w'\-]*", raw)
    out = {w.lower() for w in ws[1:] if w[0].isupper()}
    out |= {w.lower() for w in ws if w.isupper() and len(w) > 1}
    out |= {a.lower() for a, b in zip(ws, ws[1:]) if b.lower() in ("disease", "syndrome")}
    return frozenset(out)


def acronyms_in(raw: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"\b[A-Z][A-Z0-9\-]+\b", raw)
                     if sum(c.isalpha() for c in w) >= 2)


def tidy(s: str) -> str:
    s = s.replace("’", "'").replace("`", "'")
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"\s+([,;:])", r"\1", s)
    s = re.sub(r"\(\s*\)|\[\s*\]", "", s)
    s = s.strip(" ,;:-/.")
    s = re.sub(r"\s+", " ", s)
    return s


# ---------------------------------------------------------------------------
# Title -> surface forms
# ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, order=True)
class Form:
    cost: int  # lower = closer to the source wording (chooses the entry's term)
    exact: int  # 0 if nothing with meaning was cut away (chooses the code)
    text: str
    whole: bool = False  # the whole title (or inclusion term), not a piece of it


# Bracketed acronyms that copy uses on their own ("fights HIV"); the others
# ("[MEN]", "[HIE]", "[FFI]") are kept only inside the full name.
KNOWN_ACRONYMS = {
    "hiv", "aids", "copd", "ards", "sars", "mers", "ibs", "ibd", "gerd", "adhd", "ocd",
    "ptsd", "sle", "nash", "nafld", "masld", "mash", "pcos", "bph", "uti", "dvt", "chf",
    "ckd", "esrd", "tia", "pid", "std", "sti", "hpv", "cfs", "pots", "sids", "scid",
    "hellp", "stemi", "nstemi", "mds", "cml", "cll", "aml", "tmj", "sibo", "als",
    "covid-19", "covid",
}
ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9\-]{1,7}$")
MODIFIER_WORDS = {"acute", "chronic", "primary", "essential", "idiopathic", "secondary",
                  "subacute", "congenital", "acquired"}
PROTECTED_COMMA = {
    "hand, foot and mouth disease": "hand foot and mouth disease",
    "hand, foot, and mouth disease": "hand foot and mouth disease",
}
PROTECTED_AND = {"hand foot and mouth disease", "foot and mouth disease",
                 "mixed anxiety and depressive disorder", "hand-foot-and-mouth disease",
                 "ear nose and throat"}


def initials_match(acronym: str, before: list[str]) -> int:
    """How many words before a bracketed acronym it abbreviates (0 if none)."""
    letters = re.sub(r"[^a-z]", "", acronym.lower())
    if not letters:
        return 0
    for n in range(1, min(len(before), 8) + 1):
        ws = before[-n:]
        parts = []
        for w in ws:
            parts.extend(p for p in re.split(r"[-/]", w) if p)
        if "".join(p[0].lower() for p in parts if p[0].isalpha()) == letters:
            return n
        # initials may skip "of", "and"
        sig = [p for p in parts if p.lower() not in ("of", "and", "the", "in")]
        if "".join(p[0].lower() for p in sig if p[0].isalpha()) == letters:
            return n
    return 0


def expand_brackets(text: str) -> list[tuple[str, int]]:
    """Square brackets hold synonyms or explanations: '[common cold]'.

    Returns (variant, cost) pairs: the text without the bracket, the bracket
    as a name of its own when it reads as one, and an acronym put in place of
    the words it abbreviates ('Human immunodeficiency virus [HIV] disease' ->
    'HIV disease')."""
    m = re.search(r"\[([^\]]*)\]", text)
    if not m:
        return [(text, 0)]
    inner = m.group(1).strip()
    before = text[: m.start()].strip()
    after = text[m.end():].strip()
    out: list[tuple[str, int]] = []
    for rest, c in expand_brackets(tidy(before + " " + after)):
        out.append((rest, c))
    bad_inner = re.search(r"\b(any|except|unspecified|other|stage|site|normal|including|"
                          r"margin|vision|behavior|surface|part)\b", inner, re.I)
    if ACRONYM_RE.match(inner):
        n = initials_match(inner, before.split())
        if n == len(before.split()) and not after:
            n = 0  # "Acute lymphoblastic leukemia [ALL]": the acronym alone
        if inner.lower() in KNOWN_ACRONYMS:
            out.append((inner, 2))
        if n and inner.lower() in KNOWN_ACRONYMS:
            replaced = " ".join(before.split()[:-n] + [inner] + ([after] if after else []))
            for v, c in expand_brackets(tidy(replaced)):
                out.append((v, c + 1))
    elif not bad_inner and inner and inner[0].islower() and "," not in inner and \
            not re.search(r"\s[A-Z]", inner):
        if (len(inner.split()) >= 2 and is_noun(inner)) or DISEASE_WORD.search(inner):
            out.append((inner, 0))
    return out


def expand_parens(text: str) -> list[tuple[str, int]]:
    """Parentheses hold words that may be present or absent ('nonessential
    modifiers'): 'Coryza (acute)' -> 'coryza', 'acute coryza';
    'Acute (viral) hepatitis' -> 'acute hepatitis', 'acute viral hepatitis'."""
    text = re.sub(r"\(s\)", "", text)
    text = re.sub(r"\(\s*(see|code|use|in|with|without|of|due to|or unknown|"
                  r"\d[^)]*|[^)]*\d{2}[^)]*)\b[^)]*\)", "", text, flags=re.I)
    parts = re.split(r"(\([^()]*\))", text)
    base_words: list[str] = []
    slots: list[tuple[int, str, bool]] = []  # (position in base words, content, at end)
    for p in parts:
        if p.startswith("(") and p.endswith(")"):
            slots.append((len(base_words), p[1:-1].strip(), False))
        else:
            base_words.extend(p.split())
    slots = [(pos, content, pos == len(base_words)) for pos, content, _ in slots]
    base = tidy(" ".join(base_words))
    out = [(base, 0)]
    if not slots:
        return out
    good = [(pos, c, end) for pos, c, end in slots
            if c and len(c.split()) <= 2 and "," not in c and not re.search(r"\d", c)
            and not re.search(r"\b(or|and|any|other|unspecified|nos|nec|see)\b", c, re.I)]
    end_slots = [s for s in good if s[2]]
    mid_slots = [s for s in good if not s[2]]
    # End parentheses modify the head: "hypertension (arterial) (primary)".
    for pos, c, _ in end_slots:
        if len(base_words) <= 3:
            out.append((tidy(c + " " + base), 1))
    # Middle parentheses: inline them, one at a time and all together.
    for pos, c, _ in mid_slots:
        prev = base_words[pos - 1].lower() if pos > 0 else ""
        nxt = base_words[pos].lower() if pos < len(base_words) else ""
        if nxt in ("of", "in", "with", "due", "of", "without") and pos > 0:
            # "Pseudotumor (inflammatory) of orbit": the word qualifies the head
            out.append((tidy(" ".join(base_words[: pos - 1] + [c, base_words[pos - 1]]
                                      + base_words[pos:])), 1))
            continue
        if prev in MODIFIER_WORDS and c.lower() in MODIFIER_WORDS:
            # "Essential (primary) hypertension": the bracketed word is an
            # alternative to the one before it, not an addition.
            out.append((tidy(" ".join(base_words[: pos - 1] + [c] + base_words[pos:])), 0))
            continue
        out.append((tidy(" ".join(base_words[:pos] + [c] + base_words[pos:])), 0))
    if len(mid_slots) > 1:
        ws = list(base_words)
        for pos, c, _ in sorted(mid_slots, reverse=True):
            ws.insert(pos, c)
        out.append((tidy(" ".join(ws)), 0))
    return out


LIST_QUALIFIER = re.compile(
    r"\b(unspecified|other|right|left|bilateral|acute|chronic|initial|subsequent|"
    r"sequela|nos|nec|not|with|without|due|in|of|type|stage|site|sites|part|parts|"
    r"intractable|recurrent|single|multiple|current|mild|moderate|severe|"
    r"classified|organism|uncomplicated|complicated|unilateral|ear|eye|hip|knee|"
    r"shoulder|elbow|wrist|hand|ankle|foot|leg|arm|thigh|vertebra)\b", re.I)

NOISE_TAIL = re.compile(
    r"^(unspecified|not otherwise specified|nos|nec|not elsewhere classified|"
    r"(of )?(right|left|bilateral|unilateral|unspecified)( \w+)?|"
    r"unspecified (side|eye|ear|site|organism|type|part)|site unspecified|"
    r"(right|left|unspecified) (eye|ear|side|hip|knee|shoulder|upper limb|lower limb)|"
    r"initial encounter|subsequent encounter|sequela|"
    r"not intractable|uncomplicated|in remission|"
    r"unspecified whether \w+( or \w+)?)$", re.I)


def split_commas(text: str) -> tuple[str, bool]:
    """Cut an ICD title at its first comma ('Cholera, unspecified' -> 'Cholera').

    Returns the head and whether the cut-away part was only noise (so the
    head names exactly what the code names). A comma list ('larynx, trachea
    and bronchus') is kept as a list."""
    low = text.lower()
    for k, v in PROTECTED_COMMA.items():
        if k in low:
            text = re.sub(re.escape(k), v, text, flags=re.I)
    if "," not in text:
        return text, True
    head, _, tail = text.partition(",")
    segs = [s.strip() for s in tail.split(",")]
    last = segs[-1]
    if re.search(r"\b(and|or)\b", last) and all(
            len(s.split()) <= 3 and not LIST_QUALIFIER.search(s) for s in segs[:-1]) and \
            not LIST_QUALIFIER.search(re.sub(r"\b(and|or)\b", "", last)):
        # an enumeration: "A of B, C and D"
        return tidy(head + " and " + " and ".join(s.replace(" or ", " and ") for s in segs)), True
    exact = all(NOISE_TAIL.match(s.strip()) for s in segs if s.strip())
    return tidy(head), exact


TAIL_CUTS = re.compile(
    r"\s+(with(out)?|due to|in diseases classified elsewhere|classified elsewhere|"
    r"complicating|following|associated with|affecting|involving|not specified as|"
    r"specified as|not elsewhere classified|in remission|in relapse|"
    r"arising in|resulting from|induced by|caused by|of (the )?(right|left|unspecified) \w+|"
    r"in (the )?(puerperium|pregnancy|childbirth|newborn|labor)|"
    r"(,|\s)not intractable|(,|\s)intractable|as the cause of|as cause of)\b.*$", re.I)

IN_CUT = re.compile(r"\s+in\s+(?!situ\b).*$", re.I)


def cut_tails(text: str) -> tuple[str, bool]:
    """'Type 2 diabetes mellitus without complications' -> 'Type 2 diabetes mellitus'."""
    t = TAIL_CUTS.sub("", text)
    exact = t == text
    if re.match(r"^(pain|stone|calculus|cyst|ulcer|abscess|infection) in \w+$", t, re.I):
        return t, exact
    t2 = IN_CUT.sub("", t)
    return t2, exact and t2 == t


PREFIX_NOISE = re.compile(
    r"^((other and unspecified|other specified|unspecified|other|certain|"
    r"specified|ill-defined|and|or)\s+)+", re.I)
SIDE_NOISE = re.compile(
    r"\b(of )?(the )?(right|left|bilateral|unilateral|unspecified) (eye|ear|side|eyelid|"
    r"upper eyelid|lower eyelid|orbit)s?\b", re.I)
WORD_NOISE = re.compile(
    r"\b(not elsewhere classified|not otherwise specified|nos|nec|right|left|bilateral|"
    r"unilateral|unspecified side|of unspecified side)\b", re.I)


def denoise(text: str) -> str:
    t = PREFIX_NOISE.sub("", text)
    if re.search(r"\b(right|left|bilateral|unilateral)\b", t, re.I) and \
            not re.search(r"\b(heart|ventricular|atrial|bundle|sided)\b", t, re.I):
        t = SIDE_NOISE.sub("", t)
    t = WORD_NOISE.sub("", t)
    t = re.sub(r"\bof (the )?(eye|ear|side)$", "", t.strip(), flags=re.I) if re.search(
        r"\b(right|left)\b", text, re.I) else t
    t = tidy(t)
    t = re.sub(r"\b(of|and|or|in|the|with)$", "", t).strip()
    t = re.sub(r"\b(of|and|or) (of|and|or)\b", r"\1", t)
    return tidy(t)


SPLIT_RE = re.compile(r",\s*|(?<![\w-])(?:and/or|and|or)(?![\w-])", re.I)


def split_and(text: str) -> list[str]:
    """'Typhoid and paratyphoid fevers' -> 'typhoid fever', 'paratyphoid fever';
    'Malignant neoplasm of bronchus and lung' -> '... of bronchus', '... of lung'."""
    t = text.lower()
    if t in PROTECTED_AND or not SPLIT_RE.search(t):
        return [text]
    out: list[str] = []
    prep = " of " if " of " in t else (" in " if t.startswith("pain in ") else "")
    if prep:
        head, _, rest = text.partition(prep)
        if SPLIT_RE.search(head):
            heads = split_and(head)
        else:
            heads = [head]
        items = [i.strip() for i in SPLIT_RE.split(rest) if i.strip()]
        # "of bone and articular cartilage of limbs": the last item's "of" tail
        # belongs to all; keep it simple and take the items as they are.
        for h in heads:
            for i in items:
                out.append(f"{h}{prep}{i}")
        return out
    items = [i.strip() for i in SPLIT_RE.split(text) if i.strip()]
    if len(items) < 2:
        return [text]
    first, last = items[0].split(), items[-1].split()
    if len(first) >= 2 and all(len(i.split()) == 1 and DISEASE_WORD.search(i) for i in items[1:]):
        # distribute the shared head: "varicella encephalitis, myelitis and ..."
        lead = " ".join(first[:-1])
        out.append(items[0])
        for i in items[1:]:
            out.append(f"{lead} {i}")
        return out
    if all(len(i.split()) == 1 for i in items) and any(is_head(i) for i in items):
        # "Glanders and melioidosis": a list of one-word names
        return items
    # distribute the shared tail to the items that lack a noun of their own:
    # "typhoid and paratyphoid fevers", "systolic and diastolic heart failure"
    tail = " ".join(last[1:]) if len(last) >= 2 else ""
    for i in items[:-1]:
        if is_head(i.split()[-1]) and (len(i.split()) > 1 or DISEASE_WORD.search(i)):
            out.append(i)
        elif tail and not is_head(i.split()[-1]):
            out.append(f"{i} {tail}")
    if len(last) > 1 or DISEASE_WORD.search(items[-1]):
        out.append(items[-1])
    return out


# One-word names: only these endings (or a one-word ICD title of its own)
# make a single word a disease name ("colitis", not "break" or "pressure").
DISEASE_WORD = re.compile(
    r"(itis|osis|oses|iasis|asis|esis|ysis|oma|emia|aemia|pathy|algia|dynia|cele|rrhea|"
    r"rrhagia|rrhage|plegia|paresis|trophy|plasia|ectasis|ectasia|megaly|lithiasis|ism|"
    r"pox|phobia|philia|mania|uria|ptysis|ptosis|spasm|oedema|edema|cytosis|penia|"
    r"iasis|pnea|noea|thermia|glycemia|kalemia|natremia|calcemia|ocele|ostomy|iasis|"
    r"cephaly|dactyly|schisis|atresia|plasty|tropia|opia|opsia|acusis|osmia|geusia|"
    r"phagia|phasia|praxia|lexia|nesia|kinesia|tonia|taxia|sthenia|ergia|lalia|"
    r"gnosia|somnia|thymia|phrenia|plegia|ologia|ectomy|itides|ids|ides|ia)$")

NOUN_END = re.compile(
    r"(itis|osis|iasis|asis|esis|ysis|oma|omas|emia|aemia|pathy|algia|cele|rrhea|rrhage|"
    r"plegia|paresis|trophy|plasia|ectasis|ectasia|megaly|lith|ism|ia|ea|ure|sy|cy|ness|"
    r"er|or|ion|ment|ity|age|ance|ence|ague|ies|ers|ax|ox|ix|ex|us|um|on|ine|yte|cyst|"
    r"stone|pox|ache|pain|fever|rash|wart|boil|gout|croup|scab|cold|flu|ulcer|sore|"
    r"block|tic|ring|ism|nt|ft|lip|palate|foot|toe|hand|head|eye|ear|nail|hair|"
    r"burn|bite|sting|worm|mite|fluke|louse|lice|ncer|ps|tus|vus|ma)$")
NOT_NOUN = {"acute", "chronic", "primary", "secondary", "systolic", "diastolic", "congenital",
            "acquired", "juvenile", "senile", "viral", "bacterial", "typhoid", "paratyphoid",
            "malignant", "benign", "mild", "severe", "moderate", "recurrent", "single",
            "combined", "mixed", "partial", "complete", "total", "infectious", "toxic",
            "intermittent", "persistent", "inherited", "familial", "hereditary"}


HEAD_NOUNS = {
    "disease", "disorder", "syndrome", "fever", "palsy", "deficiency", "dependence", "abuse",
    "addiction", "poisoning", "intoxication", "withdrawal", "infection", "infestation",
    "cancer", "tumor", "carcinoma", "sarcoma", "lymphoma", "leukemia", "melanoma", "growth",
    "attack", "failure", "arrest", "block", "murmur", "stroke", "cold", "flu", "pox",
    "ulcer", "sore", "wound", "burn", "bite", "sting", "blister", "wart", "boil", "rash",
    "itch", "hives", "acne", "scar", "lesion", "nodule", "cyst", "polyp", "stone", "mass",
    "abscess", "fistula", "hernia", "prolapse", "fracture", "sprain", "strain", "tear",
    "rupture", "dislocation", "injury", "concussion", "pain", "ache", "headache", "cramp",
    "spasm", "tremor", "tic", "seizure", "fit", "convulsion", "coma", "shock", "collapse",
    "loss", "deafness", "blindness", "vision", "hearing", "defect", "anomaly", "malformation",
    "deformity", "foot", "feet", "toe", "finger", "hand", "elbow", "knee", "leg", "hip",
    "shoulder", "neck", "back", "lip", "palate", "tongue", "eye", "ear", "nose", "tooth",
    "teeth", "nail", "hair", "skin", "heart", "kidney", "liver", "lung", "bladder",
    "bowel", "colon", "gut", "stomach", "throat", "mouth", "breath", "breathing",
    "cough", "wheeze", "bleeding", "bleed", "hemorrhage", "discharge", "incontinence",
    "retention", "obstruction", "stenosis", "stricture", "insufficiency", "regurgitation",
    "thrombosis", "embolism", "infarction", "aneurysm", "dissection", "occlusion",
    "ischemia", "hypertension", "hypotension", "arrhythmia", "fibrillation", "flutter",
    "tachycardia", "bradycardia", "palpitation", "angina", "cardiomyopathy", "inflammation",
    "swelling", "enlargement", "hypertrophy", "atrophy", "degeneration", "dystrophy",
    "dysplasia", "fibrosis", "sclerosis", "necrosis", "gangrene", "sepsis", "edema",
    "effusion", "anemia", "jaundice", "dementia", "delirium", "psychosis", "depression",
    "anxiety", "mania", "phobia", "fear", "panic", "insomnia", "apnea", "narcolepsy",
    "disability", "delay", "retardation", "impairment", "dysfunction", "reaction",
    "allergy", "intolerance", "sensitivity", "hypersensitivity", "overload", "imbalance",
    "excess", "overgrowth", "paralysis", "weakness", "numbness", "tingling", "vertigo",
    "dizziness", "fainting", "blackout", "nausea", "vomiting", "diarrhea", "constipation",
    "colic", "reflux", "heartburn", "indigestion", "cirrhosis", "hepatitis", "mole",
    "birthmark", "freckle", "spot", "patch", "plaque", "lump", "bump", "node", "gland",
    "eczema", "psoriasis", "dandruff", "baldness", "lice", "louse", "worm", "fluke",
    "mite", "scabies", "thrush", "tie", "lip", "foot", "spine", "back", "curvature",
    "instability", "stiffness", "contracture", "pregnancy", "abortion", "miscarriage",
    "labor", "birth", "previa", "accreta", "abruption", "eclampsia", "preeclampsia",
    "mellitus", "diabetes", "insipidus", "obesity", "gout", "arthritis", "rickets",
    "aids", "hiv", "covid-19", "measles", "mumps", "rubella", "shingles", "herpes",
    "zoster", "lupus", "tuberculosis", "syphilis", "gonorrhea", "chlamydia",
    "chickenpox", "smallpox", "plague", "tetanus", "rabies", "malaria", "cholera",
    "typhoid", "dysentery", "diphtheria", "pertussis", "polio", "leprosy", "anthrax",
    "botulism", "influenza", "pneumonia", "bronchitis", "asthma", "emphysema",
    "terror", "nightmare", "sleepwalking", "walking", "wetting", "stuttering", "stammer",
    "hallucination", "delusion", "personality", "identity", "behavior", "habit",
    "dependence", "use disorder", "tendency", "thought", "compulsion", "obsession",
    "vessel", "artery", "vein", "valve", "cornea", "retina", "lens", "cataract", "glaucoma",
    "keratitis", "conjunctivitis", "blepharitis", "eyelid", "drop", "droop", "ptosis",
    "squint", "crossed eye", "lazy eye", "cleft", "clubfoot", "clubhand", "chest",
    "syndactyly", "polydactyly", "migraine", "neuralgia", "neuritis", "neuropathy",
    "inflammatory", "status", "state", "elevation", "deviation", "crisis", "complex",
    "complication", "dermatitis", "exanthem", "erythema", "purpura", "hemophilia",
    "thrombocytopenia", "neutropenia", "sickle", "trait", "condition", "problem",
}


HEAD_NOUNS |= {
    "hemorrhoid", "bunion", "carbuncle", "furuncle", "caries", "cataract", "chorea",
    "gallstone", "pleurisy", "sciatica", "lumbago", "vitiligo", "yaws", "varicella",
    "beriberi", "convulsion", "emphysema", "epilepsy", "hydrocephalus", "hypospadias",
    "narcolepsy", "pneumothorax", "strabismus", "malocclusion", "megacolon", "pica",
    "kernicterus", "xanthelasma", "chalazion", "ectropion", "entropion", "pterygium",
    "drunkenness", "immunodeficiency", "malabsorption", "hangnail", "chloasma",
    "erythema", "trisomy", "hydrops", "megaesophagus",
}
# Last words that show a form is a piece of a title, not a name.
NON_HEAD_LAST = {
    "body", "medium", "product", "milk", "agent", "factor", "originating", "canal",
    "tissue", "count", "change", "antibody", "coli", "pneumoniae", "virus", "bacteria",
    "bacterium", "newborn", "acute", "chronic", "simple", "acquired", "congenital",
    "primary", "secondary", "recurrent", "plus", "zero", "absence", "use", "origin",
    "site", "type", "form", "unit", "level", "status", "sequela", "organism", "cause",
    "tract", "tracts", "gland", "system", "cavity",
}


def is_head(word: str) -> bool:
    """Whether a word can end a disease name ("attack", "colitis"; not "medium")."""
    return word in HEAD_NOUNS or bool(DISEASE_WORD.search(word)) or word.endswith("'s")


def is_noun(word: str) -> bool:
    """Whether a word can end a disease name ('colitis', 'fever', not 'systolic')."""
    w = word.split()[-1] if word.split() else word
    return w not in NOT_NOUN and bool(NOUN_END.search(w))


VAGUE_SITES = {"fat", "back", "trunk", "thorax", "abdomen", "pelvis", "face", "head", "limb",
               "upper limb", "lower limb", "shoulder", "hip", "perineum", "axilla", "groin",
               "endocrine gland", "gland", "unknown primary", "specified site"}


def neoplasm_forms(text: str) -> list[tuple[str, int]] | None:
    """'malignant neoplasm of lung' -> 'lung cancer', 'cancer of the lung'."""
    m = re.match(r"^(primary |secondary |)(malignant|benign) neoplasm of (the )?(.+)$", text)
    if m and re.search(r"\b(two or more|contiguous|overlapping|sites?|parts?|point of origin|"
                       r"ill-defined|unspecified|other)\b", text):
        return []
    if m:
        kind, grade, organ = m.group(1).strip(), m.group(2), m.group(4).strip()
        if " of " in organ:
            organ = organ.rsplit(" of ", 1)[1]
        organ = re.sub(r"^(female|the)\s+", "", organ)
        if len(organ.split()) > 2 or organ in VAGUE_SITES or re.search(
                r"\b(site|sites|part|parts|organ|organs|structure|unspecified|other)\b", organ):
            return []
        major = organ in ORGAN_ADJECTIVE
        names = [organ] + ORGAN_ADJECTIVE.get(organ, [])
        out: list[tuple[str, int]] = []
        for i, n in enumerate(dict.fromkeys(names)):
            c = 0 if i == 0 else 1
            if grade == "malignant" and kind == "secondary":
                out.append((f"{n} metastasis", c + 1))
                if major:
                    out += [(f"secondary {n} cancer", c + 1), (f"metastatic {n} cancer", c + 2)]
            elif grade == "malignant":
                out.append((f"{n} cancer", c))
                if i == 0 and not major:
                    out.append((f"cancer of the {organ}", 1))
                if major:
                    out += [(f"{n} tumor", c + 2), (f"{n} carcinoma", c + 2)]
                    if i == 0:
                        out.append((f"cancer of the {organ}", 1))
            elif i == 0:
                out.append((f"benign {n} tumor", c + 1))
                out.append((f"{n} tumor", c + 2))
        return out
    m = re.match(r"^(carcinoma|melanoma) in situ of (the )?(.+)$", text)
    if m:
        organ = m.group(3).rsplit(" of ", 1)[-1].strip()
        organ = re.sub(r"^(female|the)\s+", "", organ)
        if len(organ.split()) > 2 or re.search(r"\b(site|sites|part|parts|organ|organs|"
                                                 r"unspecified|other|system)\b", organ):
            return []
        return [(f"{organ} {m.group(1)} in situ", 1), (f"{m.group(1)} in situ of the {organ}", 2)]
    if re.match(r"^neoplasm of (uncertain|unspecified) behavior", text):
        return []
    return None


def reorder(text: str) -> list[tuple[str, int]]:
    """'abscess of lung' -> 'lung abscess'; 'pain in knee' -> 'knee pain'."""
    out: list[tuple[str, int]] = []
    m = re.match(r"^(.+?) (of|in) (the )?(.+)$", text)
    if not m:
        return out
    head, prep, organ = m.group(1), m.group(2), m.group(4)
    if " of " in organ or " in " in organ or len(organ.split()) > 2:
        return out
    hw = head.split()
    last = hw[-1]
    if last in REORDER_HEADS and (prep == "of" or len(hw) == 1) and (
            len(hw) == 1 or (len(hw) == 2 and hw[0] in REORDER_MODIFIERS)):
        out.append((f"{organ} {head}" if len(hw) == 1 else f"{hw[0]} {organ} {last}", 0))
        out.append((f"{head} {prep} the {organ}", 1))
    return out


def organ_variants(text: str) -> list[str]:
    """'ulcer of esophagus' gave 'esophagus ulcer'; add 'esophageal ulcer'.
    'gastric ulcer' -> 'stomach ulcer'. Only before a lesion noun."""
    ws = text.split()
    if len(ws) < 2 or ws[-1] not in REORDER_HEADS:
        return []
    organ = " ".join(ws[:-1])
    out = []
    if organ in ORGAN_NOUN_FOR:
        organ = ORGAN_NOUN_FOR[organ]
        out.append(f"{organ} {ws[-1]}")
    if organ in ORGAN_PAIRS and ORGAN_PAIRS[organ] != organ:
        out.append(f"{ORGAN_PAIRS[organ]} {ws[-1]}")
    if len(ws) == 2 and ws[0] in ADJ_TO_ORGAN:
        out.append(f"{ADJ_TO_ORGAN[ws[0]]} {ws[-1]}")
    if ws[-1] in ("disease", "disorder", "infection", "cancer", "inflammation") and (
            organ in ORGAN_PAIRS or organ in ORGAN_ADJECTIVE):
        out.append(f"{ws[-1]} of the {organ}")
    return out


def strip_modifiers(text: str) -> list[str]:
    ws = text.split()
    out = []
    if len(ws) >= 2 and ws[0] in STRIPPABLE and ws[1] not in STRIP_GUARD \
            and not (len(ws) == 2 and ws[1] in ("disease", "disorder", "syndrome")):
        rest = ws[1:]
        if len(rest) <= 2:
            out.append(" ".join(rest))
    return out


def renames(text: str) -> list[str]:
    out = []
    for pat, rep in RENAMES:
        if re.search(pat, text):
            new = tidy(re.sub(pat, rep, text))
            if new != text:
                out.append(new)
    out.extend(organ_variants(text))
    m = re.match(r"^type ([12]) diabetes$", text)
    if m:
        out.append(f"diabetes type {m.group(1)}")
    return out


# Words that the tabular list capitalises inside a title (proper names), filled
# by candidates(); "Hodgkin lymphoma" -> also "Hodgkin's lymphoma".
NAMES: set[str] = set()
EPONYM_HEADS = {"disease", "syndrome", "lymphoma", "palsy", "sarcoma", "disorder",
                "anomaly", "cyst", "ulcer", "arthropathy", "tumor", "phenomenon",
                "dystrophy", "encephalopathy", "neuralgia", "paralysis", "chorea",
                "contracture", "thyroiditis", "fever", "node", "elbow"}


# Only before these is "Name" -> "Name's" safe ("Hodgkin's lymphoma", but not
# "Rift Valley's fever").
EPONYM_ADD_HEADS = {"disease", "syndrome", "lymphoma", "palsy", "sarcoma", "phenomenon",
                    "chorea", "neuralgia", "dystrophy", "encephalopathy"}


def eponym_variants(t: str) -> list[tuple[str, int]]:
    """"crohn's disease" <-> "crohn disease": both are written."""
    out = []
    m = re.search(r"\b([a-z][a-z\-]+)'s (\w+)", t)
    if m and m.group(2) in EPONYM_HEADS:
        out.append((t[: m.start()] + m.group(1) + t[m.end(1) + 2:], 1))
    else:
        for w in t.split()[:-1]:
            i = t.split().index(w)
            nxt = t.split()[i + 1]
            if w in NAMES and nxt in EPONYM_ADD_HEADS and "'" not in w:
                ws = t.split()
                ws[i] = w + "'s"
                out.append((" ".join(ws), 1))
                break
    return out


RAW_SKIP = re.compile(r"two or more|contiguous sites|overlapping sites|point of origin|"
                      r"ill-defined sites|classifiable to|listed under|diagnosed by", re.I)


def surface_forms(raw: str) -> list[Form]:
    """Every surface form a title or inclusion term yields, before filtering."""
    results: dict[str, Form] = {}
    protect = proper_names(raw)

    def add(text: str, cost: int, exact: int, whole: bool = False) -> None:
        t = tidy(text.lower())
        t = singular_phrase(t, protect)
        t = tidy(re.sub(r"\b(of|and|or|in|the|with|by|to|from)$", "", t))
        if not t:
            return
        for v, extra in [(t, 0)] + eponym_variants(t):
            for w in dict.fromkeys([v, ascii_fold(v)]):
                f = Form(cost + extra, exact, w, whole)
                if w not in results or f < results[w]:
                    results[w] = f

    if RAW_SKIP.search(raw):
        return []
    core = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", raw).split(",")[0]
    core = re.sub(r"\b(NOS|NEC|unspecified|Unspecified|other|Other)\b", "", core)
    one_word = len(core.split()) == 1
    text = tidy(raw.replace("’", "'"))
    # "fructose-1,6-diphosphatase": a comma inside a chemical name is no list
    text = re.sub(r"(\d),(\d)", "\\1§\\2", text)
    # "Gingivitis (chronic) NOS": the NOS would hide that the parenthesis ends the name
    text = tidy(re.sub(r"\b(NOS|NEC)\b", "", text))
    for b_text, b_cost in expand_brackets(text):
        for p_text, p_cost in expand_parens(b_text):
            head, comma_exact = split_commas(p_text)
            head = denoise(head)
            cut, tail_exact = cut_tails(head)
            cut = denoise(cut)
            exact = 0 if (comma_exact and tail_exact) else 1
            base_cost = b_cost + p_cost + (0 if exact == 0 else 1)
            parts = split_and(cut)
            for part in parts:
                part = denoise(part)
                low = singular_phrase(part.lower(), protect)
                low = re.sub(r"\bof the\b", "of", low)
                neo = neoplasm_forms(low)
                if neo is not None:
                    for t, c in neo:
                        add(t, base_cost + c, exact)
                    continue
                # A reordered title replaces the clinical "A of B" wording.
                variants = reorder(low) or [(low, 0)]
                for v, c in list(variants):
                    for s in strip_modifiers(v):
                        variants.append((s, c + 1))
                for v, c in list(variants):
                    for r in renames(v):
                        variants.append((r, c))
                        for s in strip_modifiers(r):
                            variants.append((s, c + 1))
                for v, c in variants:
                    add(v, base_cost + c, exact if c == 0 else 1, one_word and v == low)
    return sorted(results.values(), key=lambda f: (f.cost, f.text))


GENERIC_PATTERNS = [
    re.compile(p) for p in (
        r"^(condition|abnormality|anomaly|malformation|deformity|"
        r"complication|lesion|symptom|finding|problem|dysfunction|injury)s? (of|in)\b",
        r"^(disease|disorder)s? (of|in) (the )?(\w+ )?(function|development|"
        r"balance|metabolism|electrolyte|secretion|mobility|size|shape|form)\b",
        r"\btype of\b",
        r" use$", r"- ", r" of the (tract|duct|system|gland|structure|organ|vessel|region)$", r"^(description|complication)s? of",
        r" (type|form|variant)$",
        r" status$",
        r"^(congenital|acquired|acute|chronic) (disease|disorder|condition|anomaly|"
        r"malformation|deformity|lesion)$",
        r"^(\w+ )?(change|changes|effect|effects|state)$",
        r"\bdisorder of (function|development)\b",
        r"^(hereditary|familial|congenital|infectious|viral|bacterial|parasitic|"
        r"nutritional|metabolic|endocrine|immune|mental|behavioral|nervous|organic|"
        r"functional|degenerative|systemic|inflammatory|allergic|toxic|"
        r"drug-induced|alcohol-induced|psychoactive) (disease|disorder|condition|"
        r"syndrome|infection|reaction|effect)$",
        r"\b(long term|long-term|current use|use of)\b",
        r"^(personal|family) ",
        r"\b(encounter|admission|aftercare|follow-up)\b",
        r"\bin situ of\b",
    )
]


def is_generic(t: str) -> bool:
    return any(p.search(t) for p in GENERIC_PATTERNS)


def acceptable(t: str, never: set[str]) -> bool:
    ws = t.split()
    if not ws or len(ws) > MAX_WORDS:
        return False
    if len(re.sub(r"[^a-z0-9]", "", ascii_fold(t))) < 3:
        return False
    if key(t) in never or plural_key(t) in never:
        return False
    if t not in BAD_WORD_EXCEPTIONS and any(w.strip("'") in BAD_WORDS for w in re.split(r"[\s/]+", t)):
        return False
    if is_generic(t):
        return False
    if re.search(r"[^a-z0-9 '\-./+éèëöüäçñáíóúâêîôûàìòùï]", t):
        return False
    if re.search(r"\d", t) and not re.search(
            r"\b(type [1-4][a-z]?|covid-19|h[15]n1|h7n9|\d+(st|nd|rd|th)|trisomy \d+|"
            r"[a-z]+-?\d+[a-z]*|\d+[a-z]+|\d+-[a-z]+)\b", t):
        return False
    if re.search(r"^(a|an|the|of|and|or|in|to|by|for|as|at|on|not|no|due|from)(\s|$)", t):
        return False
    if re.search(r"(^|\s)(a|an|or|and|to|by|for|as|on|not|from|than|at|of|in|the)$", t):
        return False
    return True


# ---------------------------------------------------------------------------
# Reading the source
# ---------------------------------------------------------------------------


@dataclasses.dataclass
class Source:
    wheel_name: str
    wheel_version: str
    xml_name: str
    xml_version: str
    root: ET.Element


def read_wheel(path: Path) -> Source:
    name = path.name
    m = re.match(r"simple_icd_10_cm-([^-]+)-", name)
    version = m.group(1) if m else "unknown"
    with zipfile.ZipFile(path) as z:
        xmls = sorted(n for n in z.namelist()
                      if re.search(r"simple_icd_10_cm/data/icd10c?m?-?tabular.*\.xml$", n))
        if not xmls:
            raise SystemExit(f"{path}: no ICD-10-CM tabular XML inside")
        xml_path = xmls[-1]
        with z.open(xml_path) as fh:
            root = ET.parse(fh).getroot()
        for n in z.namelist():
            if n.endswith(".dist-info/METADATA"):
                meta = z.read(n).decode("utf-8", "replace")
                mv = re.search(r"^Version:\s*(\S+)", meta, re.M)
                if mv:
                    version = mv.group(1)
    return Source(name, version, os.path.basename(xml_path), root.findtext("version") or "", root)


def download_wheel(dest: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                    "-d", str(dest), "simple-icd-10-cm"], check=True)
    wheels = sorted(dest.glob("simple_icd_10_cm-*.whl"))
    if not wheels:
        raise SystemExit("pip download gave no simple_icd_10_cm wheel")
    return wheels[-1]


@dataclasses.dataclass
class Node:
    code: str
    chapter: int
    desc: str
    notes: list[str]  # inclusion terms and category-level "includes" notes
    parent: str | None


def iter_nodes(root: ET.Element):
    for ch in root.findall("chapter"):
        chapter = int(ch.findtext("name"))
        for sec in ch.findall("section"):
            stack = [(d, None) for d in reversed(sec.findall("diag"))]
            while stack:
                d, parent = stack.pop()
                code = d.findtext("name").strip()
                notes = []
                for tag in ("inclusionTerm", "includes"):
                    for block in d.findall(tag):
                        notes.extend((n.text or "").strip() for n in block.findall("note"))
                yield Node(code, chapter, (d.findtext("desc") or "").strip(), notes, parent)
                for c in reversed(d.findall("diag")):
                    stack.append((c, code))


def in_scope(code: str) -> bool:
    letter = code[0]
    if letter in FULL_LETTERS:
        return True
    if letter == "O":
        return code.startswith(O_KEEP)
    if letter == "R":
        return code.startswith(R_KEEP)
    if letter == "U":
        return code.startswith(U_KEEP)
    return False


# ---------------------------------------------------------------------------
# The repo's hand-written lexicons (read, never written)
# ---------------------------------------------------------------------------


def read_lexicon_spellings(path: Path) -> list[tuple[list[str], bool]]:
    """(spellings, has_qualifiers) for each entry of one of the repo's lexicons.

    A small reader for the subset of YAML those files use (block list of
    maps with flow lists), so the generator needs no YAML library."""
    entries: list[tuple[list[str], bool]] = []
    if not path.exists():
        return entries
    cur: list[str] | None = None
    qual = False

    def flow(v: str) -> list[str]:
        v = v.strip()
        def unq(x: str) -> str:
            x = x.strip()
            if len(x) >= 2 and x[0] == x[-1] and x[0] in "\"'":
                return x[1:-1]
            return x
        if v.startswith("[") and v.endswith("]"):
            return [unq(x) for x in next(csv.reader([v[1:-1]], skipinitialspace=True))
                    if x.strip()]
        return [unq(v)]

    for line in path.read_text(encoding="utf-8").splitlines():
        s = line.split(" #")[0].rstrip() if not line.lstrip().startswith("#") else ""
        if not s.strip():
            continue
        m = re.match(r"^\s*-\s+term:\s*(.+)$", s)
        if m:
            if cur is not None:
                entries.append((cur, qual))
            cur, qual = flow(m.group(1)), False
            continue
        m = re.match(r"^\s*-\s+([^:]+)$", s)
        if m and cur is None and not s.strip().startswith("- term"):
            entries.append((flow(m.group(1)), False))
            continue
        m = re.match(r"^\s+aliases:\s*(.+)$", s)
        if m and cur is not None:
            cur.extend(flow(m.group(1)))
            continue
        if re.match(r"^\s+qualifiers:", s) and cur is not None:
            qual = True
    if cur is not None:
        entries.append((cur, qual))
    return entries


def repo_exclusions(lexicon_dir: Path, consumer: Path | None = None) -> tuple[set[str], set[str]]:
    """Keys never to emit: the spellings of the qualified entries of
    conditions.yaml (the hand-written entry wins and carries its qualifiers),
    and everything that the deficiency-disease, biomarker, disease-vector
    and consumer lexicons already hold for a rule of their own."""
    qualified: set[str] = set()
    others: set[str] = set()
    for spellings, q in read_lexicon_spellings(lexicon_dir / "conditions.yaml"):
        if q:
            qualified.update(key(s) for s in spellings)
    for name in ("deficiency-diseases.yaml", "biomarkers.yaml", "disease-vectors.yaml"):
        for spellings, _ in read_lexicon_spellings(lexicon_dir / name):
            others.update(key(s) for s in spellings)
    # the curated consumer layer (written by hand, beside the output) wins
    if consumer is not None:
        for spellings, _ in read_lexicon_spellings(consumer):
            others.update(key(s) for s in spellings)
            others.update(plural_key(s) for s in spellings)
    return qualified, others


def read_ambiguous(path: Path) -> dict[str, tuple[str, str]]:
    """key(spelling) -> (condition, why) from ambiguous.tsv."""
    out: dict[str, tuple[str, str]] = {}
    if not path.exists():
        return out
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "word":
                continue
            word, _freq, cond, why = (row + ["", "", ""])[:4]
            out[key(word)] = (cond.strip(), why.strip())
    return out


# ---------------------------------------------------------------------------
# Building the lexicon
# ---------------------------------------------------------------------------


@dataclasses.dataclass
class Candidate:
    text: str
    code: str
    exact: int
    cost: int

    def rank(self) -> tuple:
        # the most general code that names the spelling exactly
        return (self.exact, len(self.code.replace(".", "")), self.code, self.cost)


PREGNANCY_OR_NEWBORN = re.compile(
    r"(gestation|pregnan|puerper|postpartum|postnatal|peripartum|eclampsia|hellp|placent|"
    r"amnio|hydramnios|membrane|labor|abortion|miscarriage|ectopic|tubal|mole|hyperemesis|"
    r"newborn|neonat|perinatal|fetal|infant|congenital|birth|obstetric|premature)")


def collect_names(root: ET.Element) -> set[str]:
    names, lower = set(), set()
    for el in list(root.iter("desc")) + list(root.iter("note")):
        ws = re.findall(r"[A-Za-z][\w'\-]*", el.text or "")
        names |= {w.lower() for w in ws[1:] if w[0].isupper() and not w.isupper()}
        lower |= {w for w in ws if w.islower()}
    # a name is never written in lowercase ("Hodgkin", not "Deficiency")
    names = {n for n in names if n not in lower and n.replace("'s", "") not in lower}
    names = {n.replace("'s", "").rstrip("'") for n in names if len(n) > 2}
    return {n for n in names if n.isalpha() and not n.isupper()}


def candidates(root: ET.Element) -> list[Candidate]:
    """Every (spelling, code) pair the tabular list yields, before filtering."""
    NAMES.clear()
    NAMES.update(collect_names(root))
    out: list[Candidate] = []
    for node in iter_nodes(root):
        if not in_scope(node.code):
            continue
        sources = [(node.desc, 0)] + [(n, 2) for n in node.notes if n]
        for text, base in sources:
            for f in surface_forms(text):
                if " " not in f.text and f.text in acronyms_in(text) and \
                        f.text not in KNOWN_ACRONYMS:
                    # "PRES", "TACO", "PIN": acronyms copy does not use alone
                    continue
                if " " not in f.text and not f.whole and not is_head(f.text):
                    # a single word cut out of a longer title ("break", "pressure")
                    continue
                if " " in f.text and f.text.split()[-1] in NON_HEAD_LAST:
                    # a name ends in what it names; "contrast medium",
                    # "loose body", "sinusitis chronic" do not
                    continue
                if node.code[0] in "OP" and f.exact and not PREGNANCY_OR_NEWBORN.search(f.text):
                    # "Infection of bladder following delivery" names a
                    # complication of pregnancy, not "bladder infection"
                    continue
                out.append(Candidate(f.text, node.code, f.exact, f.cost + base))
    for code, forms in INJURY_FORMS.items():
        for i, t in enumerate(forms):
            out.append(Candidate(t, code, 0, i))
    return out


# Nouns in -y whose -ies plural copy writes ("food allergies", "sports injuries").
PLURAL_IES = {"allergy", "injury", "deformity", "abnormality", "anomaly", "palsy",
              "artery", "ovary", "cavity", "polyneuropathy", "dystonia"}


def build(root: ET.Element, lexicon_dir: Path, ambiguous: dict[str, tuple[str, str]],
          consumer: Path | None = None) -> list[dict]:
    qualified, others = repo_exclusions(lexicon_dir, consumer)
    never = {key(w) for w in NEVER} | qualified | others
    best: dict[str, Candidate] = {}
    seen_text: dict[str, str] = {}
    injury_texts = {t for forms in INJURY_FORMS.values() for t in forms}
    for c in candidates(root):
        if c.text not in injury_texts and not acceptable(c.text, never):
            continue
        if c.text in injury_texts and key(c.text) in never:
            continue
        k = key(c.text)
        if k not in best or c.rank() < best[k].rank() or (
                c.rank() == best[k].rank() and c.text < best[k].text):
            best[k] = c
    # The matcher adds plural s/es itself: of "wart" and "warts" keep "wart".
    keys = set(best)
    for k in sorted(keys):
        pk = plural_key(best[k].text)
        if pk != k and pk in best:
            del best[k]
    # The matcher adds s/es but cannot make "allergies" from "allergy".
    for k, c in sorted(best.items()):
        ws = c.text.split()
        last = ws[-1]
        if (last in PLURAL_IES or last.endswith("pathy")) and len(ws) <= 4:
            plural = " ".join(ws[:-1] + [last[:-1] + "ies"])
            pk = key(plural)
            if pk not in best and pk not in never:
                best[pk] = Candidate(plural, c.code, c.exact, c.cost + 3)
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for k, c in best.items():
        cond = ambiguous.get(k, ("", ""))[0]
        if cond == "drop":
            continue
        if cond not in ("claim", "uppercase"):
            cond = ""  # "none": frequent, but only the disease
        groups.setdefault((c.code, cond), []).append(c)
    entries = []
    for (code, cond), cs in groups.items():
        cs.sort(key=lambda c: (c.cost, len(c.text.split()), len(c.text), c.text))
        term = cs[0].text
        aliases = sorted({c.text for c in cs[1:]})
        e = {"term": term, "code": code}
        if aliases:
            e["aliases"] = aliases
        if cond:
            e["needs"] = [cond]
        entries.append(e)
    entries.sort(key=lambda e: (code_order(e["code"]), e.get("needs", []), e["term"]))
    return entries


def code_order(code: str) -> tuple:
    return (code[0], code[1:].replace(".", ""))


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def yaml_str(s: str) -> str:
    if re.match(r"^[a-z0-9][a-z0-9 '\-./+]*$", s) and not re.search(
            r"(: | #|^(yes|no|on|off|true|false|null|y|n)$)", s) and not re.match(r"^[\d.]+$", s):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(entries: list[dict], src: Source) -> str:
    lines = [
        f"# Generated by scripts/vocab/gen_icd10cm.py from simple-icd-10-cm {src.wheel_version} "
        f"({src.xml_name}), CDC/NCHS ICD-10-CM tabular list, FY{src.xml_version}, public domain. "
        "Do not edit by hand: change the script and run it again.",
        "#",
        "# Each entry is one ICD-10-CM code (or category) and the surface forms copy",
        "# uses for it; every spelling appears once, under the most general code",
        "# that names it. `needs: [claim]` counts only when a claim word ties the",
        "# spelling to the product; `needs: [uppercase]` only when written in",
        "# capitals (see scripts/vocab/ambiguous.tsv). Scope and exclusions:",
        "# scripts/vocab/README.md (21 CFR 101.93(g); 65 FR 1000, Jan 6, 2000).",
        "lexicon: icd10cm",
        'description: "Diseases, disorders and their characteristic signs and symptoms, '
        'generated from the ICD-10-CM tabular list (21 CFR 101.93(g)(2)(i)-(iii))"',
        "terms:",
    ]
    for e in entries:
        lines.append(f"  - term: {yaml_str(e['term'])}")
        if "aliases" in e:
            lines.append("    aliases: [" + ", ".join(yaml_str(a) for a in e["aliases"]) + "]")
        lines.append(f"    code: {e['code']}")
        if "needs" in e:
            lines.append("    needs: [" + ", ".join(e["needs"]) + "]")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("wheel", nargs="?", type=Path, help="simple_icd_10_cm-*.whl")
    ap.add_argument("--download", action="store_true", help="pip download the wheel first")
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--lexicons", type=Path, default=LEXICON_DIR,
                    help="folder of the hand-written lexicons (conditions.yaml, ...)")
    ap.add_argument("--ambiguous", type=Path, default=AMBIGUOUS_TSV)
    ap.add_argument("--consumer", type=Path, default=None,
                    help="consumer-conditions.yaml (default: beside the output)")
    args = ap.parse_args(argv)
    if args.download:
        tmp = Path(tempfile.mkdtemp(prefix="icd10cm-"))
        wheel = download_wheel(tmp)
    elif args.wheel:
        wheel = args.wheel
    else:
        ap.error("give the wheel's path or --download")
    src = read_wheel(wheel)
    consumer = args.consumer or args.output.parent / "consumer-conditions.yaml"
    entries = build(src.root, args.lexicons, read_ambiguous(args.ambiguous), consumer)
    text = render(entries, src)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.output.exists() and args.output.read_text(encoding="utf-8") == text:
        print(f"{args.output}: unchanged", file=sys.stderr)
    else:
        args.output.write_text(text, encoding="utf-8")
    n_sp = sum(1 + len(e.get("aliases", [])) for e in entries)
    print(f"{args.output}: {len(entries)} entries, {n_sp} spellings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
