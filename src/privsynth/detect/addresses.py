"""Street addresses of any country, found by their grammar: a chain of address parts around a street or place word.

The YAML recognizers find addresses whose whole shape one pattern can spell (``12 Main St, Springfield, IL
62704``; ``Végi utca 23., H-7113 Györgyvár``). Many local formats are no one shape: the street-type word stands
before the name (``Jalan``, ``Rua``, ``ул.``, ``вулиця``) or after it (``utca``, ``küçəsi``, ``ქ.``), is glued
to it (``Kerkstraat``, ``ถ.ถาวระวรณ์``, ``언주길``, ``白云朱街``), the house number has a marker (``No. 625``,
``д. 4``, ``буд. 771``, ``b. 8``), and the town, region and postcode follow in any order as a comma list
(``…, PASURUAN, NT 83736``; ``…, Giroc, 828270``; ``…, 20986573 da Cruz da Prata / PR``), often in capitals or
in a script without case. Written as one regex this is slow and never complete; here a line is cut into comma
(or `` / ``) segments of tokens, each token is classed (a name word, a number, an address word, a particle, or
an ordinary word), and the longest run of address-like segments around an address word is one ADDRESS when it
also holds a number or a second address word. A run stops at an ordinary lower-case word ("called twice"),
a label (``Phone:``), a sentence end or a closing bracket, so the prose around an address stays.

Address words: the street types, house-number and unit markers and place prefixes of the Universal Postal
Union's address formats, as Faker's address providers spell them (our own generation source); English street
types count only after a house number (``983 ROHEHORO ALLEYWAY``), as the US recognizer reads them, so that
"Spring Break 2019" or "Gate 12" is no address.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterator

import regex

from ..types import Finding

SCORE = 0.5
RECOGNIZER = "address_chain"
#: How far around an address word the line is read (a long line is cut to this window each side).
_WINDOW = 160
#: The most tokens one address run may hold.
_MAX_TOKENS = 24

# --- address words ---------------------------------------------------------------------------------------------
#: Street types that stand before the street's name (lower-case accepted: "rue de Jourdan", "ulica Dobra").
_PREFIX_TYPES = """
rua travessa alameda avenida av av. largo praça praca estrada rodovia trecho quadra setor ladeira loteamento
vila chácara conjunto condomínio residencial sítio fazenda núcleo recanto esplanada passarela pátio
aeroporto colônia distrito estação favela feira lagoa morro parque praia vale vereda viaduto
calle c/ c. cl. carrera acceso vial pasadizo cr. transversal tr. avda. psje. pasaje paseo camino callejón calzada cerrada circuito
circunvalación andador ampliación corredor privada prolongación retorno viaducto periférico peatonal glorieta
rambla ronda cuesta cañada urbanización plaza
via viale piazza corso vicolo contrada strada borgo rotonda largo
rue chemin allée avenue boulevard impasse place quai route cours faubourg montée rang
ulica ul. aleja al. plac pl. osiedle os.
strada str. intrarea aleea bulevardul bd. calea șoseaua soseaua drumul splaiul piața piata
jalan jln jl. jl gang gg. lorong
ул. улица пер. переулок пр. просп. проспект алл. аллея бул. бульвар наб. набережная ш. шоссе пл. площадь
туп. тупик проезд мкр. микрорайон вул. вулиця провулок набережна площа узвіз сквер шосе майдан улица булевар
փողոց պողոտա
πλ. πλατεία πάρ. πάροδος λεωφ. λεωφόρος οδός οδ.
đường phố ngõ hẻm
شارع نهج طريق حي زنقة دوار
ถนน ถ. ซอย ซ.
""".split()
#: Street types written after the street's name ("Nyírtóti utca", "AZADLIQ küçəsi", "უფლისციხის ქ.").
_SUFFIX_TYPES = """
utca út útja tér tere köz kapu sor körút fasor sétány
gade vej allé stræde gata gatan vägen väg veien vei gate gaten
katu tie kuja polku bulevardi
cesta put avenija trg ulice náměstí nám. ulica
straße strasse str. gasse weg platz allee ring
sokak sokağı caddesi cad. sk. bulvarı
iela gatvė g. tänav mnt. pst.
küçəsi küç. prospekti pr.
marg chowk nagar ganj zila gali mohalla
umgwaqo indlela isitaladi ithafa indawo
ქ. ქუჩა გამზ. გამზირი
ул. улица алл. наб. пр. пер. бул. ш.
רח' רחוב שד'
کوچه خیابان میدان بلوار جنب تقاطع جاده
""".split()
#: Endings of one-word street names ("Kerkstraat", "Schmidtstrasse", "Irisvej", "Storgata", "Koskikatu").
_COMPOUND_ENDINGS = tuple("""
straat strasse straße str. gasse weg platz allee gade vej stræde gatan gata vägen veien katu kuja polku tie
laan lei plein gracht kade dreef singel steeg baan bulevardi stigen gränd torget
alléen bakken berget bråten eggen engen faret flata gjerdet grenda gropa haugen havna holtet høgda jordet
kollen kroken lunden lyngen løkka marka plassen ringen skogen skrenten spranget stien stranda stubben stykket
svingen tjernet toppen tunet vegen verket
""".split())
#: House-number, unit and building markers: a number follows ("No. 625", "д. 4", "буд. 771", "b. 8").
_NUMBER_MARKERS = """
no. no nr. nr nº n° n. num. número h.no. hno. # s/n
д. дом к. корп. стр. кв. буд. будинок кв офис оф. бл. вх. ет. ап. ж.к.
b. m. bl. sc. ap. et. apt. apt ap. dto. depto. dpto. piso puerta interior edif. of. oficina local torre
suite unit flat level
բն. շ. տ.
ბ. ბინა
số
หมู่ ม.
سوئیت واحد پلاک طبقه
""".split()
#: Place markers: a town, district or region name follows or precedes ("г. Пушкино", "Abşeron ray.", "ք. Արմավիր").
_PLACE_MARKERS = """
г. п. с. пгт клх ст. р-н район обл. область місто село селище хутір смт
ray. rayonu kəndi k. qəsəbəsi qəs. şəhəri ş.
ք. գ. մարզ
tp. thành quận huyện phường xã thị
ตำบล ต. อำเภอ อ. จังหวัด จ.
روستای دهستان شهرستان استان بندر باغات
kota kab. kabupaten kec. kel. desa
""".split()
#: English street types (US/UK/Commonwealth, as Faker's en_* providers list them): after a house number only.
_ENGLISH_TYPES = """
access alley alleyway amble anchorage approach arcade artery ave ave. avenue basin beach bend blvd blvd. boulevard
brace brae branch bridge broadway brook brooks brow burg burgs bypass byway camp canyon cape causeway center centers
centre centreway chase circle circles circlet circuit circus cliff cliffs close club colonnade common concourse
copse corner corners course court courts courtyard cove coves creek cres crescent crest crossing crossroad crossway
cruiseway ct ct. cul-de-sac curve cutting dale dam dell deviation distributor divide dr dr. drive drives driveway
elbow entrance esplanade estate estates expressway extension extensions fairway falls ferry field fields firetrail
flat flats footway ford fords foreshore forest forge forges fork forks formation fort freeway frontage gap garden
gardens gateway glade glen glens grange green greens ground grove groves gully harbor harbors haven heights highroad
highway hill hills hollow hwy inlet interchange intersection island islands isle junction junctions keys knoll
knolls lake lakes land landing lane laneway lees link ln ln. loaf lock locks lodge lookout loop mall manor manors
meadow meadows meander mew mews mill mills mission moor motorway mount mountain mountains neck nook orchard outlook
oval overpass parade park parklands parks parkway parkways pass passage path pathway pike pine pines pkwy pl pl.
place plain plains plateau plaza pocket point points port ports prairie promenade quad quadrangle quadrant quay
quays radial ramble ramp ranch rapid rapids rd rd. reserve retreat ride ridge ridges ridgeway ring rise river
riverway riviera road roads roadside roadway ronde rosebowl rotary route row shoal shoals shore shores siding skyway
slope springs spur spurs sq sq. square squares st st. stairs station steps strand stravenue stream street streets
strip subway summit tarn tce ter terrace thoroughfare throughway tollway tor towers trace track trafficway trail
trailer triangle trunkway tunnel turnpike underpass vale valley valleys viaduct view views village villages villas
vista wade walk walks walkway wall way ways wells wharf wynd
""".split()
#: Street types that are also English words ("Via Email 5", "Route 66"): capitalized, one only at the start of a
#: comma part of a run of several ("Boulevard Carvajal 241, Nueva Mauritania, …"); in lower case ("12 avenue Foch")
#: as any other.
_HOMOGRAPHS = frozenset("via place route avenue boulevard plaza vale feira parque morro corso largo".split())
#: Words joining the parts of a name ("Rua do Arenque", "da Cruz da Prata", "Selva Di Val Gardena").
_PARTICLES = frozenset("""
de da do dos das di del della dei la le les du des van von der den am an im auf sur y e i of al el bin
pod nad na pri ob za u v ve
""".split())

_NON_LATIN = regex.compile(r"[\p{Cyrillic}\p{Greek}\p{Armenian}\p{Georgian}\p{Hebrew}\p{Arabic}\p{Thai}"
                           r"\p{Han}\p{Hangul}\p{Devanagari}\p{Bengali}\p{Tamil}]")
#: Words of scripts without letter case: every such word counts as a name word.
_UNCASED = regex.compile(r"[\p{Georgian}\p{Hebrew}\p{Arabic}\p{Thai}\p{Han}\p{Hangul}\p{Devanagari}\p{Bengali}"
                         r"\p{Tamil}]")
#: Glued address words of scripts written without spaces inside a place name: Korean road/district endings, Chinese
#: province/city/street/number characters, Thai prefixes, Georgian/Armenian abbreviations.
_GLUED = regex.compile(r"^(?:ถ\.|ต\.|อ\.|จ\.|ซ\.|ตำบล|อำเภอ|จังหวัด|ถนน|ซอย)\p{Thai}"
                       r"|\p{Hangul}(?:도|시|군|구|로|길|가|읍|면|동|리)\d*(?:가|길)?$"
                       r"|\p{Han}(?:省|市|县|縣|区|區|路|街|巷|道|号|號|座|楼|樓|镇|鎮|村)")
#: Numbers of addresses: house numbers ("12", "12a", "6/5", "951-31", "197."), postcodes ("17-908", "H-3375",
#: "4068WD", "87507-286", "Firozabad-499683" is a name-number pair handled as a name word).
_NUMBER = regex.compile(r"^(?:[A-Z]{1,3}-)?\d{1,8}[\p{L}]?(?:[/\-]\d{1,6}[\p{L}]?)*\.?$|^\d{4}[A-Z]{2}$"
                        r"|^[A-Z]{1,2}\d[A-Z\d]?$|^\d[A-Z]{2}$|^[A-Z]\d[A-Z](?:\d[A-Z]\d)?$|^\d[A-Z]\d$")
#: A name word glued to a postcode ("Etawah-282983", "Firozabad-499683").
_NAME_NUMBER = regex.compile(r"^\p{Lu}[\p{L}\p{M}\-]+-\d{4,6}$")
#: Abbreviations and initials that end with a full stop but end no sentence ("HOS.", "H.J", "A.", "ray.", "Dr.");
#: a capitalized word of four or more letters with one ("Paris. Hello") ends a sentence.
_ABBREVIATION = regex.compile(r"^(?:\p{Lu}{1,4}\.|(?:\p{L}\.){1,3}\p{L}?\.?|\p{Ll}{1,4}\.|\p{Lu}\p{Ll}{0,2}\.)$")
_POSTCODE_LINE = regex.compile(r"(?:[A-Z]{1,3}-)?\d{3,6}(?:[ \-]?\d{2,4})?(?:[ \t]?[A-Z]{2})?|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}")
_OPENERS = "([{\"'“‘«"
_CLOSERS = ")]}\"'”’»"


def _fold(word: str) -> str:
    return word.casefold()


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    return {"prefix": frozenset(map(_fold, _PREFIX_TYPES)), "suffix": frozenset(map(_fold, _SUFFIX_TYPES)),
            "number": frozenset(map(_fold, _NUMBER_MARKERS)), "place": frozenset(map(_fold, _PLACE_MARKERS)),
            "english": frozenset(map(_fold, _ENGLISH_TYPES))}


@functools.lru_cache(maxsize=1)
def _automaton():  # -> ahocorasick.Automaton
    """Every address word and compound street-name ending, lower-cased, in one Aho-Corasick automaton (value: the
    word's length and whether it is an ending, which must close a longer word, or a number marker, which a
    number must follow)."""
    import ahocorasick

    w = _words()
    automaton = ahocorasick.Automaton()
    for word in w["prefix"] | w["suffix"] | w["place"]:
        automaton.add_word(word, (len(word), "word"))
    for word in w["number"]:
        automaton.add_word(word, (len(word), "number"))
    for word in _COMPOUND_ENDINGS:
        automaton.add_word(word, (len(word), "ending"))
    automaton.make_automaton()
    return automaton


#: Cues the automaton cannot hold: an English street type after a house number and name words, a caseless-script
#: word before a number, glued Thai, Korean and Chinese address words.
_CUE = regex.compile(
    r"\d[ \t]+(?:[\p{Lu}\p{Lo}][\p{L}\p{M}'’.\-]*[ \t]+){1,4}(?i:%s)\.?(?![\p{L}\p{M}])"
    % "|".join(regex.escape(w) for w in sorted(set(_ENGLISH_TYPES), key=len, reverse=True)) +
    r"|[\p{Hebrew}\p{Arabic}\p{Georgian}\p{Thai}\p{Hangul}\p{Devanagari}\p{Bengali}\p{Tamil}]+[ \t]+\d{1,5}(?!\d)"
    r"|(?<!\d)\d{1,5}[ \t]+[\p{Hebrew}\p{Arabic}\p{Georgian}\p{Thai}\p{Hangul}\p{Devanagari}\p{Bengali}\p{Tamil}]"
    r"|(?:ถ\.|ต\.|อ\.|จ\.|ซ\.|ตำบล|อำเภอ)\p{Thai}|\p{Hangul}(?:도|시|군|구|로|길)\d*(?:가|길)?(?=[\s,(]|$)"
    r"|\p{Han}(?:省|市|县|縣|区|區)\p{Han}*(?:路|街|巷|道)|\p{Han}(?:路|街|巷|道)(?:\d+段)?\d+(?:号|號)")


def _letter(ch: str) -> bool:
    return ch.isalpha() or unicodedata.category(ch).startswith("M")


def _cues(text: str) -> Iterator[int]:
    """Positions where an address may be (ascending is not promised): address words as whole words, compound
    street names, number markers before a number, and the :data:`_CUE` shapes."""
    lowered = text.replace("İ", "I").lower()  # "İ" lower-cases to two characters
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if len(lowered) == len(text):
        n = len(text)
        for end_index, (length, kind) in _automaton().iter(lowered):
            start, end = end_index + 1 - length, end_index + 1
            if end < n and _letter(text[end]) and not lowered[end - 1] == ".":
                continue
            if kind == "ending":
                if start < 2 or not _letter(text[start - 1]):
                    continue
            elif start > 0 and (_letter(text[start - 1]) or text[start - 1].isdigit()):
                continue
            if kind == "number" and not any(c.isdigit() for c in text[end:end + 3]):
                continue
            yield start
    for m in _CUE.finditer(text):
        yield m.start()


# --- tokens ----------------------------------------------------------------------------------------------------
_TOKEN = regex.compile(r"[^\s,;]+|[,;]")
#: Separators of an address's parts: commas, and the semicolons of a record ("1340;Name;82 Street;Town;18389").
_PART_SEPARATORS = frozenset(",;")
SEP, NAME, NUM, ADDR, PART, OTHER, LABEL = "sep", "name", "num", "addr", "part", "other", "label"


def _core(token: str) -> str:
    return token.strip(_OPENERS).rstrip(_CLOSERS + ";:!?")


@functools.lru_cache(maxsize=16384)
def _kind(token: str) -> str:
    """The class of one token (its brackets and trailing punctuation set aside)."""
    if token in _PART_SEPARATORS or token in ("/", "|", "-", "–"):
        return SEP
    if token.endswith(":"):  # "Phone:", and "Adresse :" written with a space
        return LABEL
    core = _core(token)
    if not core:
        return SEP
    folded = _fold(core)
    w = _words()
    if folded in w["prefix"] or folded in w["suffix"] or folded in w["number"] or folded in w["place"] \
            or folded.rstrip(".") in w["number"] or _GLUED.search(core):
        return ADDR
    if _NUMBER.match(core):
        return NUM
    if folded in _PARTICLES:
        return PART
    if core[0].isupper() or _NON_LATIN.search(core) or _NAME_NUMBER.match(core):
        return NAME
    if core[0].isdigit() and any(c.isalpha() for c in core):  # "언주880가", "12b"
        return NUM
    return OTHER  # an English street type in lower case ("the corner of", "down the road") is prose


def _is_street_word(tokens: list[tuple[int, int, str, str]], i: int) -> bool:
    """Whether token ``i`` (an address or name word) is a street type used as one: next to a name, or a one-word
    street name with its type ending, or an English type after a house number."""
    start, end, text, kind = tokens[i]
    core = _fold(_core(text))
    w = _words()
    before = tokens[i - 1][3] if i > 0 else SEP
    after = tokens[i + 1][3] if i + 1 < len(tokens) else SEP
    if kind == NAME:  # a one-word street name is one only with its house number right after it ("Irisvej 76")
        if core.endswith(_COMPOUND_ENDINGS) and len(core) > 5 and after == NUM:
            return True
    if core in w["english"] and text[:1].isupper():  # "983 ROHEHORO ALLEYWAY", "12 Main St"
        j = i - 1
        while j >= 0 and tokens[j][3] == NAME and i - j <= 4:
            j -= 1
        if j >= 0 and j < i - 1 and tokens[j][3] == NUM:
            return True
    if kind != ADDR:
        return False
    if _GLUED.search(_core(text)):
        return True
    if core in w["prefix"] and after in (NAME, NUM, PART):
        return True
    if (core in w["suffix"] or core in w["place"]) and before in (NAME, NUM):
        return True
    if core in w["place"] and after == NAME:
        return True
    if (core in w["number"] or core.rstrip(".") in w["number"]) and after == NUM:
        return True
    return False


def _tokens(line: str, offset: int) -> list[tuple[int, int, str, str]]:
    out = []
    for m in _TOKEN.finditer(line):
        text = m.group(0)
        out.append((offset + m.start(), offset + m.end(), text, _kind(text)))
    return out


def _ends_sentence(tokens: list[tuple[int, int, str, str]], i: int) -> bool:
    """A full stop after token ``i`` that closes a sentence: not an abbreviation or marker, and a capitalized
    word follows in the same segment ("… NT 83736. Doors open")."""
    text = tokens[i][2].rstrip(_CLOSERS)
    if not text.endswith((".", "!", "?")) or tokens[i][3] == ADDR:
        return False
    if text.endswith(".") and _ABBREVIATION.match(_core(text) + ("" if _core(text).endswith(".") else ".")) \
            and tokens[i][3] != NUM:
        return False
    return i + 1 < len(tokens) and tokens[i + 1][3] not in (SEP, ADDR, NUM)


def _runs(tokens: list[tuple[int, int, str, str]], addressee: bool = True) -> Iterator[tuple[int, int]]:
    """Maximal runs [i, j) of address-like tokens: names, numbers, address words, particles between them, and
    separators; a run is cut by an ordinary word, a label, a sentence end or a bracket that closes it."""
    i, n = 0, len(tokens)
    while i < n:
        if tokens[i][3] in (OTHER, LABEL, SEP, PART):
            i += 1
            continue
        j = i
        while j < n and j - i < _MAX_TOKENS:
            kind = tokens[j][3]
            if kind in (OTHER, LABEL):
                break
            text = tokens[j][2]
            if j > i and text[:1] in _OPENERS and not _core(text):
                break
            j += 1
            if text[-1:] in ")]" and "(" not in "".join(t[2] for t in tokens[i:j - 1]) + text[:-1]:
                break  # "(Gang Yos Sudarso No. 901, …, Jambi 78536) is closed": the bracket closes the run
            if _ends_sentence(tokens, j - 1):
                break
        # drop separators and particles at the ends
        while j > i and tokens[j - 1][3] in (SEP, PART):
            j -= 1
        # and leading comma segments of names alone: the addressee before the address ("Ship it to Kevin
        # Moss, 7 Farrell Dale, …") is a person, left to the name finders
        first = i
        for k in range(i, j if addressee else i):
            if tokens[k][3] in (NUM, ADDR) or (tokens[k][3] == NAME and _GLUED.search(_core(tokens[k][2]))):
                break
            if tokens[k][2] in _PART_SEPARATORS:
                first = k + 1
        # a record's number before the addressee ("1340;Name;82 Street;…") goes with it
        if addressee and first == i and j - i > 4 and tokens[i][3] == NUM and tokens[i + 1][2] in _PART_SEPARATORS:
            k = i + 2
            while k < j and tokens[k][3] in (NAME, PART) and not _GLUED.search(_core(tokens[k][2])):
                k += 1
            if k > i + 2 and k < j and tokens[k][2] in _PART_SEPARATORS:
                first = k + 1
        if first > i and first < j:
            i = first
        if j > i:
            yield i, j
        i = max(j, i + 1)


def _accept(tokens: list[tuple[int, int, str, str]], i: int, j: int) -> bool | None:
    """A run is an address (True) when it holds a street, house-number or place word used as one, and a number or
    a second such word; a run of a caseless script (Hebrew, Arabic, …) also with a house number and a comma.
    None: a street word alone ("Mangal Marg"), an address only with a number on the lines around it."""
    run = tokens[i:j]
    marks = [k for k in range(i, j) if tokens[k][3] in (ADDR, NAME) and _is_street_word(run, k - i)]
    # a house-number marker is a street's only after the street's name ("Jl. Rungkut Industri No. 21"), not in
    # "no 2 ways"; an English homograph of a street type ("Via", "Place") only with a comma part after it
    segments = 1 + sum(1 for k in range(i, j) if tokens[k][2] in _PART_SEPARATORS)
    marks = [k for k in marks if not (_fold(_core(tokens[k][2])) in _words()["number"] and k - 1 >= i
                                      and tokens[k - 1][3] != NAME and len(marks) == 1)
             and not (_fold(_core(tokens[k][2])) in _HOMOGRAPHS and tokens[k][2][:1].isupper()
                      and (segments < 2 or (k > i and tokens[k - 1][2] not in _PART_SEPARATORS)))]
    if len(marks) == 1 and _fold(_core(tokens[marks[0]][2])) in _words()["number"] \
            and (marks[0] == i or tokens[marks[0] - 1][3] != NAME):
        marks = []
    numbers = [k for k in range(i, j) if tokens[k][3] == NUM]
    if marks and (len(marks) >= 2 or any(_near(tokens, k, marks) for k in numbers)):
        return True
    if marks and not numbers:
        return None
    if j - i == 2 and tokens[i][3] == ADDR and tokens[i + 1][3] == NUM \
            and _fold(_core(tokens[i][2])) in _words()["number"]:
        return None  # a unit line ("Flat 29L", "Suite 467") may open an address block
    uncased = [k for k in range(i, j) if _UNCASED.search(tokens[k][2])]
    commas = sum(1 for k in range(i, j) if tokens[k][2] in _PART_SEPARATORS)
    return bool(uncased) and bool(numbers) and commas >= 1 and len(uncased) * 2 >= (j - i - commas - len(numbers))


def _near(tokens: list[tuple[int, int, str, str]], k: int, marks: list[int]) -> bool:
    """Whether number ``k`` belongs to the marked street: within five tokens of an address word, or a postcode
    shape (four or more digits) anywhere in the run."""
    core = _core(tokens[k][2])
    digits = sum(c.isdigit() for c in core)
    return digits >= 4 or any(abs(k - m) <= 5 for m in marks)


def _trim(tokens: list[tuple[int, int, str, str]], i: int, j: int, text: str) -> tuple[int, int]:
    start, end = tokens[i][0], tokens[j - 1][1]
    while start < end and text[start] in _OPENERS:
        start += 1
    while end > start and text[end - 1] in _CLOSERS + ",;:!?":
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break  # "Caronno Pertusella (VA)" keeps its bracket
        end -= 1
    last = tokens[j - 1][2]
    if end > start and text[end - 1] == "." and (_kind(last) == NUM or (
            _kind(last) != ADDR and not _ABBREVIATION.match(_core(last) + ("" if _core(last).endswith(".") else ".")))):
        end -= 1  # "… 739363." and "… 75002 Paris." end a sentence (and "utca 197." loses only its ordinal point)
    return start, end


def _line_runs(text: str, a: int, b: int, addressee: bool = True
               ) -> list[tuple[int, int, bool | None, tuple[bool, bool]]]:
    """Address-like runs of text[a:b] (one line): (start, end, accepted, (starts the line, ends the line))."""
    tokens = _tokens(text[a:b], a)
    out = []
    for i, j in _runs(tokens, addressee):
        start, end = _trim(tokens, i, j, text)
        if end <= start:
            continue
        starts = not any(t[3] != SEP for t in tokens[:i])
        ends = not any(t[3] != SEP for t in tokens[j:])
        out.append((start, end, _accept(tokens, i, j), (starts, ends)))
    return out


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    b = len(text) if b == -1 else b
    return max(a, pos - _WINDOW), min(b, pos + _WINDOW)


def _address_line(text: str, a: int, b: int) -> tuple[int, int, bool] | None:
    """The line text[a:b] as one address-like run (start, end, holds a number or address word), or None."""
    runs = _line_runs(text, a, b, addressee=False)  # a town line ("Alvarezland, SA, 2936") is no addressee
    if len(runs) != 1 or runs[0][3] != (True, True):
        return None
    start, end = runs[0][0], runs[0][1]
    tokens = _tokens(text[start:end], start)
    if len([t for t in tokens if t[3] != SEP]) > 10:
        return None
    strong = any(t[3] in (NUM, ADDR) or _NAME_NUMBER.match(_core(t[2])) for t in tokens)
    return start, end, strong


def _strong_soon(text: str, line_end: int) -> bool:
    """Whether one of the two lines after the line ending at ``line_end`` is an address line with a number or an
    address word (and any line between them an address line)."""
    for _ in range(2):
        if line_end >= len(text):
            return False
        following_end = text.find("\n", line_end + 1)
        following_end = len(text) if following_end < 0 else following_end
        line = _address_line(text, line_end + 1, following_end)
        if line is None:
            return False
        if line[2]:
            return True
        line_end = following_end
    return False


def _grow_lines(text: str, start: int, end: int, back: bool = True) -> tuple[int, int]:
    """An accepted run that fills its line takes in the address lines around it (a signature or label block):
    lines before it with a number or address word, lines after it with one, or a short name line (town, region)
    right after a postcode line or before a line with a number."""
    while back:  # backwards
        line_start = text.rfind("\n", 0, start) + 1
        if line_start == 0 or text[line_start:start].strip():
            break
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prev = _address_line(text, prev_start, line_start - 1)
        if prev is None or not prev[2]:
            break
        start = prev[0]
    while True:  # forwards
        line_end = text.find("\n", end)
        if line_end < 0 or text[end:line_end].strip(" \t.,;"):
            break
        next_end = text.find("\n", line_end + 1)
        next_end = len(text) if next_end < 0 else next_end
        nxt = _address_line(text, line_end + 1, next_end)
        if nxt is None:
            break
        if not nxt[2]:  # a name line only after a postcode line, or one or two lines before a line with a number
            if len(text[nxt[0]:nxt[1]].split()) > 4:
                break
            last_line = text[text.rfind("\n", 0, end) + 1:end].strip()
            if not (_POSTCODE_LINE.fullmatch(last_line) or _strong_soon(text, next_end)):
                break
        end = nxt[1]
    return start, end


def find_addresses(text: str) -> list[Finding]:
    """ADDRESS findings for the address runs of ``text`` (see the module doc)."""
    found: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    reach = -1
    for position in sorted(set(_cues(text))):
        if position < reach:  # inside an address already found
            continue
        window = _line_bounds(text, position)
        if window in seen:
            continue
        seen.add(window)
        for start, end, ok, (starts, ends) in _line_runs(text, *window):
            if ok:
                found.append(_grow_lines(text, start, end, back=starts) if ends else (start, end))
                reach = max(reach, found[-1][1])
            elif ok is None and starts and ends:  # a street line of a block: an address if a number line joins
                grown = _grow_lines(text, start, end)
                if grown != (start, end) and any(c.isdigit() for c in text[grown[0]:grown[1]]):
                    found.append(grown)
    found.sort()
    out: list[Finding] = []
    for start, end in found:
        if out and start < out[-1].end:
            if end > out[-1].end:
                out[-1] = Finding(out[-1].start, end, "ADDRESS", SCORE, RECOGNIZER)
            continue
        out.append(Finding(start, end, "ADDRESS", SCORE, RECOGNIZER))
    return out
