#!/usr/bin/env python3
"""Write rules/us-fda/lexicons/pathogens.yaml (lexicon `pathogens`) from a hand-curated table.

The table below is curated by hand from the public references named in HEADER. Each entry that
cites an ICD-10-CM code is checked against the ICD-10-CM tabular list shipped in the
`simple-icd-10-cm` wheel on PyPI (read with the standard library only: zipfile + ElementTree):

    pip download --no-deps simple-icd-10-cm -d /tmp/icd
    python3 scripts/vocab/gen_pathogens.py --wheel /tmp/icd/simple_icd_10_cm-*.whl \
        --out pathogens.yaml --report scripts/vocab/pathogens-icd-report.tsv

The check fails (exit 1) when a cited code does not exist in the tabular list. The report
lists, for every cited code, the code's own title next to the entry, for a person to review
(ICD titles often name the disease, e.g. "A21 Tularemia", not the organism).

Without --wheel the YAML is still written, with no ICD check.
"""
import argparse
import glob
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HEADER = """\
# Sources (each read on 2026-12-01 unless marked otherwise):
#   [ICD] ICD-10-CM tabular list, April 1, 2026 release (CDC/NCHS), chapter 1 "Certain
#         infectious and parasitic diseases" (A00-B99), including B95-B97 "Bacterial and viral
#         infectious agents"; read from the file icd10c-tabular-April-1-2026.xml inside the
#         PyPI wheel simple-icd-10-cm 1.5.0 (https://pypi.org/project/simple-icd-10-cm/).
#         Codes were checked by scripts/vocab/gen_pathogens.py.
#   [CDC-AR] CDC, "Antibiotic Resistance Threats in the United States, 2019" (urgent, serious,
#         concerning threats and watch list),
#         https://www.cdc.gov/drugresistance/biggest-threats.html (archived copy of
#         2020-12-19 at webarchive.library.unt.edu).
#   [NIAID] NIAID, "NIAID Emerging Infectious Diseases/Pathogens" (Category A, B and C priority
#         pathogens), https://www.niaid.nih.gov/research/emerging-infectious-diseases-pathogens
#   [WHO-BPPL] WHO Bacterial Priority Pathogens List 2024 (17 May 2024); Sati H et al., Lancet
#         Infect Dis 2025;25(9):1033-1043 (PMID 40245910). Read through the PubMed abstract
#         and a trade-press summary of the list.
#   [WHO-FPPL] WHO fungal priority pathogens list to guide research, development and public
#         health action (25 October 2022), read through its Table 1 as reproduced in
#         https://pmc.ncbi.nlm.nih.gov/articles/PMC9724454/
#   [CDC-DPD] CDC Division of Parasitic Diseases and Malaria, parasite pages,
#         https://www.cdc.gov/parasites/ (landing pages not re-read; organism names as used in
#         ICD-10-CM B50-B89 were checked instead).
#   [MeSH] NLM Medical Subject Headings, "Organisms" [B] tree, https://meshb.nlm.nih.gov/
#         (names of oral, skin and genital pathogens that ICD-10-CM does not name; not
#         re-read this session).
#   The selection, grouping and wording are our own.
#
# What this lexicon is for: 21 CFR 101.93(g)(2)(viii) makes it a disease claim to say a
# product has a role in the body's response to a vector of disease ("kills H. pylori",
# "fights MRSA", "stops viral replication"). Like disease-vectors.yaml, these words are not
# claims by themselves; they need a claim word ("kills", "fights", "blocks", "protects
# against"). Many of them also appear in lawful copy (warnings, probiotic strain lists), so
# the rules must weigh the verb, not the noun.
#
# Overlap: disease-vectors.yaml already holds some of these spellings (e. coli, h. pylori,
# candida, mrsa, norovirus ...). This file is meant to be complete on its own; the list of
# spellings it shares with disease-vectors.yaml is in README.md, for the integrator to decide
# which file keeps them.
#
# `needs: [claim]`  the word is also ordinary English or ordinary biology (a commensal genus,
#                   "biofilm", "spike protein", "fluke"); count it only when a claim word
#                   ties it to the product.
# `needs: [uppercase]`  an acronym that counts only when written in capitals (VRE, CRE).
#
# Deliberately left out:
#   - probiotic and commensal organisms used as ingredients (Lactobacillus, Bifidobacterium,
#     Saccharomyces boulardii, Bacillus coagulans/subtilis, Streptococcus thermophilus and
#     salivarius, E. coli Nissle 1917, Enterococcus faecium/faecalis, Clostridium butyricum,
#     Akkermansia) and enzyme-source moulds (Aspergillus oryzae/niger): they are in
#     probiotics.yaml (lexicon probiotic-organisms) so the rules can excuse them.
#   - bare genus names that are mostly probiotic or commensal in supplement copy: "bacillus",
#     "clostridium"/"clostridia", "enterococcus", "saccharomyces", "lactococcus",
#     "bacteroides" (only B. fragilis is listed), "rhizopus" (an enzyme source).
#   - arthropod carriers (ticks, mosquitoes, fleas, bed bugs): vectors in the entomological
#     sense, not agents of disease; "yeast", "mold", "fungus", "germ", "microbe" (see the
#     notes in disease-vectors.yaml); "black fungus" (also an edible mushroom); mycotoxins and
#     "toxins" (detox copy); "odor-causing" and "plaque-causing" bacteria (cosmetic claims).
"""

