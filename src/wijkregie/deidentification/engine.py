"""The de-identification engine: free text in, the shareable version and the spans out.

Pure Python, no Django: the same function serves the app (through ``services``), the command
line (``wijkregie deidentify``) and the corpus test. It layers three detectors and one rescue:

1. **Patterns** (strong): e-mail addresses, phone numbers in every Dutch notation, BSNs (the
   11-test) and client or file numbers, postcodes, street names with house numbers, dates, ages
   next to a person, names after a title or a word of kinship ("mevrouw Bakker", "buurman Henk"),
   schools and care institutions named by kind ("basisschool De Rank"), and the details the
   writer marked by hand.
2. **deduce** (the Dutch de-identification model): first names and surnames from its lookup
   lists, places, institutions, dates, ages, identifiers.
3. **Proper names** (weak): a capitalised word in the middle of a sentence is a name in Dutch,
   unless the allow-list or the vocabulary of the social domain knows it.
4. **The allow-list rescues** what the registers know is not personal — the municipality's
   places, wijken and buurten, the organisations, themes and chains — from the weak detectors
   (deduce and proper names). It never rescues a strong pattern: "mevrouw Zaandam" stays a name.

Every name found once is removed wherever it occurs again. Titles and words of kinship stay
("mevrouw [PERSOON-1]"), so the story keeps its grammar.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

#: Bumped whenever the rules change, so stored texts can be re-run (``wijkregie redeidentify``).
ENGINE_VERSION = 2

#: Tag per kind of detail, as shown in the shared text.
TAGS = {
    "persoon": "PERSOON",
    "adres": "ADRES",
    "postcode": "POSTCODE",
    "leeftijd": "LEEFTIJD",
    "datum": "DATUM",
    "telefoon": "TELEFOONNUMMER",
    "email": "E-MAILADRES",
    "bsn": "BSN",
    "nummer": "NUMMER",
    "instelling": "INSTELLING",
    "locatie": "LOCATIE",
    "url": "URL",
    "gemarkeerd": "VERWIJDERD",
}
#: Kinds whose tag is numbered per distinct value, so a story can tell two people apart.
NUMBERED = {"persoon", "instelling", "adres", "locatie"}
#: When spans of two kinds overlap, the merged span takes the kind that comes first.
PRIORITY = [
    "gemarkeerd",
    "bsn",
    "email",
    "url",
    "telefoon",
    "adres",
    "postcode",
    "datum",
    "nummer",
    "leeftijd",
    "instelling",
    "persoon",
    "locatie",
]


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# --- vocabulary -------------------------------------------------------------------------------
TITLES = (
    r"[Mm]evrouw|[Dd]okter|[Vv]oorzitter|[Nn]otulist|[Mm]evr\.?|[Mm]w\.?|[Dd]e heer|[Hh]eer"
    r"|[Mm]eneer|[Mm]r\.?|[Dd]hr\.?|[Dd]r\.?"
    r"|[Ff]amilie|[Ff]am\.?|[Gg]ezin|[Ww]ijlen"
)
KIN = (
    r"buurman|buurvrouw|buren|buurjongen|buurmeisje|moeder|vader|dochter|zoon|zus|zuster|broer"
    r"|oma|opa|tante|oom|neef|nicht|man|vrouw|partner|echtgenoot|echtgenote|vriend|vriendin"
    r"|kleinzoon|kleindochter|schoonzoon|schoondochter|schoonmoeder|schoonvader|stiefvader"
    r"|stiefmoeder|cliënt|client|cliënte|bewoner|bewoonster|inwoner|inwoonster|leerling|kind"
    r"|baby|peuter|puber|jongen|meisje|collega|mantelzorger|vrijwilliger|begeleider|coach"
    r"|klant|mentor|maatje|huisarts|wijkagent|wijkverpleegkundige|casemanager|juf|meester"
)
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
PARTICLES = r"(?:(?:van|de|der|den|het|ter|ten|te|in 't|'t|el|al|ben|bin|da|di|du|le|la|op)\s+)*"
NAME_WORD = rf"[{UPPER}][^\W\d_]*(?:['’][^\W\d_]+)*(?:-[{UPPER}][^\W\d_]+)?"
INITIALS = r"(?:[A-Z]\.\s?){1,4}"
MONTHS = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
STREET_SUFFIX = (
    r"straat|weg|laan|plein|gracht|kade|dijk|singel|pad|hof|dreef|steeg|plantsoen|erf|wal"
    r"|markt|park|baan|boulevard|allee|burcht|zijde|oord|ring|tuin|hoek|pleintje|veld"
    r"|dam|haven|poort|straatje|water|wei|weide|kwartier|stede"
)
INSTITUTION_KINDS = (
    r"basisschool|school|obs|cbs|kbs|pcbs|rkbs|brede school|middelbare school|kinderopvang"
    r"|kinderdagverblijf|kdv|peuterspeelzaal|peuteropvang|bso|verpleeghuis|verzorgingshuis"
    r"|zorgcentrum|woonzorgcentrum|zorginstelling|zorgboerderij|kliniek|ziekenhuis"
    r"|huisartsenpraktijk|praktijk|woongroep|woonvoorziening|moskee|kerk|gemeente|vereniging"
    r"|sportvereniging|voetbalclub|college|lyceum|mavo|vmbo|havo|atheneum|opvang|sportschool"
    r"|instelling|kinderboerderij|buurthuis|wijkcentrum|speeltuin"
)

#: Words of the social domain that are capitalised but never a person (extend with the
#: ``WIJKREGIE_DEIDENTIFY_ALLOW`` setting or, better, through the registers).
DOMAIN_WORDS = _words(
    """
    Wmo Jeugdwet Participatiewet Zorgverzekeringswet Wlz Zvw Wet AVG BSN Gemeente Zaanstad
    Veilig Thuis Voedselbank Sociaal Sociale Wijkteam Wijkteams Jeugd Gezin Centrum CJG GGD GGZ
    UWV SVB CAK CIZ Belastingdienst Toeslagen DUO Politie Raad Kinderbescherming
    Jeugdbescherming Schuldhulpverlening Schuldhulp Formulierenbrigade Humanitas Leger Heils
    Rode Kruis Zilveren Kruis Zorg Welzijn Wijkzorg Buurtzorg Thuiszorg Rekenkamer Nederland
    Nederlands Nederlandse Noord-Holland Amsterdam Haarlem Alkmaar Purmerend Wormerland
    Oostzaan Turks Turkse Marokkaans Marokkaanse Pools Poolse Syrisch Syrische Arabisch Engels
    Eritrees Eritrese Oekraïens Oekraïense Surinaams Surinaamse Antilliaans Ghanees Somalisch
    Kerst Kerstmis Ramadan Suikerfeest Pasen Pinksteren Koningsdag Oud Nieuw Nieuwjaar
    Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag Januari Februari Maart April
    Mei Juni Juli Augustus September Oktober November December Excel Teams Outlook WhatsApp
    Word PDF IB PvE KPI RBA Kwaliteitskompas Stip Steunpunt Mantelzorg Vrijwilligerscentrale
    Zaanstreek Zaan Zaanse Zaankanter Zaankanters Statushouders Statushouder Inburgering
    Taalhuis Bibliotheek Buurtteam Wijkcentrum Buurthuis Ouderenwerk Jongerenwerk Opbouwwerk
    Welzijn Recept Budgetcoach Budgetcoaches Thuisadministratie Sociaal Raadslieden
    Raadsliedenwerk Ketenregisseur Contractmanager Beleid Gemeenteraad Wethouder
    Kwartaal Halfjaar DigiD Keten Samen Vitaal Gezond Ouder Beweging Welkom Actie Plan Team
    """
)

#: Dutch words that start a sentence with a capital without being a name.
STOP_WORDS = _words(
    """
    de het een in op bij na voor via met door over om uit aan van tot als er we wij ze zij hij
    wijk buurt team gemeente overleg casus melding brief
    haar zijn onze ons mijn jouw hun dit deze die dat daar ook en maar omdat toen sinds nu dan
    wel niet geen al nog bel mail besluit afgesproken notulen aanwezig signaal actiepunt
    volgende meerdere cliënten bereikbaar contact dossier huurder ik je u wie wat waar hoe
    waarom wanneer elke iedere alle veel weinig twee drie vier vijf zes zeven acht negen tien
    eerste tweede derde laatste nieuw nieuwe oud oude ook zo samen verder tijdens zonder
    vanwege namens per tegen onder boven achter naast tussen binnen buiten vandaag morgen
    gisteren daarna daarom eerst inmiddels ondanks volgens dankzij helaas gelukkig wel
    """
)

# --- patterns ---------------------------------------------------------------------------------
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()]+[^\s<>().,;:!?]")
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?31[\s.\-]?(?:\(0\)[\s.\-]?)?|\(0|0)"
    r"\d(?:\)?[\s.\-/]{0,3}\d){8}(?!\d)"
)
NUMBER_RUN = re.compile(r"(?<![\w.,€])\d(?:[\s.\-]?\d){7,8}(?![\w,]|\.\d)")
CLIENT_NUMBER = re.compile(
    r"\b(?:(?:klant|cliënt|client|dossier|registratie|zaak|relatie|lid|patiënt|debiteur"
    r"|contract|burgerservice|huur|polis|aanvraag|beschikkings?|meldings?)nummer|kenmerk|nr\.?"
    r"|dossier|referentie|ref\.?|bsn|id)\s*[:#.]?\s*"
    r"(?P<id>[A-Za-z]{0,5}[-/]?\d[\dA-Za-z\-/.]*\d|\d)",
    re.IGNORECASE,
)
CODE_ID = re.compile(r"\b[A-Z]{1,5}[-/]?(?:\d+[-/])*\d{4,}(?:[-/]\d+)*\b|\b\d{5,}\b")
POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")
HOUSE_NUMBER = r"\d{1,4}(?:\s?[a-zA-Z](?![a-zA-Z]))?(?:[-\s](?:hs|bis|zw|rd|\d{1,3}(?!\d)))?"
STREET = re.compile(
    rf"\b(?:(?:{NAME_WORD}|[A-Z]\.|v\.|van|de|der|den|'t)\s)*"
    rf"[{UPPER}][\w'’.-]*?(?:{STREET_SUFFIX})\b(?P<number>\s+{HOUSE_NUMBER}\b)?"
)
NUMBER_AS_ADDRESS = re.compile(
    rf"\b(?:huisnummer|nummer|nr\.?|portiek|flat|appartement)\s+(?P<n>{HOUSE_NUMBER})\b",
    re.IGNORECASE,
)
WEEKDAYS = r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo"
DATE = re.compile(
    rf"(?:\b(?:{WEEKDAYS})\.?\s+)?(?:"
    rf"\b\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})\b"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    rf"|\b\d{{1,2}}(?:e|ste|de)?\s+(?:{MONTHS})\.?(?:\s+(?:19|20)\d{{2}})?\b)",
    re.IGNORECASE,
)
BIRTH = re.compile(
    r"\b(?:geboren|geb\.|geboortedatum|geboortejaar)\s*(?:op|in|:)?\s*"
    r"(?P<d>\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|(?:19|20)\d{2})",
    re.IGNORECASE,
)
AGE = re.compile(
    r"\(\s?\d{1,3}\s?(?:jaar|jr\.?)?\s?\)"
    r"|\b\d{1,3}[-\s]?jarige?n?\b"
    r"|\b\d{1,3}\s?(?:jaar|jr\.?)(?=\s+oud\b)"
    r"|(?<=\bleeftijd )(?:van\s)?\d{1,3}\b",
    re.IGNORECASE,
)
#: "is 79 jaar", "was 84 en", "een jongen van 15 uit": an age only where the sentence is about
#: a person (a name, title, word of kinship or personal pronoun before it).
AGE_AFTER_VERB = re.compile(
    r"\b(?:is|was|werd|wordt|ben|zijn|waren|van|vanaf|bijna|ruim|pas|net)\s"
    r"(?P<age>\d{1,3}(?:\s?(?:jaar|jr\.?)(?!\s+(?:lang|geleden|bekend|mantelzorger|in|bij|werkzaam)))?)"
    r"(?=\s?(?:jaar\b|jr\b|[,.;)]|\s(?:en|uit|woont|is|heeft|zit|en\b)\b|$))",
    re.IGNORECASE,
)
PERSON_CONTEXT = re.compile(rf"\b(?i:hij|zij|ze|zijn|haar|{TITLES}|{KIN})\b")
AGE_AFTER_NAME = re.compile(
    rf"(?P<name>(?<![\w'’-])[{UPPER}][\w'’-]+)\s?(?=\(\s?\d{{1,3}}\s?(?:jaar|jr\.?)?\s?\))"
)
TITLED_NAME = re.compile(
    rf"\b(?:{TITLES})\s+(?P<name>(?:{INITIALS})?{PARTICLES}{NAME_WORD}(?:\s{NAME_WORD})?)"
)
INITIALS_NAME = re.compile(rf"(?<![\w.])(?P<name>{INITIALS}{PARTICLES}{NAME_WORD})")
KIN_NAME = re.compile(
    rf"\b(?i:{KIN})\s+(?P<name>{PARTICLES}{NAME_WORD}(?:\s{PARTICLES}{NAME_WORD})?)"
)
INSTITUTION = re.compile(
    rf"\b(?i:{INSTITUTION_KINDS})\s+(?P<name>(?:[Dd]e\s|[Hh]et\s|'t\s)?"
    rf"[{UPPER}][\w'’-]*(?:\s(?:van\s|de\s|der\s|het\s|op\s)*[{UPPER}][\w'’-]*)*)"
)
CAPITALISED = re.compile(
    rf"(?:\b(?:De|Het|'t|Den|Ter|Van)\s)?[{UPPER}][\w'’]*(?:-[\w'’]+)*"
    rf"(?:\s(?:van\s|de\s|der\s|den\s|het\s|op\s|aan\s)*[{UPPER}][\w'’]*(?:-[\w'’]+)*)*"
)
STREET_TAIL = re.compile(
    rf"(?:^|\s+(?:(?:van|de|der|den|het|op|aan)\s+)*)[{UPPER}][\w'’-]*(?:{STREET_SUFFIX})$"
)
SENTENCE_END = re.compile(r"(?:[.!?:;•\-–—]\s*|\n\s*|^\s*|[\"'“‘(]\s*)$")


def bsn_valid(digits: str) -> bool:
    """The 11-test (elfproef) of a BSN."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0 and digits != "000000000"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    text: str
    strong: bool = True
    detector: str = "pattern"

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "tag": TAGS[self.kind],
            "text": self.text,
            "detector": self.detector,
        }


