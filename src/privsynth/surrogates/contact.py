"""contact.v1: e-mail addresses, phone numbers, URLs, @handles, IP and MAC addresses."""
from __future__ import annotations

import functools
import ipaddress
import re
import string
import unicodedata
from typing import Callable

import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers import re_util as _phone_re
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE
from phonenumbers.phonenumberutil import _number_type_helper as _type_by_metadata

from ..lexicon.fold import fold_width
from ..lexicon.names import family_names, infer_gender
from .base import DocumentContext, Keyed, distinct, match_case, put_digits, random_digits, shape_random
from .person import name_part

VERSION = "contact.v1"
_phone_re.enable_pattern_cache()  # keep phonenumbers' metadata expressions compiled (see detect.validators)
_LOCAL_RUN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^A-Za-z\d]+")
_EMAIL_UNSAFE = re.compile(r"[^A-Za-z0-9]")  # surrogate names like O'Brien lose the apostrophe in an address
_IP = re.compile(r"^(\[?)([^%/\]]+)((?:%[\w.]+)?(?:\]?)(?:/\d{1,3})?)$")
_DIGIT_RUN = re.compile(r"\d+")
_URL = re.compile(r"(?i)^((?:[a-z][a-z0-9+.-]*://)?)((?:www\d?\.)?)([^/?#:\s]+)(.*)$")
_WORD = re.compile(r"[A-Za-z]{2,}")
_ONE_DIGIT = re.compile(r"\d")
_WORDS = ("sun", "river", "maple", "stone", "pixel", "cedar", "orbit", "harbor", "amber", "falcon", "meadow",
          "comet", "willow", "echo", "summit", "coral", "lumen", "quartz", "tundra", "violet")