C = "claim"
U = "uppercase"

# (term, aliases, source, needs)
GROUPS = [
    ("Generic vector phrases", [
        ("disease-causing organism", ["disease-causing microorganism", "disease-causing bacteria", "disease-causing germ", "disease-causing microbe", "disease-causing pathogen", "disease-causing virus", "disease-causing fungi", "disease-causing parasite", "infection-causing bacteria", "infection-causing germ", "illness-causing germ", "illness-causing bacteria"], "CDC; NIAID (generic wording)", None),
        ("pathogenic bacteria", ["pathogenic microorganism", "pathogenic organism", "pathogenic microbe", "pathogenic strain", "pathogenic yeast", "pathogenic virus", "bacterial pathogen", "viral pathogen", "microbial pathogen", "enteric pathogen", "foodborne pathogen", "waterborne pathogen", "opportunistic pathogen", "periodontal pathogen", "oral pathogen", "respiratory pathogen", "uropathogen", "uropathogenic bacteria"], "NIAID Category B (food- and waterborne pathogens)", None),
        ("harmful pathogen", ["harmful microorganism", "harmful organism", "harmful virus", "dangerous bacteria", "dangerous pathogen", "deadly bacteria", "deadly virus", "infectious organism", "infectious microorganism", "invading pathogen", "invading germ", "invading bacteria", "invading virus"], "generic wording", None),
        # Also the usual probiotic foil ("balance of good and bad bacteria"): only a claim
        # word ("kills bad bacteria") makes it a vector claim.
        ("bad bacteria", ["bad microbe", "bad bug"], "generic wording; already an alias in disease-vectors.yaml", [C]),
        ("foreign invader", ["microbial invader"], "generic wording", [C]),
        ("antibiotic-resistant bacteria", ["drug-resistant bacteria", "multidrug-resistant bacteria", "multidrug-resistant organism", "antimicrobial-resistant bacteria", "antibiotic-resistant germ", "drug-resistant germ", "drug-resistant strain", "resistant bacteria", "resistant strain", "drug-resistant fungi", "antifungal-resistant fungi"], "CDC-AR", None),
        ("mdro", [], "CDC-AR (multidrug-resistant organism)", [U]),
        ("superbug", [], "CDC-AR", None),
        ("gram-negative bacteria", ["gram-positive bacteria"], "WHO-BPPL", [C]),
        ("biofilm", ["bacterial biofilm", "pathogenic biofilm", "fungal biofilm"], "MeSH Biofilms", [C]),
        ("bacterial load", ["pathogen load", "parasite load", "parasitic load", "microbial load"], "generic wording", [C]),
    ]),
    ("Viral load, replication and entry", [
        ("viral load", ["viral burden", "virus load", "viral titer"], "NIAID; generic virology wording", None),
        ("viral replication", ["virus replication", "viral reproduction", "viral multiplication", "replication of the virus", "replication of viruses"], "generic virology wording", None),
        ("viral shedding", ["virus shedding"], "generic virology wording", None),
        ("viral entry", ["viral attachment", "viral spread", "spread of the virus", "viral particle", "virus particle", "virion"], "generic virology wording", None),
        # SARS-CoV-2 copy ("blocks the spike protein"); also ordinary biology.
        ("spike protein", [], "FDA/FTC COVID-19 warning-letter wording; ordinary biology too", [C]),
        ("retrovirus", [], "ICD B97.3", None),
    ]),
    ("Viruses", [
        ("influenza virus", ["influenza a", "influenza b", "influenza a virus", "influenza b virus", "flu virus", "h3n2", "h5n1", "avian influenza virus", "bird flu virus", "swine flu virus"], "ICD J09-J11; NIAID Category C", None),
        ("parainfluenza virus", ["human parainfluenza virus"], "NIAID", None),
        ("hpiv", [], "human parainfluenza virus", [U]),
        ("respiratory syncytial virus", ["rsv"], "ICD B97.4", None),
        ("human metapneumovirus", ["hmpv", "metapneumovirus"], "ICD B97.81", None),
        ("rhinovirus", ["cold virus", "common cold virus"], "ICD J00 (common cold); MeSH", None),
        ("adenovirus", [], "ICD B97.0", None),
        ("enterovirus", ["enterovirus d68", "ev-d68", "enterovirus a71", "ev-a71", "non-polio enterovirus", "coxsackievirus", "echovirus"], "ICD B97.1", None),
        ("poliovirus", ["wild poliovirus"], "ICD A80", None),
        ("coronavirus", ["human coronavirus", "novel coronavirus", "sars coronavirus", "sars-cov", "mers coronavirus", "mers-cov", "2019-ncov"], "ICD B97.2; NIAID Category C", None),
        ("sars-cov-2", ["covid virus", "covid-19 virus", "sars-cov-2 variant", "covid variant", "covid-19 variant", "omicron variant", "delta variant"], "ICD U07.1 (COVID-19); NIAID", None),
        ("norovirus", ["norwalk virus", "norwalk agent", "norwalk-like virus"], "ICD A08.1", None),
        ("rotavirus", [], "ICD A08.0", None),
        ("sapovirus", ["astrovirus", "calicivirus"], "ICD A08.3", None),
        ("hepatitis a virus", [], "ICD B15; NIAID Category B", None),
        ("hepatitis b virus", ["hbv"], "ICD B16", None),
        ("hepatitis c virus", ["hcv"], "ICD B17.1", None),
        ("hepatitis d virus", ["hepatitis delta virus"], "ICD B17.0", None),
        ("hepatitis e virus", [], "ICD B17.2", None),
        ("hav", ["hdv", "hev"], "hepatitis A, D and E virus", [U]),
        ("herpes simplex virus", ["hsv-1", "hsv-2", "herpes simplex virus type 1", "herpes simplex virus type 2", "herpesvirus", "human herpesvirus"], "ICD B00", None),
        ("varicella-zoster virus", ["shingles virus", "chickenpox virus"], "ICD B01-B02", None),
        ("vzv", [], "varicella-zoster virus", [U]),
        ("epstein-barr virus", ["ebv", "human herpesvirus 4"], "ICD B27.0", None),
        ("cytomegalovirus", ["human cytomegalovirus", "hcmv"], "ICD B25", None),
        ("cmv", [], "cytomegalovirus", [U]),
        ("human herpesvirus 6", ["hhv-6", "human herpesvirus 7", "hhv-7", "roseolovirus"], "ICD B10.01", None),
        ("human papillomavirus", ["hpv", "papillomavirus"], "ICD B97.7", None),
        ("human immunodeficiency virus", ["hiv-1", "hiv-2", "hiv virus"], "ICD B20; ICD B97.35", None),
        ("human t-cell lymphotropic virus", ["human t-cell lymphotrophic virus", "htlv", "htlv-1", "htlv-2", "htlv-i", "htlv-ii"], "ICD B97.33-B97.34", None),
        ("measles virus", ["rubeola virus"], "ICD B05", None),
        ("mumps virus", [], "ICD B26", None),
        ("rubella virus", [], "ICD B06", None),
        ("parvovirus b19", ["human parvovirus", "parvovirus"], "ICD B97.6", None),
        ("molluscum contagiosum virus", ["molluscum contagiosum"], "ICD B08.1", None),
        ("mpox virus", ["monkeypox virus"], "ICD B04", None),
        ("variola virus", ["smallpox virus", "variola major"], "ICD B03; NIAID Category A", None),
        ("rabies virus", [], "ICD A82", None),
        ("west nile virus", [], "ICD A92.3; NIAID Category B", None),
        ("wnv", [], "West Nile virus", [U]),
        ("dengue virus", [], "ICD A90; NIAID Category A", None),
        ("zika virus", [], "ICD A92.5", None),
        ("chikungunya virus", [], "ICD A92.0", None),
        ("yellow fever virus", [], "ICD A95", None),
        ("japanese encephalitis virus", ["tick-borne encephalitis virus", "powassan virus", "la crosse virus", "eastern equine encephalitis virus"], "ICD A83-A84; NIAID Category B", None),
        ("ebola virus", ["marburg virus", "filovirus"], "ICD A98.3-A98.4; NIAID Category A", None),
        ("lassa virus", ["lassa fever virus", "arenavirus"], "ICD A96.2; NIAID Category A", None),
        ("hantavirus", ["nipah virus", "crimean-congo hemorrhagic fever virus", "rift valley fever virus"], "ICD A98.5; NIAID Categories A and C", None),
    ]),
    ("Bacteria", [
        ("escherichia coli", ["e. coli", "e coli", "shiga toxin-producing e. coli", "e. coli o157", "enterohemorrhagic e. coli", "enterotoxigenic e. coli", "uropathogenic e. coli"], "ICD B96.2; ICD A04.0", None),
        ("stec", ["ehec", "etec", "upec"], "ICD B96.21-B96.23 (Shiga toxin-producing E. coli)", [U]),
        ("salmonella", ["salmonella enterica", "salmonella typhi", "salmonella typhimurium", "salmonella enteritidis", "salmonella paratyphi", "s. typhi", "s. enterica", "nontyphoidal salmonella"], "ICD A01-A02; CDC-AR", None),
        ("shigella", ["shigella sonnei", "shigella flexneri", "shigella dysenteriae", "shigella boydii"], "ICD A03; CDC-AR", None),
        ("campylobacter", ["campylobacter jejuni", "c. jejuni"], "ICD A04.5; CDC-AR", None),
        ("yersinia", ["yersinia enterocolitica", "y. enterocolitica", "yersinia pestis", "y. pestis", "plague bacterium"], "ICD A04.6; ICD A20", None),
        ("vibrio cholerae", ["v. cholerae", "vibrio vulnificus", "v. vulnificus", "vibrio parahaemolyticus", "vibrio", "cholera bacterium"], "ICD A00; ICD A05.3; ICD A05.5", None),
        ("listeria", ["listeria monocytogenes", "l. monocytogenes"], "ICD A32", None),
        ("clostridioides difficile", ["clostridium difficile", "c. difficile", "c. diff", "c diff"], "ICD A04.7; CDC-AR (urgent)", None),
        ("clostridium perfringens", ["c. perfringens", "clostridium welchii"], "ICD A05.2; ICD B96.7", None),
        ("clostridium botulinum", ["c. botulinum", "botulism bacteria"], "ICD A05.1; NIAID Category A", None),
        ("clostridium tetani", ["c. tetani", "tetanus bacteria"], "ICD A35", None),
        ("bacillus cereus", ["b. cereus"], "ICD A05.4", None),
        ("bacillus anthracis", ["b. anthracis", "anthrax bacteria"], "ICD A22; NIAID Category A", None),
        ("staphylococcus", ["staph", "staph bacteria"], "ICD B95.6-B95.8", None),
        ("staphylococcus aureus", ["s. aureus", "staph aureus", "golden staph", "methicillin-susceptible staphylococcus aureus"], "ICD B95.6; ICD B95.61", None),
        ("mssa", [], "ICD B95.61 (methicillin-susceptible S. aureus)", [U]),
        ("mrsa", ["methicillin-resistant staphylococcus aureus", "methicillin-resistant staph", "ca-mrsa", "ha-mrsa"], "ICD B95.62; CDC-AR (serious)", None),
        # The genus includes the yogurt and oral probiotics S. thermophilus and S. salivarius.
        ("streptococcus", ["strep", "strep bacteria"], "ICD B95.0-B95.5", [C]),
        ("streptococcus pyogenes", ["s. pyogenes", "group a streptococcus", "group a strep", "strep a"], "ICD B95.0; CDC-AR (concerning)", None),
        ("streptococcus agalactiae", ["s. agalactiae", "group b streptococcus", "group b strep", "strep b"], "ICD B95.1; CDC-AR (concerning)", None),
        ("streptococcus pneumoniae", ["s. pneumoniae", "pneumococcus", "pneumococci", "pneumococcal bacteria"], "ICD B95.3; CDC-AR (serious)", None),
        # Causes tooth decay, a disease in conditions.yaml.
        ("streptococcus mutans", ["s. mutans", "cavity-causing bacteria", "decay-causing bacteria"], "MeSH Streptococcus mutans", None),
        ("vancomycin-resistant enterococci", ["vancomycin-resistant enterococcus"], "ICD B95.2; CDC-AR (serious)", None),
        ("vre", [], "vancomycin-resistant enterococci (CDC-AR)", [U]),
        ("klebsiella", ["klebsiella pneumoniae", "k. pneumoniae"], "ICD B96.1; WHO-BPPL", None),
        ("carbapenem-resistant enterobacterales", ["carbapenem-resistant enterobacteriaceae", "carbapenem-resistant klebsiella"], "CDC-AR (urgent); WHO-BPPL (critical)", None),
        ("cre", ["esbl", "kpc"], "carbapenem-resistant Enterobacterales; ESBL-producing Enterobacterales (CDC-AR)", [U]),
        ("extended-spectrum beta-lactamase", ["esbl-producing bacteria", "esbl-producing enterobacterales"], "CDC-AR (serious)", None),
        ("acinetobacter baumannii", ["a. baumannii", "acinetobacter", "carbapenem-resistant acinetobacter"], "ICD B96.83; CDC-AR (urgent); WHO-BPPL (critical)", None),
        ("pseudomonas", ["pseudomonas aeruginosa", "p. aeruginosa"], "ICD B96.5; CDC-AR (serious)", None),
        ("haemophilus influenzae", ["h. influenzae", "haemophilus influenzae type b"], "ICD B96.3", None),
        ("hib", [], "Haemophilus influenzae type b", [U]),
        ("neisseria meningitidis", ["n. meningitidis", "meningococcus", "meningococci"], "ICD A39", None),
        ("neisseria gonorrhoeae", ["n. gonorrhoeae", "gonococcus", "gonococci", "drug-resistant gonorrhea"], "ICD A54; CDC-AR (urgent)", None),
        ("bordetella pertussis", ["b. pertussis", "whooping cough bacteria"], "ICD A37.0", None),
        ("corynebacterium diphtheriae", ["c. diphtheriae", "diphtheria bacteria"], "ICD A36", None),
        ("mycobacterium tuberculosis", ["m. tuberculosis", "tubercle bacillus", "tb bacteria", "tuberculosis bacteria", "mdr-tb", "xdr-tb", "drug-resistant tuberculosis"], "ICD A15-A19; CDC-AR; WHO-BPPL (critical)", None),
        ("nontuberculous mycobacteria", ["mycobacterium avium", "mycobacterium avium complex", "mycobacterium abscessus", "mycobacterium marinum", "mycobacterium ulcerans", "atypical mycobacteria"], "ICD A31", None),
        ("ntm", [], "nontuberculous mycobacteria", [U]),
        ("mycobacterium leprae", ["m. leprae", "leprosy bacteria"], "ICD A30", None),
        ("legionella", ["legionella pneumophila"], "ICD A48.1", None),
        ("mycoplasma", ["mycoplasma pneumoniae", "m. pneumoniae", "mycoplasma genitalium", "m. genitalium"], "ICD B96.0; CDC-AR (watch list)", None),
        ("chlamydia trachomatis", ["c. trachomatis", "chlamydia pneumoniae", "chlamydophila pneumoniae", "chlamydia psittaci"], "ICD A70; ICD A74", None),
        ("treponema pallidum", ["t. pallidum", "syphilis bacteria"], "ICD A53.9", None),
        ("borrelia", ["borrelia burgdorferi", "b. burgdorferi", "borrelia miyamotoi", "borrelia recurrentis", "lyme bacteria", "lyme spirochete", "spirochete"], "ICD A69.2; ICD A68", None),
        ("bartonella", ["bartonella henselae", "bartonella quintana"], "ICD A44", None),
        ("ehrlichia", ["ehrlichia chaffeensis", "anaplasma", "anaplasma phagocytophilum"], "ICD A77.4", None),
        ("rickettsia", ["rickettsia rickettsii", "rickettsia prowazekii", "rickettsiae"], "ICD A75-A77; NIAID Category B", None),
        ("coxiella burnetii", ["c. burnetii"], "ICD A78; NIAID Category B", None),
        ("brucella", ["brucella abortus", "brucella melitensis", "brucella suis"], "ICD A23; NIAID Category B", None),
        ("francisella tularensis", ["f. tularensis"], "ICD A21; NIAID Category A", None),
        ("leptospira", ["leptospira interrogans"], "ICD A27", None),
        ("burkholderia", ["burkholderia pseudomallei", "burkholderia mallei", "burkholderia cepacia"], "ICD A24; NIAID Category B", None),
        ("proteus mirabilis", [], "ICD B96.4", None),
        ("bacteroides fragilis", ["b. fragilis", "enterotoxigenic bacteroides fragilis"], "ICD B96.6 (a gut commensal too)", [C]),
        ("serratia marcescens", ["enterobacter cloacae", "cronobacter sakazakii", "cronobacter"], "MeSH; CDC (Cronobacter)", None),
        ("gardnerella vaginalis", ["g. vaginalis", "gardnerella"], "MeSH (bacterial vaginosis)", None),
        ("porphyromonas gingivalis", ["p. gingivalis", "aggregatibacter actinomycetemcomitans", "a. actinomycetemcomitans", "treponema denticola", "tannerella forsythia", "fusobacterium nucleatum", "f. nucleatum"], "MeSH (periodontal pathogens)", None),
        # Also a skin commensal; acne without a qualifier is in conditions.yaml.
        ("cutibacterium acnes", ["c. acnes", "propionibacterium acnes", "p. acnes", "acne-causing bacteria", "acne bacteria"], "MeSH Propionibacterium acnes", [C]),
        ("helicobacter pylori", ["h. pylori", "helicobacter"], "ICD B96.81", None),
    ]),
    ("Fungi", [
        ("candida", ["candida albicans", "c. albicans", "candida yeast", "candida fungus"], "ICD B37; WHO-FPPL (critical)", None),
        ("candida auris", ["c. auris"], "CDC-AR (urgent); WHO-FPPL (critical)", None),
        ("candida glabrata", ["nakaseomyces glabrata", "c. glabrata", "candida tropicalis", "c. tropicalis", "candida parapsilosis", "c. parapsilosis", "candida krusei", "pichia kudriavzevii", "c. krusei", "non-albicans candida", "fluconazole-resistant candida", "drug-resistant candida"], "WHO-FPPL (high, medium); CDC-AR (serious)", None),
        ("aspergillus fumigatus", ["a. fumigatus", "aspergillus flavus", "a. flavus", "azole-resistant aspergillus"], "ICD B44; WHO-FPPL (critical); CDC-AR (watch list)", None),
        # Aspergillus oryzae and A. niger are enzyme sources (probiotics.yaml).
        ("aspergillus", [], "ICD B44", [C]),
        ("cryptococcus neoformans", ["c. neoformans", "cryptococcus gattii", "c. gattii", "cryptococcus"], "ICD B45; WHO-FPPL (critical)", None),
        ("histoplasma", ["histoplasma capsulatum"], "ICD B39; WHO-FPPL (high)", None),
        ("coccidioides", ["coccidioides immitis", "coccidioides posadasii", "valley fever fungus"], "ICD B38; WHO-FPPL (medium)", None),
        ("blastomyces", ["blastomyces dermatitidis", "paracoccidioides"], "ICD B40-B41", None),
        ("sporothrix", ["sporothrix schenckii"], "ICD B42", None),
        ("pneumocystis jirovecii", ["pneumocystis carinii", "p. jirovecii", "pneumocystis"], "ICD B59; WHO-FPPL (high)", None),
        ("mucorales", ["mucor", "mucormycetes", "zygomycetes"], "ICD B46; WHO-FPPL (critical)", None),
        ("fusarium", ["fusarium solani", "talaromyces marneffei", "penicillium marneffei", "scedosporium", "lomentospora prolificans"], "WHO-FPPL (critical, high, medium)", None),
        ("trichophyton", ["trichophyton rubrum", "trichophyton mentagrophytes", "dermatophyte", "ringworm fungus", "athlete's foot fungus"], "ICD B35", None),
        ("malassezia", ["malassezia furfur", "pityrosporum"], "ICD B36.0 (a skin commensal too)", [C]),
    ]),
    ("Protozoa", [
        ("plasmodium", ["plasmodium falciparum", "p. falciparum", "plasmodium vivax", "p. vivax", "plasmodium malariae", "plasmodium ovale", "plasmodium knowlesi", "malaria parasite"], "ICD B50-B53", None),
        ("giardia", ["giardia lamblia", "giardia intestinalis", "giardia duodenalis", "g. lamblia"], "ICD A07.1; NIAID Category B", None),
        ("cryptosporidium", ["cryptosporidium parvum"], "ICD A07.2; NIAID Category B", None),
        ("cyclospora", ["cyclospora cayetanensis", "cystoisospora belli", "isospora belli"], "ICD A07.3-A07.4", None),
        ("entamoeba histolytica", ["e. histolytica"], "ICD A06; NIAID Category B", None),
        ("blastocystis", ["blastocystis hominis", "dientamoeba fragilis", "d. fragilis"], "CDC-DPD", None),
        ("toxoplasma gondii", ["t. gondii", "toxoplasma"], "ICD B58", None),
        ("trichomonas vaginalis", ["t. vaginalis", "trichomonas"], "ICD A59", None),
        ("babesia", ["babesia microti", "babesia duncani", "babesia divergens"], "ICD B60.0", None),
        ("leishmania", [], "ICD B55", None),
        ("trypanosoma", ["trypanosoma cruzi", "t. cruzi", "trypanosoma brucei"], "ICD B56-B57", None),
        ("naegleria fowleri", ["brain-eating amoeba", "acanthamoeba"], "ICD B60.1-B60.2", None),
        ("protozoa", ["protozoan", "protozoan parasite"], "ICD A07 (other protozoal intestinal diseases)", None),
        ("amoeba", ["amoebae", "amoebic parasite"], "ICD A06", None),
    ]),
    ("Worms and ectoparasites", [
        ("schistosoma", ["schistosoma mansoni", "schistosoma haematobium", "schistosoma japonicum", "blood fluke"], "ICD B65", None),
        ("liver fluke", ["fasciola hepatica", "fasciola", "clonorchis sinensis", "opisthorchis", "lung fluke", "paragonimus", "intestinal fluke", "trematode"], "ICD B66", None),
        # A fluke is also a stroke of luck.
        ("fluke", [], "ICD B66", [C]),
        ("taenia", ["taenia solium", "taenia saginata", "pork tapeworm", "beef tapeworm", "fish tapeworm", "dwarf tapeworm", "diphyllobothrium", "hymenolepis nana", "cestode"], "ICD B68; ICD B70; ICD B71.0", None),
        ("echinococcus", ["echinococcus granulosus", "echinococcus multilocularis", "hydatid tapeworm"], "ICD B67", None),
        ("ascaris lumbricoides", ["ascaris", "giant roundworm"], "ICD B77", None),
        ("enterobius vermicularis", ["enterobius", "threadworm"], "ICD B80", None),
        ("ancylostoma duodenale", ["ancylostoma", "necator americanus"], "ICD B76", None),
        ("strongyloides stercoralis", ["strongyloides"], "ICD B78", None),
        ("trichuris trichiura", ["whipworm", "trichuris"], "ICD B79", None),
        ("trichinella spiralis", ["trichinella", "trichina worm"], "ICD B75", None),
        ("toxocara", ["toxocara canis", "toxocara cati", "baylisascaris", "raccoon roundworm", "anisakis", "anisakis simplex", "herring worm"], "ICD B83.0; ICD B81.0", None),
        # Pet-supplement copy: "prevents heartworm" is an animal-drug claim.
        ("filarial worm", ["wuchereria bancrofti", "brugia malayi", "onchocerca volvulus", "loa loa", "dirofilaria immitis", "heartworm"], "ICD B74", None),
        ("nematode", ["parasitic nematode"], "ICD B76-B83 (also soil and garden biology)", [C]),
        ("scabies mite", ["sarcoptes scabiei", "itch mite"], "ICD B86", None),
        ("demodex", ["demodex mite", "demodex folliculorum", "demodex brevis"], "ICD B88.0 (a skin commensal too)", [C]),
        ("head louse", ["pediculus humanus capitis", "pediculus humanus", "body louse", "pubic louse", "crab louse", "phthirus pubis"], "ICD B85", None),
    ]),
]

