//! The frames of a page that make a disease word something other than the seller's claim:
//! who is speaking (a customer asking whether the product suits them, a practitioner's
//! referral note), and what section it stands in (an interaction table, a drug-interactions
//! heading in flattened text, an allergen label, a reference list). Each class has copy
//! that must stay silent, and copy in the same frame that must still fire. The copy is
//! written for these tests.

mod common;

use claimlint::diagnostic::Category;
use claimlint::document::Format;

/// The disease-claim rules that fire on `text`.
fn fired_as(text: &str, format: Format) -> Vec<String> {
    let linted = claimlint::lint(text, format, common::rules());
    linted
        .diagnostics
        .iter()
        .filter(|d| d.category == Category::DiseaseClaim)
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect()
}

fn assert_fires(texts: &[&str], format: Format) {
    let silent: Vec<&&str> = texts
        .iter()
        .filter(|t| fired_as(t, format).is_empty())
        .collect();
    assert!(
        silent.is_empty(),
        "no disease-claim finding on: {silent:#?}"
    );
}

fn assert_silent(texts: &[&str], format: Format) {
    let noisy: Vec<(&&str, Vec<String>)> = texts
        .iter()
        .map(|t| (t, fired_as(t, format)))
        .filter(|(_, f)| !f.is_empty())
        .collect();
    assert!(noisy.is_empty(), "false alarms: {noisy:#?}");
}

#[test]
fn a_capitals_heading_in_flattened_text_leads_its_section() {
    assert_silent(
        &[
            "DRUG INTERACTIONS\nWater pills (diuretics): nettle and dandelion may add to their effect.\nThyroid medicines: kelp may change how well they work.",
            "CONTRAINDICATIONS AND CAUTIONS\n- Theanine may lower blood pressure. Use caution with antihypertensive medicines.\n- Not recommended in pregnancy.",
        ],
        Format::Text,
    );
    // The same words under a heading that does not warn still claim.
    assert_fires(
        &["WHY CUSTOMERS LOVE IT\nHawthorn and garlic lower blood pressure naturally."],
        Format::Text,
    );
}

#[test]
fn an_interaction_note_led_by_the_medicine() {
    assert_silent(
        &[
            "Blood pressure medicines: hawthorn may lower blood pressure further.",
            "Diabetes medications: cinnamon may lower blood sugar. Keep an eye on your readings.",
            "Diuretics (\"water pills\"): corn silk may add to the effect.",
        ],
        Format::Text,
    );
    assert_silent(
        &[
            "| Medicine | Note |\n|---|---|\n| Diabetes medicines | Chromium may lower blood sugar. Monitor your levels. |\n| Antacids | Indigestion remedies can dissolve the coating early. |\n",
        ],
        Format::Markdown,
    );
    // A label that names a disease, or the product's own class, leads no note.
    assert_fires(
        &[
            "Eliminates insulin resistance: our blend repairs the insulin receptor.",
            "Natural diuretics: flush out the fluid of congestive heart failure.",
        ],
        Format::Text,
    );
}

#[test]
fn a_caution_in_the_clause_after() {
    assert_silent(
        &[
            "Bitter melon may lower blood sugar, so please check with your doctor if you take metformin.",
            "Several of these herbs act as diuretics, which may not be right for everyone with kidney conditions.",
        ],
        Format::Text,
    );
    // A clause that says what the disease does is no caution.
    assert_fires(
        &["Our nattokinase dissolves clots, which can cause heart attacks."],
        Format::Text,
    );
}

#[test]
fn a_customer_asking_whether_the_product_suits_them() {
    assert_silent(
        &[
            "Q: I take warfarin for atrial fibrillation. Is this safe for me?",
            "Question: Are these gummies OK for a type 2 diabetic? How much sugar is in each one?",
            "My eye doctor found early macular degeneration. Is it fine to take this with my drops for glaucoma?",
            "Q: I have lupus and my rheumatologist wants my vitamin D higher. Is this one okay to take?",
            "Q: A patient of mine on sertraline has a history of serotonin syndrome. Is this appropriate for her?",
        ],
        Format::Text,
    );
    // A question about what the product does is about a use.
    assert_fires(
        &[
            "Can this help my glaucoma?",
            "Can you use elderberry to fight the flu? Yes!",
        ],
        Format::Text,
    );
}