def email(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    local, _, domain = span.rpartition("@")
    if not local:
        return shape_random(span, k.rng(VERSION + ".email", span.casefold()))

    def make(attempt: int) -> str:
        # The domain is a function of (domain, attempt) for this key and pack: drawn once, a corpus repeats it.
        return _local_part(local, k, doc, attempt) + "@" + \
            k.memo_part(("email.domain", domain, attempt), lambda: _email_domain(domain, k, attempt))
    return distinct(make, span)


def _local_part(local: str, k: Keyed, doc: DocumentContext | None, attempt: int) -> str:
    out = []
    context = _DIGIT_RUN.sub("#", local.casefold())  # alice0 … alice9 share a context, hence one bijection
    for i, run in enumerate(_LOCAL_RUN.findall(local)):
        if run.isdigit():
            out.append(_digits_bijection(run, k, f"{context}|{i}", attempt))
        elif run.isalpha():
            token = run if attempt == 0 else run + str(attempt)
            if _known_name(run) or len(run) < 4:
                word = name_part(token, k, doc)  # a name maps like the same name in the text (a bijection)
            else:  # "adampayne", "jsmith": two keyed name parts, so different locals stay different
                word = name_part(token + "\x1f1", k, doc) + name_part(token + "\x1f2", k, doc)
            folded = _ascii_fold(word)
            if not any(ch.isascii() and ch.isalpha() for ch in folded):  # Hangul, Han, Cyrillic… (ko_KR, zh_CN)
                from anyascii import anyascii
                folded = anyascii(folded).replace(" ", "")
            out.append(match_case(run, _EMAIL_UNSAFE.sub("", folded)))
        else:
            out.append(run)
    return "".join(out)


def _known_name(word: str) -> bool:
    lower = word.casefold()
    return infer_gender(lower) != "unknown" or lower in family_names()


def _digits_bijection(run: str, k: Keyed, context: str, attempt: int) -> str:
    """Digits in an address keep their role and width and go through a keyed bijection of all numbers of that
    width (x → a·x + b mod 10ⁿ, a coprime to 10): alice0@ … alice9@ give ten different surrogates."""
    n = len(run)
    modulus = 10 ** n
    rng = k.rng(VERSION + ".digits.v2", context, attempt)
    a = rng.randrange(1, modulus) if n > 1 else rng.choice((1, 3, 7, 9))
    while a % 2 == 0 or a % 5 == 0:
        a = rng.randrange(1, modulus)
    b = rng.randrange(1, modulus) if modulus > 1 else 0
    return f"{(a * int(run) + b) % modulus:0{n}d}"


def _ascii_fold(word: str) -> str:
    """Names in an address are written without accents (Karabaş → Karabas)."""
    decomposed = unicodedata.normalize("NFKD", word.replace("ı", "i").replace("ß", "ss").replace("ø", "o")
                                       .replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("æ", "ae"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _email_domain(domain: str, k: Keyed, attempt: int) -> str:
    lower = domain.casefold()
    rng = k.rng(VERSION + ".domain", lower, attempt)
    if k.reserved:
        return rng.choice(k.pack.reserved.email_domains)
    if lower in _casefolded(k.pack.free_mail_domains) or lower.split(".")[0] in _FREE_MAIL_BRANDS:
        return rng.choice(k.pack.free_mail_domains)  # free-mail stays free-mail
    return match_case(domain, _company_domain(domain, k, attempt))


@functools.lru_cache(maxsize=64)
def _casefolded(domains: tuple[str, ...]) -> frozenset[str]:
    """A pack's free-mail domains, case-folded once per pack instead of once per address."""
    return frozenset(d.casefold() for d in domains)


_FREE_MAIL_BRANDS = frozenset({"gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn",
                               "aol", "icloud", "me", "mac", "protonmail", "proton", "gmx", "mail", "yandex",
                               "zoho", "web", "t-online", "orange", "free", "laposte", "libero", "qq", "163",
                               "naver", "docomo", "ezweb", "softbank", "au"})


def _company_domain(domain: str, k: Keyed, attempt: int) -> str:
    labels = domain.split(".")
    suffix = ".".join(labels[-2:]) if len(labels) > 2 and len(labels[-2]) <= 3 else labels[-1]
    word = k.faker(VERSION + ".company", domain.casefold(), attempt).domain_word()
    return f"{word}.{suffix}"


def url(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    m = _URL.match(span)
    if not m:
        return shape_random(span, k.rng(VERSION + ".url", span))
    scheme, www, host, rest = m.groups()

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".url", span.casefold(), attempt)
        new_host = rng.choice(k.pack.reserved.url_domains) if k.reserved else \
            k.memo_part(("company.domain", host, attempt), lambda: _company_domain(host, k, attempt))
        new_rest = _WORD.sub(lambda w: match_case(w.group(0), rng.choice(_WORDS)), rest)
        new_rest = _ONE_DIGIT.sub(lambda d: rng.choice(string.digits), new_rest)
        return scheme + www + match_case(host, new_host) + new_rest
    return distinct(make, span)


def username(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    prefix = span[0] if span[:1] in "@＠" else ""
    handle = span[len(prefix):]
    return prefix + distinct(
        lambda a: k.faker(VERSION + ".user", handle.casefold(), a).user_name(), handle)


def phone(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Same country, type, digit grouping and punctuation; valid for its region per phonenumbers, by construction.

    The original's leading digits (area code, mobile prefix) are kept and the subscriber digits redrawn; if few
    draws are valid (a narrow range), more of the prefix is kept; as a last resort the region's example number of
    that type gets its last digits redrawn. ``profile="reserved"`` uses the locale pack's fictional ranges.
    """
    folded = fold_width(span)
    digits = "".join(filter(str.isdigit, folded))  # the characters whose isdigit() holds
    found = _parse_phone(folded, k.pack.phone_region)
    parsed = found[0] if found is not None else None
    keep = _kept_prefix(folded, digits, parsed)
    loose = parsed if parsed is not None or not k.reserved else _parse_loose(folded, k.pack.phone_region)
    if k.reserved and loose is not None:  # reserved: even an unassigned number goes to a fictional range
        reserved = _reserved_phone(span, digits, keep, loose, k)
        if reserved is not None:
            return reserved
    if not digits:  # nothing numeric to redraw (a mislabelled span): same shape
        return distinct(lambda a: shape_random(span, k.rng(VERSION + ".phone.shape", span, a)), span)
    if parsed is None:  # not a number phonenumbers knows: same shape, trunk/international prefix kept
        def redraw(attempt: int) -> str:
            rng = k.rng(VERSION + ".phone", digits, attempt)
            return put_digits(span, digits[:keep] + random_digits(rng, len(digits[keep:])))
        return distinct(redraw, span, same=lambda a, b: ascii_digits(a) == ascii_digits(b))
    _, region, wanted = found  # type: ignore[misc]  # parsed is not None: found is a triple
    national = phonenumbers.national_significant_number(parsed)  # with Italy's leading 0 (it is dialled)
    at = digits.find(national, keep)
    if at < 0:
        at = digits.find(national)
    head, tail = (digits[:at], digits[at + len(national):]) if at >= 0 else (None, "")

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".phone", digits, attempt)
        new_national = _valid_national(national, region, wanted, rng)
        if head is not None and len(new_national) == len(national):  # an extension's digits are redrawn too
            return put_digits(span, head + new_national + random_digits(rng, len(tail)))
        number = phonenumbers.parse(new_national, region)
        fmt = phonenumbers.PhoneNumberFormat.INTERNATIONAL if folded.lstrip().startswith("+") else \
            phonenumbers.PhoneNumberFormat.NATIONAL
        return phonenumbers.format_number(number, fmt)
    return distinct(make, span, same=lambda a, b: ascii_digits(a) == ascii_digits(b))


def _valid_national(national: str, region: str, wanted: int, rng) -> str:
    """A valid national number of ``wanted`` type in ``region``, as long as ``national`` where possible."""
    ok = _candidate_check(national, region, wanted)
    # Keep a growing prefix: validity depends on the leading digits (area code, block), the rest is free.
    for kept in range(min(3, len(national) - 3), len(national) - 1):
        for _ in range(12):
            candidate = national[:kept] + random_digits(rng, len(national) - kept)
            if ok(candidate):
                return candidate
    example = phonenumbers.example_number_for_type(region, wanted)
    base = phonenumbers.national_significant_number(example) if example is not None else national
    for _ in range(40):
        candidate = base[:-4] + random_digits(rng, 4)
        if ok(candidate):
            return candidate
    return base if base != national else base[:-1] + str((int(base[-1]) + 1) % 10)


def _plain_check(national: str, region: str, wanted: int) -> Callable[[str], bool]:
    """Whether a drawn national number is valid for ``region``, of type ``wanted``, read back as written and not
    ``national`` itself, in phonenumbers' public calls (:func:`_candidate_check` gives the same answers faster)."""
    def ok(candidate: str) -> bool:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            return False
        return phonenumbers.is_valid_number_for_region(number, region) and \
            phonenumbers.number_type(number) == wanted and \
            phonenumbers.national_significant_number(number) in (candidate, candidate.lstrip("0")) \
            and candidate != national
    return ok


def _candidate_check(national: str, region: str, wanted: int) -> Callable[[str], bool]:
    """:func:`_plain_check`'s answers with each check done once and the cheap ones first (the same answer: every
    check is pure)."""
    if region == phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY:  # metadata chosen per number: keep the plain form
        return _plain_check(national, region, wanted)
    code, metadata, first, plain = _region_facts(region)

    def ok(candidate: str) -> bool:
        if candidate == national or metadata is None:
            return False
        if first and plain(candidate):
            # parse() would read these digits as they are (see _region_facts): the national significant number
            # is the candidate itself, with the region's calling code, so only its type is left to check.
            kind = _type_by_metadata(candidate, metadata)
            return kind != _UNKNOWN and kind == wanted
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            return False
        nsn = phonenumbers.national_significant_number(number)
        if (nsn != candidate and nsn != candidate.lstrip("0")) or number.country_code != code:
            return False
        kind = _type_by_metadata(nsn, metadata)
        if kind == _UNKNOWN:
            return False
        return (kind if first else phonenumbers.number_type(number)) == wanted
    return ok


@functools.lru_cache(maxsize=None)  # one entry per region (~250)
def _region_facts(region: str) -> tuple[int, object, bool, Callable[[str], bool]]:
    """A region's calling code; its metadata; whether number_type() of a number valid for it is its type by that
    metadata (region_code_for_number() stops at ``region`` when it is the only region of its calling code, or
    the first one and without a leading-digit rule); and ``plain(digits)``: whether ``parse(digits, region)``
    reads an ASCII digit string as it is. It does unless the string is too short or long, or starts with what
    parse() strips or reads as a prefix: the international call prefix, the calling code, or the national
    prefix (``national_prefix_for_parsing``); every such string goes through parse() itself."""
    code = phonenumbers.country_code_for_valid_region(region)
    metadata = PhoneMetadata.metadata_for_region(region, None)
    regions = COUNTRY_CODE_TO_REGION_CODE.get(code, ())
    first = bool(regions) and regions[0] == region and metadata is not None and \
        (len(regions) == 1 or metadata.leading_digits is None)
    idd = _phone_re.re_compile(metadata.international_prefix) if metadata is not None and \
        metadata.international_prefix else None
    trunk = _phone_re.re_compile(metadata.national_prefix_for_parsing) if metadata is not None and \
        metadata.national_prefix_for_parsing else None
    calling = str(code)

    def plain(digits: str) -> bool:
        return 3 <= len(digits) <= 17 and digits.isascii() and digits.isdigit() and \
            not digits.startswith(calling) and (idd is None or not idd.match(digits)) and \
            (trunk is None or not trunk.match(digits))
    return code, metadata, first, plain


def ascii_digits(text: str) -> str:
    return "".join(filter(str.isdigit, fold_width(text)))


def _parse_phone(text: str, region: str):
    """(number, its region, its type) for the first region that reads ``text`` as a valid number, or ``None``."""
    digits = "".join(filter(str.isdigit, text))
    tried = []
    for reg in ((None, region) if text.lstrip().startswith("+") else (region, "US", "GB")):
        if reg == "GB" and region != "GB" and not digits.startswith(("0", "44")):
            continue  # a UK national number starts with its trunk 0: "(247) 966-6972" is not Coventry
        if reg in tried:
            continue  # the pack's region is "US": reading it again gives the same answer
        tried.append(reg)
        try:
            number = phonenumbers.parse(text, reg)
        except phonenumbers.NumberParseException:
            continue
        where, kind = _region_and_type(number)
        if kind != _UNKNOWN:  # is_valid_number(), from the same region walk and metadata
            return number, where, kind
    return None


_UNKNOWN = phonenumbers.PhoneNumberType.UNKNOWN


def _region_and_type(number) -> tuple[str | None, int]:
    """``(region_code_for_number(number), number_type(number))`` from one walk over the regions of its country
    code (each of phonenumbers' functions walks them again); ``is_valid_number(number)`` is ``type != UNKNOWN``:
    it checks the same metadata of the same region. tests/test_surrogate_speed.py compares all three with
    phonenumbers' own on many numbers."""
    nsn = phonenumbers.national_significant_number(number)
    regions = _regions_of(number.country_code)
    if regions is None:
        return None, _UNKNOWN
    if len(regions) == 1:
        region, known = regions[0][0], None
    else:  # region_code_for_number's walk: a leading-digit rule decides, else validity by that region's metadata
        region, known = None, None
        for code, leading, metadata in regions:
            if leading is not None:
                if leading.match(nsn):
                    region = code
                    break
            else:
                kind = _type_by_metadata(nsn, metadata)
                if kind != _UNKNOWN:
                    region, known = code, kind
                    break
    if known is not None:
        return region, known  # number_type reads the same region's metadata with the same number
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(number.country_code, region)
    if metadata is None:
        return region, _UNKNOWN
    return region, _type_by_metadata(nsn, metadata)


@functools.lru_cache(maxsize=None)  # one entry per country calling code (~250)
def _regions_of(country_code: int) -> tuple[tuple[str, object, object], ...] | None:
    """The regions sharing a calling code, in phonenumbers' order, each with its compiled leading-digit rule (or
    ``None``) and its metadata; ``None`` for an unknown code. A single region is returned as it is (its rule and
    metadata unused), as region_code_for_number returns it without a look."""
    codes = COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if codes is None:
        return None
    if len(codes) == 1:
        return ((codes[0], None, None),)
    out = []
    for code in codes:
        metadata = PhoneMetadata.metadata_for_region(code.upper(), None)
        if metadata is None:
            continue
        out.append((code, _phone_re.re_compile(metadata.leading_digits) if metadata.leading_digits is not None
                    else None, metadata))
    return tuple(out)


def _parse_loose(text: str, region: str):
    """The number as phonenumbers reads it in ``region``, valid or not (``None`` if it cannot be read)."""
    try:
        number = phonenumbers.parse(text, None if text.lstrip().startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def _kept_prefix(folded: str, digits: str, parsed) -> int:
    """How many leading digits are not personal: international prefix, country code, trunk prefix."""
    keep = 0
    if folded.lstrip().startswith("00"):
        keep = 2
    if parsed is not None:
        cc = str(parsed.country_code)
        if folded.lstrip().startswith("+") or (digits[keep:].startswith(cc) and
                                              len(digits) - keep > len(str(parsed.national_number))):
            keep += len(cc) if digits[keep:].startswith(cc) else 0
        if digits[keep:keep + 1] == "0":
            keep += 1
        if parsed.country_code == 1 and digits[keep:keep + 1] == "1" and len(digits) - keep == 11:
            keep += 1
    elif digits[:1] == "0":
        keep = 1
    return keep


#: Ofcom's numbers for drama (never allocated to anyone), by number type: national significant numbers with
#: ``#`` for a free digit. Used when the locale pack lists none.
_GB_DRAMA = {
    phonenumbers.PhoneNumberType.MOBILE: ("7700900###",),
    phonenumbers.PhoneNumberType.TOLL_FREE: ("8081570###",),
    phonenumbers.PhoneNumberType.PREMIUM_RATE: ("9098790###",),
    phonenumbers.PhoneNumberType.UAN: ("3069990###",),
    phonenumbers.PhoneNumberType.FIXED_LINE: ("2079460###", "1134960###", "1144960###", "1154960###", "1164960###",
                                              "1174960###", "1184960###", "1214960###", "1314960###", "1414960###",
                                              "1514960###", "1614960###", "2896496###", "2920180###", "1632960###"),
}


def _reserved_phone(span: str, digits: str, keep: int, parsed, k: Keyed) -> str | None:
    """A number from the fictional ranges: NANP 555-0100..0199 (extension digits redrawn), Ofcom drama ranges
    for the UK (by type; the pack's ``reserved_phone_ranges`` override them). ``None``: no range for the region."""
    national = str(parsed.national_number)
    rest = digits[keep + len(national):] if digits[keep:].startswith(national) else ""

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".phone.reserved", digits, attempt)
        if parsed.country_code == 1:
            area = str(rng.randrange(2, 10)) + f"{rng.randrange(0, 100):02d}"
            new = area + "55501" + f"{rng.randrange(0, 100):02d}"
        else:
            kind = phonenumbers.number_type(parsed)
            ranges = _pack_ranges(k, kind) or _GB_DRAMA.get(kind) or _GB_DRAMA[phonenumbers.PhoneNumberType.FIXED_LINE]
            new = "".join(rng.choice(string.digits) if ch == "#" else ch for ch in rng.choice(ranges))
        ext = random_digits(rng, len(rest))
        full = digits[:keep] + new + ext
        if len(full) == len(digits):
            return put_digits(span, full)
        return ("+" + str(parsed.country_code) + " " if span.lstrip().startswith("+") else "0") + new + \
            (" ext. " + ext if ext else "")
    if parsed.country_code not in (1, 44) and not (  # other countries: only where the pack lists fiction ranges
            phonenumbers.region_code_for_number(parsed) == k.pack.phone_region
            and _pack_ranges(k, phonenumbers.number_type(parsed))):
        return None
    return distinct(make, span, same=lambda a, b: ascii_digits(a) == ascii_digits(b))


def _pack_ranges(k: Keyed, kind: int) -> tuple[str, ...]:
    """The pack's ``reserved_phone_ranges`` ({type name: [national templates]}) for this number type."""
    table = k.pack.extra.get("reserved_phone_ranges") or {}
    names = {v: n for n, v in vars(phonenumbers.PhoneNumberType).items() if isinstance(v, int)}
    return tuple(str(t).replace(" ", "") for t in table.get(names.get(kind, ""), ()))


def ip_address(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """IPv4 → TEST-NET-1/2/3, IPv6 → 2001:db8::/32 (documentation ranges), keyed; zone and prefix kept."""
    m = _IP.match(span)
    core = m.group(2) if m else span
    try:
        address = ipaddress.ip_address(core)
    except ValueError:
        return shape_random(span, k.rng(VERSION + ".ip", span))

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".ip", address.compressed, attempt)
        if address.version == 4:
            network = _network(rng.choice(k.pack.reserved.ipv4_networks))
            return str(network[rng.randrange(1, network.num_addresses - 1)])
        network = _network(k.pack.reserved.ipv6_network)
        new = network[rng.randrange(1, network.num_addresses)]
        return new.compressed if "::" in core else new.exploded if len(core) >= 39 else new.compressed
    return span.replace(core, distinct(make, core), 1)


@functools.lru_cache(maxsize=64)
def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """A pack's documentation range, parsed once (networks are immutable values)."""
    return ipaddress.ip_network(text)


def mac_address(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """A random, locally administered unicast MAC in the original's separators and case."""
    hex_positions = [i for i, ch in enumerate(span) if ch in string.hexdigits]
    upper = any(ch in "ABCDEF" for ch in span)

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".mac", span.casefold(), attempt)
        octets = [rng.randrange(256) for _ in range(6)]
        octets[0] = (octets[0] | 0x02) & 0xFE
        new = "".join(f"{o:02x}" for o in octets)
        out = list(span)
        for pos, ch in zip(hex_positions, new):
            out[pos] = ch.upper() if upper else ch
        return "".join(out)
    return distinct(make, span)