ICD_RE = re.compile(r"ICD ([A-Z]\d\d(?:\.\d{1,4})?)(?:-([A-Z]?\d\d(?:\.\d{1,4})?))?")

SPECIAL = set(':#,[]{}&*!|>"%@`')


def q(s):
    if any(c in SPECIAL for c in s) or s[:1] in "-?'" or s != s.strip():
        return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'
    return s


def emit(out):
    lines = [HEADER.rstrip("\n"), "lexicon: pathogens",
             'description: "Bacteria, viruses, fungi and parasites that cause human disease, resistant strains and viral-load wording; a claim word with one of them is a disease claim (21 CFR 101.93(g)(2)(viii))"',
             "terms:"]
    for title, entries in GROUPS:
        lines.append(f"  # --- {title} " + "-" * max(3, 70 - len(title)))
        for term, aliases, source, needs in entries:
            lines.append(f"  - term: {q(term)}")
            if aliases:
                lines.append("    aliases: [" + ", ".join(q(a) for a in aliases) + "]")
            lines.append('    source: "' + source.replace('\\', '\\\\').replace('"', '\\"') + '"')
            if needs:
                lines.append("    needs: [" + ", ".join(needs) + "]")
    text = "\n".join(lines) + "\n"
    with open(out, "w") as f:
        f.write(text)
    return text