#[test]
fn a_practitioner_referral_note() {
    assert_silent(
        &[
            "Patients presenting with panic attacks or suicidal thoughts should be evaluated and referred; this product does not treat anxiety disorders.",
            "Peripheral neuropathy has been reported with long-term intake of vitamin B6 above the upper limit.",
        ],
        Format::Text,
    );
}

#[test]
fn a_study_title_in_a_reference_list() {
    assert_silent(
        &[
            "Hemila H, et al. Zinc acetate lozenges for the common cold. Clin Infect Dis. 2016;62(4):401-7.",
        ],
        Format::Text,
    );
    // A title whose verb claims is still a claim when the page cites it.
    assert_fires(
        &[
            "Rao K, et al. Curcumin reverses Alzheimer's disease in older adults. J Neuro. 2012;4(2):1-9.",
        ],
        Format::Text,
    );
}

#[test]
fn everyday_words_that_read_as_diseases() {
    assert_silent(
        &[
            "Do I need to keep the bottles cold?",
            "Hepa-Glow Milk Thistle Tea",
            "Each chew holds 2 g of sugar; people with diabetes should count the carbohydrate.",
            "Allergens: people with a ragweed allergy may react to chamomile.",
            "Check for allergies first: the chews contain coconut.",
            "We donate 1% of sales to the Brain Tumour Project to fund research into childhood brain tumours.",
        ],
        Format::Text,
    );
    assert_fires(&["Hepa-Cure Milk Thistle 300"], Format::Text);
}

#[test]
fn a_disease_word_alone_is_not_a_coined_name() {
    assert_silent(
        &[
            "| Medicine | Note |\n|---|---|\n| Diabetes | Chromium may lower blood sugar; monitor your levels. |\n",
        ],
        Format::Markdown,
    );
    assert_fires(
        &[
            "Opiate Freedom Kit",
            "Venereal Defense Capsules",
            "Diabetifen 90 capsules",
        ],
        Format::Text,
    );
}

#[test]
fn what_a_product_is_for_under_a_cautions_label() {
    assert_fires(
        &[
            "Precautions: this product does not replace insulin; it is a dietary supplement for diabetics.",
        ],
        Format::Text,
    );
}

#[test]
fn misses_of_the_fifth_page_round() {
    assert_fires(
        &[
            "Works better than the mebeverine my doctor prescribed.",
            "Zinc can cut the duration of a common cold by a third.",
            "I passed my stone in two days.",
        ],
        Format::Text,
    );
}

#[test]
fn a_reference_list_entry_without_a_volume() {
    assert_silent(
        &[
            "Okonkwo AB, Reyes T. Kava for generalised anxiety: a review of case reports of hepatotoxicity. Phytomedicine. 2009.",
            "Brandt K, et al. Coenzyme Q10 and the reduced effect of warfarin. Lancet. 1998;352:1234.",
        ],
        Format::Text,
    );
}

#[test]
fn a_heading_after_a_finished_sentence_leads_its_own_section() {
    // The heading names the subject of a qualified health claim given with FDA's words.
    assert_silent(
        &[
            "About selenium\nYour body needs only a little selenium.\nSelenium and cancer risk\nSelenium may reduce the risk of certain cancers. Some scientific evidence suggests that consumption of selenium may reduce the risk of certain forms of cancer. However, FDA has determined that this evidence is limited and not conclusive.\n",
        ],
        Format::Text,
    );
    // A claim in such a heading still claims.
    assert_fires(
        &[
            "About selenium\nYour body needs only a little selenium.\nSelenium cures cancer\nSelenium may reduce the risk of certain cancers. Some scientific evidence suggests that consumption of selenium may reduce the risk of certain forms of cancer. However, FDA has determined that this evidence is limited and not conclusive.\n",
        ],
        Format::Text,
    );
}