@dataclass
class Result:
    text: str
    spans: list[Span] = field(default_factory=list)
    version: int = ENGINE_VERSION


#: A model returns (start, end, kind) for a text: deduce behind ``model.py``.
Model = Callable[[str], Iterable[tuple[int, int, str]]]


def _word_pattern(terms: Iterable[str]) -> re.Pattern | None:
    cleaned = sorted({t.strip() for t in terms if t and len(t.strip()) >= 2}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(re.sub(r"(?:\\ |\\-|-)+", r"[\\s-]+", re.escape(t)) for t in cleaned)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


class Deidentifier:
    """Configured once with the allow-list (from the registers) and an optional model."""

    def __init__(
        self,
        allow: Iterable[str] = (),
        model: Model | None = None,
        common_words: Iterable[str] = (),
    ):
        #: Common Dutch words (deduce's lists): capitalised at a sentence's start, not names.
        self.common_words = STOP_WORDS | {w.lower() for w in common_words}
        self.allow_terms = {t.strip() for t in allow if t and t.strip()}
        self.allow_words = {w.lower() for w in DOMAIN_WORDS} | {
            t.lower() for t in self.allow_terms if " " not in t
        }
        self._allow = _word_pattern(self.allow_terms | DOMAIN_WORDS)
        self.model = model

    # --- detection ------------------------------------------------------------------------
    def _patterns(self, text: str) -> list[Span]:
        spans: list[Span] = []

        def add(start, end, kind, strong=True, detector="pattern"):
            if end > start:
                spans.append(Span(start, end, kind, text[start:end], strong, detector))

        for m in EMAIL.finditer(text):
            add(m.start(), m.end(), "email")
        for m in URL.finditer(text):
            add(m.start(), m.end(), "url")
        for m in PHONE.finditer(text):
            add(m.start(), m.end(), "telefoon")
        for m in NUMBER_RUN.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if len(digits) == 9 and bsn_valid(digits):
                add(m.start(), m.end(), "bsn")
            elif len(digits) >= 8:
                add(m.start(), m.end(), "nummer")
        for m in CLIENT_NUMBER.finditer(text):
            add(m.start("id"), m.end("id"), "nummer")
        for m in CODE_ID.finditer(text):
            code = m.group()
            if (
                re.fullmatch(r"(?:GM|WK|BU)\d{4,8}", code)
                or text[max(0, m.start() - 2) : m.start()].strip() == "€"
            ):
                continue  # CBS area codes and amounts are not personal
            add(m.start(), m.end(), "nummer")
        for m in POSTCODE.finditer(text):
            add(m.start(), m.end(), "postcode")
        for m in STREET.finditer(text):
            start = m.start()
            # Leading sentence-start or article words are not part of the street.
            words = m.group()[: (m.start("number") if m.group("number") else m.end()) - start]
            lead = re.match(
                rf"(?:(?:de|het|in|op|aan|bij|naar|van|uit|via|{TITLES})\s)+", words, re.IGNORECASE
            )
            if lead:
                start += lead.end()
            # "Annelies Kramer van de Lindelaan 4": a person of the street, not one street name.
            # Streets say "van der"/"van den" in a name; "van de"/"uit het" mark where one lives.
            splits = list(
                re.finditer(
                    r"\b(?:van|uit|aan|op|bij|naar|in)\s+(?:de|het|'t)\s+",
                    text[start : m.start("number") if m.group("number") else m.end()],
                )
            )
            if splits:
                start += splits[-1].end()
            numbered = m.group("number") is not None
            add(start, m.end(), "adres", strong=numbered)
        for m in NUMBER_AS_ADDRESS.finditer(text):
            add(m.start("n"), m.end("n"), "adres")
        for m in DATE.finditer(text):
            add(m.start(), m.end(), "datum")
        for m in BIRTH.finditer(text):
            add(m.start("d"), m.end("d"), "datum")
        for m in AGE.finditer(text):
            add(m.start(), m.end(), "leeftijd")
        for m in AGE_AFTER_VERB.finditer(text):
            add(m.start("age"), m.end("age"), "leeftijd", detector="age-after-verb")
        for m in AGE_AFTER_NAME.finditer(text):
            add(m.start("name"), m.end("name"), "persoon")
        for pattern in (TITLED_NAME, INITIALS_NAME):
            for m in pattern.finditer(text):
                add(m.start("name"), m.end("name"), "persoon")
        for m in KIN_NAME.finditer(text):
            start = m.start("name")
            article = re.match(r"(?:van|op|bij|in)\s+(?=(?:De|Het|Den|'t)\s)", m.group("name"))
            add(start + (article.end() if article else 0), m.end("name"), "persoon", strong=False)
        for m in INSTITUTION.finditer(text):
            add(m.start("name"), m.end("name"), "instelling", strong=False)
        spans.extend(self._proper_names(text))
        return spans

    def _proper_names(self, text: str) -> list[Span]:
        """Capitalised words in the middle of a sentence (weak: the allow-list rescues)."""
        spans = []
        for m in CAPITALISED.finditer(text):
            start, word = m.start(), m.group()
            if SENTENCE_END.search(text[:start]):
                # The first word of a sentence is capitalised anyway: drop it when it is a
                # common word; a single other word is left to deduce's name lists.
                first, _, rest = word.partition(" ")
                if (
                    first.lower() in self.common_words
                    or first.lower() in self.allow_words
                    or re.fullmatch(TITLES, first)
                    or re.fullmatch(KIN, first, re.IGNORECASE)
                ):
                    if not rest:
                        continue
                    start += len(first) + 1
                    word = rest
                elif not rest:
                    continue
            # "Annelies Kramer van de Lindelaan": the run ends in a street; the street has its
            # own detector, the name ends before the particles.
            street = STREET_TAIL.search(word)
            if street:
                word = word[: street.start()]
                if not word:
                    continue
            words = [w for w in re.split(r"[\s-]+", word) if w]
            if all(
                w.lower() in self.allow_words
                or w.lower() in STOP_WORDS
                or w[0].islower()
                or any(ch.isdigit() for ch in w)
                or (w.isupper() and len(w) <= 6)
                for w in words
            ):
                continue  # acronyms (GGD, DOCK), domain words and particles
            spans.append(Span(start, start + len(word), "persoon", word, False, "name"))
        return spans

    def _model(self, text: str) -> list[Span]:
        if self.model is None:
            return []
        spans = []
        for start, end, kind in self.model(text):
            strong = kind in {"datum", "telefoon", "email", "bsn", "leeftijd", "url", "nummer"}
            # deduce may run a name over a full stop ("Galenstraat. Buurman Piet"): one span
            # per sentence, without surrounding spaces.
            for s, e in _sentences(text, start, end):
                if kind == "persoon":
                    s = self._trim_title(text, s, e)
                elif kind == "locatie":  # "van de Lindelaan 4": the particles stay in the story
                    s += len(re.match(r"(?:[a-z']+\s+)*", text[s:e]).group())
                if e > s:
                    spans.append(Span(s, e, kind, text[s:e], strong, "deduce"))
        return spans

    @staticmethod
    def _trim_title(text: str, start: int, end: int) -> int:
        """Keep titles, words of kinship and lowercase words ("collega", "mevrouw", "Buurman")
        out of a person's span, so that the story keeps them."""
        while True:
            m = re.match(r"(\S+)\s+(?=\S)", text[start:end])
            if not m:
                return start
            word = m.group(1)
            if not (
                re.fullmatch(TITLES, word)
                or re.fullmatch(KIN, word, re.IGNORECASE)
                or word[0].islower()
            ):
                return start
            start += m.end()

    def _marked(self, text: str, marked: Iterable[str]) -> list[Span]:
        pattern = _word_pattern(marked)
        if pattern is None:
            return []
        return [
            Span(m.start(), m.end(), "gemarkeerd", m.group(), True, "marked")
            for m in pattern.finditer(text)
        ]

    # --- the allow-list ---------------------------------------------------------------------
    def _protected(self, text: str) -> list[tuple[int, int]]:
        if self._allow is None:
            return []
        return [(m.start(), m.end()) for m in self._allow.finditer(text)]

    @staticmethod
    def _rescue(span: Span, protected: list[tuple[int, int]]) -> list[Span]:
        """The parts of a weak span that the allow-list does not cover."""
        pieces = [(span.start, span.end)]
        for p_start, p_end in protected:
            next_pieces = []
            for s, e in pieces:
                if p_end <= s or p_start >= e:
                    next_pieces.append((s, e))
                    continue
                if s < p_start:
                    next_pieces.append((s, p_start))
                if p_end < e:
                    next_pieces.append((p_end, e))
            pieces = next_pieces
        out = []
        text = span.text
        for s, e in pieces:
            piece = text[s - span.start : e - span.start]
            lead = len(piece) - len(piece.lstrip(" -/,.'"))
            trail = len(piece) - len(piece.rstrip(" -/,.'"))
            s, e = s + lead, e - trail
            piece = text[s - span.start : e - span.start]
            # What is left must still look like a detail: a capital or a digit, not "en", "de".
            if e > s and re.search(r"[A-Z\d]", piece) and piece.lower() not in {"de", "het"}:
                out.append(Span(s, e, span.kind, piece, span.strong, span.detector))
        return out

    # --- the whole ------------------------------------------------------------------------
    def spans(self, text: str, marked: Iterable[str] = ()) -> list[Span]:
        found = self._patterns(text) + self._model(text) + self._marked(text, marked)
        protected = self._protected(text)
        kept: list[Span] = []
        for span in found:
            kept.extend([span] if span.strong else self._rescue(span, protected))
        kept = self._ages_in_context(text, kept)
        # A name found once is removed wherever it occurs again.
        names = {
            s.text
            for s in kept
            if s.kind in {"persoon", "instelling"}
            and len(s.text) >= 3
            and s.text.lower() not in self.allow_words
        }
        repeated = _word_pattern(names)
        if repeated is not None:
            for m in repeated.finditer(text):
                if (
                    not any(a <= m.start() and m.end() <= b for a, b in protected)
                    or m.group() in names
                ):
                    kept.append(Span(m.start(), m.end(), "persoon", m.group(), True, "repeat"))
        return _merge(text, kept)

    @staticmethod
    def _ages_in_context(text: str, spans: list[Span]) -> list[Span]:
        """ "is 84", "van 15": an age only in a sentence about a person (a name, a title, a word of
        kinship or a personal pronoun before it); otherwise a figure ("het aantal is 110")."""
        people = [s.start for s in spans if s.kind == "persoon"]
        result = []
        for span in spans:
            if span.detector == "age-after-verb":
                sentence_start = max(
                    (m.end() for m in re.finditer(r"[.!?]\s", text[: span.start])), default=0
                )
                before = text[sentence_start : span.start]
                if not (
                    PERSON_CONTEXT.search(before)
                    or any(sentence_start <= p < span.start for p in people)
                ):
                    continue
            result.append(span)
        return result

    def run(self, text: str, marked: Iterable[str] = ()) -> Result:
        if not text or not text.strip():
            return Result(text="")
        spans = self.spans(text, marked)
        numbers: dict[tuple[str, str], int] = {}
        counters: dict[str, int] = {}
        out, cursor = [], 0
        for span in spans:
            out.append(text[cursor : span.start])
            tag = TAGS[span.kind]
            if span.kind in NUMBERED:
                key = (span.kind, _normal(span.text))
                if key not in numbers:
                    counters[span.kind] = counters.get(span.kind, 0) + 1
                    numbers[key] = counters[span.kind]
                tag = f"{tag}-{numbers[key]}"
            out.append(f"[{tag}]")
            cursor = span.end
        out.append(text[cursor:])
        return Result(text="".join(out), spans=spans)


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The parts of ``text[start:end]`` between sentence ends, without surrounding spaces. A
    full stop after a title or an initial ("Dr.", "J.M.") does not end a sentence."""
    cursor = start
    for m in re.finditer(r"[.!?]\s+", text[start:end]):
        before = re.search(r"(\S+)$", text[cursor : start + m.start()])
        word = before.group(1) if before else ""
        if len(word) < 3 or re.fullmatch(TITLES, word + ".") or "." in word:
            continue
        yield from _stripped(text, cursor, start + m.start())
        cursor = start + m.end()
    yield from _stripped(text, cursor, end)


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    s = start + len(piece) - len(piece.lstrip())
    e = start + len(piece.rstrip())
    if e > s:
        yield s, e


def _normal(value: str) -> str:
    return re.sub(r"\s+", " ", value.strip().lower())


def _merge(text: str, spans: list[Span]) -> list[Span]:
    """Overlapping spans become one, of the kind with the highest priority."""
    rank = {kind: i for i, kind in enumerate(PRIORITY)}
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            end = max(last.end, span.end)
            kind = min((last.kind, span.kind), key=lambda k: rank[k])
            merged[-1] = Span(last.start, end, kind, text[last.start : end], True, last.detector)
        else:
            merged.append(span)
    return merged