def load_icd(wheel):
    z = zipfile.ZipFile(wheel)
    name = next(n for n in z.namelist() if re.search(r"icd10c?m?-tabular.*\.xml$", n) or re.search(r"tabular.*\.xml$", n))
    root = ET.fromstring(z.read(name))
    idx = {}
    for d in root.iter("diag"):
        idx[d.findtext("name")] = d.findtext("desc")
    for s in root.iter("section"):
        idx.setdefault(s.get("id", ""), s.findtext("desc"))
    return name, idx


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheel", help="path or glob of the simple-icd-10-cm wheel")
    ap.add_argument("--out", default="pathogens.yaml")
    ap.add_argument("--report", default=None)
    a = ap.parse_args()
    emit(a.out)
    n_terms = sum(len(e) for _, e in GROUPS)
    n_alias = sum(len(x[1]) for _, e in GROUPS for x in e)
    print(f"wrote {a.out}: {n_terms} terms, {n_alias} aliases", file=sys.stderr)
    if not a.wheel:
        return 0
    paths = glob.glob(a.wheel)
    if not paths:
        print(f"no wheel at {a.wheel}", file=sys.stderr)
        return 1
    name, idx = load_icd(paths[0])
    bad = 0
    rows = []
    for _, entries in GROUPS:
        for term, _aliases, source, _ in entries:
            for m in ICD_RE.finditer(source):
                for code in filter(None, m.groups()):
                    if not code[0].isalpha():
                        code = m.group(1)[0] + code
                    title = idx.get(code)
                    if title is None:
                        bad += 1
                        rows.append((term, code, "MISSING"))
                    else:
                        rows.append((term, code, title))
    if a.report:
        with open(a.report, "w") as f:
            f.write(f"term\tcode\tICD-10-CM title ({name})\n")
            for r in rows:
                f.write("\t".join(r) + "\n")
    print(f"checked {len(rows)} ICD-10-CM citations against {name}: {bad} missing", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