#[test]
fn questions_about_dosing_and_interference() {
    assert_silent(
        &[
            "Priya asked: My husband has lupus. Would this interfere with his treatment?",
            "Q: I have gastroparesis. Will these bother my stomach?",
            "Question: I have POTS and my cardiologist told me to add salt. How many of these can I take a day?",
            "Q: My gastroenterologist said I have diverticulosis. Is this a good choice for me?",
        ],
        Format::Text,
    );
    assert_fires(
        &[
            "Q: I have eczema. Will this cure it?",
            "Will this help if I have arthritis?",
        ],
        Format::Text,
    );
}

#[test]
fn safety_notes_that_name_symptoms() {
    assert_silent(
        &[
            "Heat safety: seek emergency care at once for confusion, fainting or a temperature above 103 F.",
            "Too much selenium can cause selenosis. Signs include hair loss, brittle nails and a skin rash.",
            "If you notice loose stools, use fewer sticks.",
            "Fiber can reduce how much thyroid medication you absorb, so take them four hours apart.",
            "Tiredness can have many causes, including thyroid problems, poor sleep and depression.",
            "Common experiences include hot flashes, night sweats and irregular periods.",
        ],
        Format::Text,
    );
}

#[test]
fn misses_of_the_sixth_page_round() {
    assert_fires(
        &[
            "My doctor wanted to put me on Zoloft, but after a month on these gummies I don't need it.",
            "The same active ingredient as prescription niacin, at a fraction of the price.",
            "Six months in, the plaque in my arteries has stopped growing.",
        ],
        Format::Text,
    );
}

#[test]
fn a_citation_led_as_proof_is_marketing() {
    assert_fires(
        &[
            "See the study: Adeyemi R, et al. \"Rhodiola for major depressive disorder.\" J Herb Psych. 2018.",
        ],
        Format::Text,
    );
}

#[test]
fn misses_of_the_line_sets() {
    assert_fires(
        &[
            "Natural diuretic to flush out excess fluid.",
            "Hushes the constant ringing in your ears.",
            "Calms the burning and numbness in your feet.",
            "Hepatacure Liver Capsules",
            "ProstaShrink Softgels",
            "CandidaClear Drops",
            "Three months in, my doctor took me off lisinopril.",
            "No more insulin shots.",
            "Breathe freely without your inhaler.",
            "Increases the benefits of radiation therapy.",
            "Helps regrow hair lost during chemo.",
            "Shields the heart from damage caused by chemotherapy.",
        ],
        Format::Text,
    );
}

#[test]
fn words_that_end_in_cure_and_warnings_about_excess() {
    assert_silent(
        &[
            "Treat yourself to a pedicure after the hike.",
            "Excessive consumption may produce laxative effects.",
        ],
        Format::Text,
    );
}

#[test]
fn coming_off_a_medicine_is_a_substitute_claim() {
    assert_fires(
        &[
            "Most of my clients taper off their levothyroxine within a season.",
            "My doctor halved my blood pressure tablets after two months on these.",
            "I haven't needed my allergy meds since I started the drops.",
            "Deep sleep without the Ambien fog in the morning.",
            "Six years on sertraline and I'm finally off it.",
            "These let me cut my prednisone dose down to almost nothing.",
        ],
        Format::Text,
    );
    // Advice about the medicine is not a substitute claim.
    assert_silent(
        &[
            "Do not taper off levothyroxine without your prescriber.",
            "Never cut your blood pressure tablets in half unless your doctor says so.",
        ],
        Format::Text,
    );
}

#[test]
fn misspelled_disease_names_are_disease_names() {
    assert_fires(
        &[
            "It cleared up the psorasis on my elbows.",
            "My fibromialgia pain is gone for good.",
            "Reverses hypertention without drugs.",
            "Helped the osteoarthritus in my hips.",
            "My scan showed the osteoperosis had reversed.",
            "Cleared my son's excema in a week.",
        ],
        Format::Text,
    );
}

