"""Tests of the title -> surface form functions of gen_icd10cm.py, on real
ICD-10-CM titles, and a few checks of the generated files.

    cd scripts/vocab && python3 -m unittest test_gen
    python3 -m unittest discover -s scripts/vocab -p 'test_*.py'

Standard library only; no wheel or network is needed.
"""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_icd10cm as g  # noqa: E402


def forms(title: str) -> set[str]:
    return {f.text for f in g.surface_forms(title)}


class SurfaceForms(unittest.TestCase):
    def test_bracket_synonym_and_modifier(self):
        # J00
        f = forms("Acute nasopharyngitis [common cold]")
        self.assertIn("common cold", f)
        self.assertIn("nasopharyngitis", f)
        self.assertIn("acute nasopharyngitis", f)

    def test_alternative_in_parentheses(self):
        # I10 and its includes note
        self.assertEqual(forms("Essential (primary) hypertension"),
                         {"essential hypertension", "primary hypertension", "hypertension"})
        f = forms("hypertension (arterial) (benign) (essential) (malignant) (primary) (systemic)")
        self.assertIn("hypertension", f)
        self.assertIn("arterial hypertension", f)

    def test_neoplasm_becomes_cancer(self):
        # C34
        f = forms("Malignant neoplasm of bronchus and lung")
        self.assertIn("lung cancer", f)
        self.assertIn("cancer of the lung", f)
        self.assertFalse(any("neoplasm" in x for x in f))

    def test_with_tail_is_cut(self):
        # E11.9
        f = forms("Type 2 diabetes mellitus without complications")
        self.assertEqual(f, {"type 2 diabetes", "type 2 diabetes mellitus"})
        self.assertTrue(all(x.exact for x in g.surface_forms(
            "Type 2 diabetes mellitus without complications")))

    def test_and_title_is_split_with_shared_noun(self):
        # A01
        self.assertEqual(forms("Typhoid and paratyphoid fevers"),
                         {"typhoid fever", "paratyphoid fever"})
        # A24
        self.assertEqual(forms("Glanders and melioidosis"), {"glanders", "melioidosis"})

    def test_acronym_in_brackets(self):
        # B20
        f = forms("Human immunodeficiency virus [HIV] disease")
        self.assertIn("hiv disease", f)
        self.assertIn("hiv", f)
        # C91.0: "ALL" is not emitted on its own
        self.assertNotIn("all", forms("Acute lymphoblastic leukemia [ALL]"))

    def test_laterality_unspecified_and_comma_tail(self):
        # H25.11, G43.909
        self.assertEqual(forms("Age-related nuclear cataract, right eye"),
                         {"age-related nuclear cataract"})
        self.assertEqual(forms("Migraine, unspecified, not intractable, without status migrainosus"),
                         {"migraine"})

    def test_pain_in_site_and_reorder(self):
        # M25.561
        self.assertIn("knee pain", forms("Pain in right knee"))
        # N20.0 inclusion, J85.2
        self.assertIn("kidney stone", forms("Stone in kidney"))
        self.assertIn("lung abscess", forms("Abscess of lung"))

    def test_eponyms(self):
        # K50
        f = forms("Crohn's disease [regional enteritis]")
        self.assertIn("crohn's disease", f)
        self.assertIn("crohn disease", f)
        self.assertIn("regional enteritis", f)

    def test_hyphenated_and_is_not_split(self):
        # B08.8 inclusion
        self.assertEqual(forms("Foot-and-mouth disease"), {"foot-and-mouth disease"})

    def test_ordinal_list_of_sites_is_skipped(self):
        # C14.8 inclusion
        self.assertEqual(forms("Primary malignant neoplasm of two or more contiguous sites of "
                               "lip, oral cavity and pharynx"), set())


class Words(unittest.TestCase):
    def test_singular(self):
        for plural, single in [("diseases", "disease"), ("arteries", "artery"),
                               ("rashes", "rash"), ("psychoses", "psychosis"),
                               ("diabetes", "diabetes"), ("measles", "measles"),
                               ("psoriasis", "psoriasis"), ("phobias", "phobia"),
                               ("migrans", "migrans"), ("prediabetes", "prediabetes"),
                               ("lice", "lice")]:
            self.assertEqual(g.singular(plural), single, plural)

    def test_key_ignores_what_the_matcher_ignores(self):
        self.assertEqual(g.key("Post-partum"), g.key("postpartum"))
        self.assertEqual(g.key("post partum"), g.key("postpartum"))
        self.assertEqual(g.key("anaemia"), g.key("anemia"))
        self.assertEqual(g.key("Type II diabetes"), g.key("type 2 diabetes"))
        self.assertEqual(g.key("Crohn’s disease"), g.key("crohns disease"))
        self.assertNotEqual(g.key("sjögren"), g.key("sjogren"))

    def test_acceptable(self):
        never = {g.key(w) for w in g.NEVER}
        for bad in ["other disorders", "abnormal findings", "pregnancy", "stress", "hot flash",
                    "pain", "disease", "a", "cancer of unspecified site", "disorder of function"]:
            self.assertFalse(g.acceptable(bad, never), bad)
        for good in ["lung cancer", "type 2 diabetes", "covid-19", "trisomy 21",
                     "multiple sclerosis", "non-hodgkin lymphoma", "hepatitis c"]:
            self.assertTrue(g.acceptable(good, never), good)


class GeneratedFiles(unittest.TestCase):
    """Checks of the committed output (skipped where it is absent)."""

    LEX = Path(__file__).resolve().parent.parent.parent / "rules" / "us-fda" / "lexicons"

    def entries(self, name):
        path = self.LEX / name
        if not path.exists():
            self.skipTest(f"{path} not generated")
        return g.read_lexicon_spellings(path), path.read_text(encoding="utf-8")

    def test_header_and_no_duplicates(self):
        ents, text = self.entries("icd10cm.yaml")
        self.assertTrue(text.startswith("# Generated by scripts/vocab/gen_icd10cm.py from "
                                        "simple-icd-10-cm "))
        seen = set()
        for spellings, _ in ents:
            for s in spellings:
                self.assertGreater(len(s), 1)
                self.assertEqual(s, s.lower())
                k = g.plural_key(s)
                self.assertNotIn(k, seen, s)
                seen.add(k)
        self.assertGreater(len(ents), 5000)

    def test_no_overlap_with_consumer_layer(self):
        icd, _ = self.entries("icd10cm.yaml")
        con, _ = self.entries("consumer-conditions.yaml")
        a = {g.plural_key(s) for sp, _ in icd for s in sp}
        b = {g.plural_key(s) for sp, _ in con for s in sp}
        self.assertEqual(a & b, set())

    def test_consumer_needs_follow_ambiguous_tsv(self):
        _, text = self.entries("consumer-conditions.yaml")
        amb = g.read_ambiguous(g.AMBIGUOUS_TSV)
        import re
        for m in re.finditer(r"  - term: (.*)\n(?:    aliases: \[(.*)\]\n)?(?:    code: .*\n)?"
                             r"(?:    needs: \[(.*)\]\n)?", text):
            needs = m.group(3) or ""
            spellings = [m.group(1)] + [a.strip() for a in (m.group(2) or "").split(",") if a]
            for s in spellings:
                cond = amb.get(g.key(s.strip('"')), ("", ""))[0]
                if cond in ("claim", "uppercase"):
                    self.assertEqual(needs, cond, s)


if __name__ == "__main__":
    unittest.main()
