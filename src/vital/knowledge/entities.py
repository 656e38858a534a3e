"""A rule-based entity extractor for life-science text (documented in docs/knowledge.md).

No model and no download: a gazetteer of canonical names with their variants,
patterns for regulation citations, trial ids and drug stems, and acronym
definitions ("Write-Ahead Log (WAL)"), which makes it useful on any technical
text. Each mention carries the canonical name, so "IRB" and "institutional
review boards" become one graph node. Its known weakness is recall: entities
that are neither in the gazetteer nor follow a pattern are missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EXTRACTOR = "vital-rules-1"

# entity_type (rag_extracted_entities) -> kind (kg_nodes)
KIND = {"drug": "drug", "disease": "disease", "gene": "gene", "protein": "protein", "biomarker": "biomarker",
        "adverse_event": "adverse_event", "procedure": "procedure", "endpoint": "endpoint",
        "organization": "organization", "regulation": "regulation", "person": "concept", "location": "concept",
        "other": "concept"}

# canonical name -> (entity type, variants); matching ignores case and a plural "s".
GAZETTEER: dict[str, tuple[str, tuple[str, ...]]] = {
    "FDA": ("organization", ("Food and Drug Administration", "US FDA", "U.S. FDA")),
    "EMA": ("organization", ("European Medicines Agency",)),
    "MHRA": ("organization", ("Medicines and Healthcare products Regulatory Agency",)),
    "PMDA": ("organization", ("Pharmaceuticals and Medical Devices Agency",)),
    "Health Canada": ("organization", ()),
    "WHO": ("organization", ("World Health Organization",)),
    "International Council for Harmonisation": ("organization", ("ICH",)),
    "CHMP": ("organization", ("Committee for Medicinal Products for Human Use",)),
    "PRAC": ("organization", ("Pharmacovigilance Risk Assessment Committee",)),
    "institutional review board": ("organization", ("IRB", "ethics committee", "independent ethics committee",
                                                    "IEC", "research ethics committee")),
    "data monitoring committee": ("organization", ("DMC", "data safety monitoring board", "DSMB",
                                                   "data and safety monitoring board")),
    "contract research organisation": ("organization", ("contract research organization", "CRO")),
    "Good Clinical Practice": ("regulation", ("GCP",)),
    "Good Manufacturing Practice": ("regulation", ("GMP", "cGMP")),
    "Good Laboratory Practice": ("regulation", ("GLP",)),
    "Good Pharmacovigilance Practices": ("regulation", ("GVP",)),
    "GDPR": ("regulation", ("General Data Protection Regulation",)),
    "HIPAA": ("regulation", ("Health Insurance Portability and Accountability Act",)),
    "EU Clinical Trials Regulation": ("regulation", ("EU CTR", "CTR 536/2014")),
    "EU MDR": ("regulation", ("Medical Device Regulation",)),
    "serious adverse event": ("adverse_event", ("SAE",)),
    "adverse event": ("adverse_event", ("AE",)),
    "adverse drug reaction": ("adverse_event", ("ADR",)),
    "SUSAR": ("adverse_event", ("suspected unexpected serious adverse reaction",)),
    "informed consent": ("procedure", ("informed consent form", "ICF", "electronic consent", "eConsent")),
    "randomisation": ("procedure", ("randomization",)),
    "blinding": ("procedure", ("double-blind", "double blind")),
    "source data verification": ("procedure", ("SDV",)),
    "risk-based monitoring": ("procedure", ("risk based monitoring", "RBM")),
    "risk-based quality management": ("other", ("risk based quality management", "RBQM")),
    "monitoring visit": ("procedure", ("site monitoring visit",)),
    "site initiation visit": ("procedure", ("SIV",)),
    "CAPA": ("procedure", ("corrective and preventive action", "corrective and preventative action")),
    "root cause analysis": ("procedure", ()),
    "signal detection": ("procedure", ("safety signal detection",)),
    "case processing": ("procedure", ("ICSR processing",)),
    "GCP training": ("procedure", ()),
    "audit": ("procedure", ()),
    "inspection": ("procedure", ("regulatory inspection",)),
    "individual case safety report": ("other", ("ICSR",)),
    "trial master file": ("other", ("TMF", "eTMF")),
    "MedDRA": ("other", ("Medical Dictionary for Regulatory Activities",)),
    "primary endpoint": ("endpoint", ()),
    "secondary endpoint": ("endpoint", ()),
    "overall survival": ("endpoint", ("OS",)),
    "progression-free survival": ("endpoint", ("progression free survival", "PFS")),
    "objective response rate": ("endpoint", ("ORR",)),
    "quality of life": ("endpoint", ("QoL", "health-related quality of life")),
    "HbA1c": ("biomarker", ("glycated haemoglobin", "glycated hemoglobin")),
    "PD-L1": ("biomarker", ()),
    "HER2": ("biomarker", ()),
    "ctDNA": ("biomarker", ("circulating tumour DNA", "circulating tumor DNA")),
    "C-reactive protein": ("biomarker", ("CRP",)),
    "troponin": ("biomarker", ()),
    "EGFR": ("gene", ()),
    "BRCA1": ("gene", ()),
    "BRCA2": ("gene", ()),
    "KRAS": ("gene", ()),
    "TP53": ("gene", ()),
    "insulin": ("drug", ()),
    "metformin": ("drug", ()),
    "aspirin": ("drug", ("acetylsalicylic acid",)),
    "paracetamol": ("drug", ("acetaminophen",)),
    "warfarin": ("drug", ()),
    "heparin": ("drug", ()),
    "placebo": ("other", ()),
    "cancer": ("disease", ("cancers",)),
    "diabetes": ("disease", ("diabetes mellitus", "type 2 diabetes", "type 1 diabetes")),
    "hypertension": ("disease", ("high blood pressure",)),
    "asthma": ("disease", ()),
    "COPD": ("disease", ("chronic obstructive pulmonary disease",)),
    "HIV": ("disease", ("human immunodeficiency virus",)),
    "COVID-19": ("disease", ("SARS-CoV-2 infection",)),
    "tuberculosis": ("disease", ()),
    "malaria": ("disease", ()),
    "multiple sclerosis": ("disease", ()),
    "rheumatoid arthritis": ("disease", ()),
    "Alzheimer's disease": ("disease", ("Alzheimer disease",)),
    "Parkinson's disease": ("disease", ("Parkinson disease",)),
    "heart failure": ("disease", ()),
    "myocardial infarction": ("disease", ("heart attack",)),
    "stroke": ("disease", ()),
}

# Patterns: (entity type, regex, confidence). Names are canonicalised by _canon.
PATTERNS: list[tuple[str, re.Pattern, float]] = [
    ("regulation", re.compile(r"\bICH[ -]?[EQSM]\d{1,2}[A-Z]?(?:\s?\(R\d\))?"), 0.95),
    ("regulation", re.compile(r"\b\d{1,2}\s?CFR\s?(?:Part\s?)?\d+(?:\.\d+)?"), 0.95),
    ("regulation", re.compile(r"\bRegulation \((?:EU|EC)\) (?:No\.? )?\d+/\d+"), 0.9),
    ("regulation", re.compile(r"\bDirective \d+/\d+/E[CU]\b"), 0.9),
    ("other", re.compile(r"\bNCT\d{8}\b"), 0.95),
    ("drug", re.compile(r"\b[a-z]{3,}(?:mab|tinib|ciclib|parib|previr|gliptin|gliflozin|glutide|sartan|statin"
                        r"|floxacin|cillin|mycin|prazole|setron|triptan|zepam)\b", re.I), 0.7),
    ("disease", re.compile(r"\b(?:[a-z]{4,}itis|[a-z]*(?:carcinoma|lymphoma|melanoma|leuka?emia|sarcoma|myeloma))s?\b",
                           re.I), 0.6),
]
# "Full Name (ABBR)": a definition. An organisation if the name says so, else a concept.
_DEFINITION = re.compile(r"\b((?:[A-Z][\w-]*\s+(?:(?:of|for|and|the|in|on|to)\s+)?){1,7}[A-Z][\w-]*)\s+\(([A-Z][A-Za-z0-9&-]{1,9})\)")
_ARTICLE = re.compile(r"(The|A|An|This|These|Our|Its)\s+")
_ORG_WORDS = re.compile(r"\b(Agency|Administration|Council|Committee|Board|Association|Organi[sz]ation|Institute|"
                        r"Authority|Commission|Foundation|Society|Ministry|Department)\b")


@dataclass(frozen=True)
class Mention:
    text: str           # as written in the text
    name: str           # canonical name
    entity_type: str
    start: int
    end: int
    confidence: float

    @property
    def kind(self) -> str:
        return KIND[self.entity_type]

    @property
    def normalized(self) -> str:
        return self.name.lower()

    @property
    def key(self) -> str:
        return node_key(self.kind, self.name)


def node_key(kind: str, name: str) -> str:
    """kg_nodes.normalized_key: <kind>:<slug>, the form its CHECK demands."""
    slug = re.sub(r"[^a-z0-9.]+", "-", name.lower()).strip("-.")
    return f"{kind}:{slug or 'x'}"


def _gazetteer_pattern() -> tuple[re.Pattern, dict[str, str]]:
    canonical = {}
    for name, (_, variants) in GAZETTEER.items():
        for form in (name, *variants):
            canonical[form.lower()] = name
    # Longest first, so that "serious adverse event" wins over "adverse event".
    forms = sorted(canonical, key=len, reverse=True)
    # Short all-caps forms (AE, OS, ICH) match case-sensitively, the rest ignore case.
    alternatives = [f"(?-i:{re.escape(f.upper())})" if len(f) <= 4 and f.upper() == _form(f, canonical) else
                    re.escape(f) for f in forms]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")s?(?![\w-])", re.I), canonical


def _form(lower: str, canonical: dict[str, str]) -> str:
    name = canonical[lower]
    for form in (name, *GAZETTEER[name][1]):
        if form.lower() == lower:
            return form
    return lower


_GAZETTEER, _CANONICAL = _gazetteer_pattern()


def extract(text: str) -> list[Mention]:
    """Mentions in `text`, without overlaps (the longest match wins), in text order."""
    found: list[Mention] = []
    for m in _GAZETTEER.finditer(text):
        surface = m.group()
        key = surface.lower()
        name = _CANONICAL.get(key) or _CANONICAL.get(key[:-1])
        if name:
            found.append(Mention(surface, name, GAZETTEER[name][0], m.start(), m.end(), 0.9))
    for entity_type, pattern, confidence in PATTERNS:
        for m in pattern.finditer(text):
            found.append(Mention(m.group(), _canon(m.group()), entity_type, m.start(), m.end(), confidence))
    for m in _DEFINITION.finditer(text):
        article = _ARTICLE.match(m.group(1))
        start = m.start() + (article.end() if article else 0)
        full, abbr = text[start:m.start(2) - 1].strip().rstrip("("), m.group(2)
        full = full.strip()
        if abbr.lower() in _CANONICAL or full.lower() in _CANONICAL:
            continue
        entity_type = "organization" if _ORG_WORDS.search(full) else "other"
        found.append(Mention(text[start:m.end()], f"{full} ({abbr})", entity_type, start, m.end(), 0.75))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[Mention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _canon(surface: str) -> str:
    text = re.sub(r"\s+", " ", surface.strip())
    if re.match(r"ICH", text, re.I):  # ICH E6(R3), ICH-E6 (R3) -> ICH E6(R3)
        m = re.match(r"ICH[ -]?([EQSM]\d{1,2}[A-Z]?)\s?(\(R\d\))?", text, re.I)
        return f"ICH {m.group(1).upper()}{(m.group(2) or '').upper()}"
    return text if any(c.isupper() for c in text[1:]) else text.lower()