#[test]
fn credentials_buttons_and_quoted_questions_are_not_claims() {
    assert_silent(
        &[
            "Reviewed by Ana Ruiz, MS, RDN, for accuracy.",
            "Choose your size. [ADD TO CART]",
            "\"I have Hashimoto's, is it okay with my levothyroxine?\" Ask your endocrinologist first.",
            "I have stage 4 kidney disease. Is the potassium a problem?",
        ],
        Format::Text,
    );
    // The acronym of a disease in a list of diseases still counts.
    assert_fires(
        &["Relief for lupus, MS, and arthritis sufferers."],
        Format::Text,
    );
}

#[test]
fn a_sentence_that_defines_a_disease_is_education() {
    assert_silent(
        &[
            "Graves' disease is an autoimmune condition in which the thyroid makes too much hormone.",
            "Scurvy, a disease caused by too little vitamin C, once struck sailors on long voyages.",
            "Spina bifida and anencephaly are birth defects of the spine and brain.",
        ],
        Format::Text,
    );
    // A definition that goes on to the product is still a claim.
    assert_fires(
        &["Psoriasis is a skin disease that our cream clears in two weeks."],
        Format::Text,
    );
}

#[test]
fn monitoring_and_rare_effects_are_cautions() {
    assert_silent(
        &[
            "Raise the dose slowly while monitoring for palpitations or a racing heart.",
            "Call us if you notice an irregular heartbeat or swelling in the neck.",
            "Zinc can occasionally cause nausea in people with gastritis.",
            "Snoring and gasping at night can point to sleep apnea, which needs a proper evaluation.",
        ],
        Format::Text,
    );
    // A promise stays a claim.
    assert_fires(&["Watch your arthritis fade within a month."], Format::Text);
}

#[test]
fn a_reading_brought_down_from_a_disease_range() {
    assert_fires(
        &[
            "My dad's A1C went from 8.2 to 6.1 in four months on these capsules.",
            "My LDL dropped from 185 to 120 without any statin.",
            "Grandma calls it the remedy for everything.",
        ],
        Format::Text,
    );
    // A reading in the normal range, and a goal, are not a disease.
    assert_silent(
        &[
            "My A1C went from 5.4 to 5.2 and I feel great.",
            "Ask your doctor to check your LDL every year.",
        ],
        Format::Text,
    );
}

#[test]
fn education_that_defines_or_contrasts_a_disease() {
    assert_silent(
        &[
            "Lupus and rosacea are real medical conditions and they deserve proper care.",
            "Rosacea is a different matter: it is a long-term skin condition in which redness keeps coming back, and it should be looked at by a dermatologist.",
            "Dementia is not a normal part of aging.",
            "Forgetting where the keys went now and then is common and is different from dementia.",
            "Low potassium is more often seen with long-term diuretic use, chronic kidney disease or heavy sweating.",
            "Signs of excessive zinc intake include nausea, vomiting and stomach cramps.",
        ],
        Format::Text,
    );
    assert_fires(
        &[
            "Rosacea is a condition our serum calms within days.",
            "Forgetting things? Our blend keeps dementia away.",
        ],
        Format::Text,
    );
}

#[test]
fn a_caution_in_the_next_sentence_or_after_a_label() {
    assert_silent(
        &[
            "People with liver disease process niacin differently. Please do not start this without your hepatologist's approval.",
            "Directions: Take one capsule daily.\nCaution: Hibiscus may lower blood pressure. If you take blood pressure medicine, talk to your doctor before use.",
            "Consulter un praticien de soins de santé avant l'usage si vous souffrez de diabète.",
            "Patients on any anticoagulant should be managed by their prescriber.",
            "Tell your practitioner about every medicine you take, especially blood thinners and water pills.",
        ],
        Format::Text,
    );
    assert_fires(
        &[
            "People with liver disease love our blend.",
            "Directions: Take one capsule daily.\nBenefits: Hibiscus lowers blood pressure in a week.",
        ],
        Format::Text,
    );
}

#[test]
fn a_drug_as_a_yardstick_for_size() {
    assert_silent(
        &["Each capsule is about the size of a pain reliever caplet."],
        Format::Text,
    );
    assert_fires(&["A gentle pain reliever for sore backs."], Format::Text);
}

#[test]
fn coming_off_swapping_and_matching_a_drug() {
    assert_fires(
        &[
            "Off my atorvastatin since June, thanks to this blend.",
            "Swap your sleeping pills for a cup of our valerian tea.",
            "My doctor has taken me off gliclazide since I started it.",
            "Our clinic has tapered patients off alendronate with this formula.",
            "Now with the same compound found in prescription colchicine.",
            "Works better than the prescription.",
            "Boosts the effect of blood pressure medication so you can take less.",
        ],
        Format::Text,
    );
    assert_silent(
        &[
            "Take the capsules off the blister card one at a time.",
            "Do not swap your prescribed medicine for any supplement.",
        ],
        Format::Text,
    );
}

#[test]
fn misspelt_diseases_promises_and_stories() {
    assert_fires(
        &[
            "My artritis is so much better since I started these.",
            "Best thing I have found for nueropathy in my toes.",
            "Got my diabeties in check in six weeks!",
            "Helped my sirosis more than the hospital did.",
            "FIXES IRON DEFICIENCY ANEMIA FAST.",
            "Lowers urine protein within weeks.",
            "Lowers high cholesterol without side effects.",
            "My wife was diagnosed with early dementia and since starting this her memory is sharper.",
        ],
        Format::Text,
    );
    assert_silent(
        &[
            "Our founder started the company after her father was diagnosed with Parkinson's disease.",
            "Heads up for customers with celiac disease: this batch was made on shared equipment.",
        ],
        Format::Text,
    );
}

#[test]
fn someone_elses_medicines_and_what_the_product_is_free_of() {
    assert_silent(
        &[
            "Sourced from pasture herds. Free from antibiotics, rBST and hormones.",
            "Some antidepressants can raise melatonin levels, so ask your pharmacist first.",
            "My doctor wants me on two antibiotics this month.",
        ],
        Format::Text,
    );
    assert_fires(
        &["A natural antibiotic for the whole family."],
        Format::Text,
    );
}

#[test]
fn a_definition_ended_by_a_semicolon_and_a_discussion_with_a_specialist() {
    assert_silent(
        &[
            "Parkinson's disease is a progressive movement disorder; anyone with a new tremor should be seen by a neurologist.",
            "People with kidney disease should discuss any supplement with their nephrologist first.",
            "Do not give this product to a child with epilepsy.",
        ],
        Format::Text,
    );
    assert_fires(
        &[
            // A definition that names the product is a claim.
            "Gout is a painful disorder; our formula dissolves the crystals.",
            // A discussion that is the claim itself.
            "Patients should discuss how our tea shrinks tumors.",
        ],
        Format::Text,
    );
}

#[test]
fn a_caution_with_its_reason_after_because() {
    assert_silent(
        &["Do not give this syrup to infants because of the risk of infant botulism."],
        Format::Text,
    );
    // A reason that is the claim itself is not a caution's.
    assert_fires(
        &["Ask your doctor about it, because it cured my arthritis."],
        Format::Text,
    );
}

#[test]
fn one_claim_nested_in_another_is_reported_once() {
    // "for ... Lunesta" (a therapy) lies inside "replacement for Lunesta" (a substitute):
    // one problem, one finding.
    let found = fired_as(
        "Our chamomile blend is the gentle replacement for Lunesta.",
        Format::Text,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("drug-substitute-claim"), "{found:?}");
    // Two claims side by side are still two.
    let two = fired_as(
        "Cures arthritis. A natural replacement for Ambien.",
        Format::Text,
    );
    assert_eq!(two.len(), 2, "{two:?}");
}
