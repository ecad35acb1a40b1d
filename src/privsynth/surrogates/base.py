"""What every surrogate generator gets: keyed randomness per value, the locale pack, and document context."""
from __future__ import annotations

import _random
import hashlib
import string
import threading
from collections import OrderedDict
from itertools import accumulate
from random import Random
from typing import Callable

from faker import Faker
from faker.generator import _re_token as _faker_token

from ..keys import SecretKey
from ..locales import LocalePack, load_locale
from .bias import PART_MEMO_SIZE, BiasCounts, BiasPolicy


class DocumentContext:
    """Per-document facts the generators share: which name parts are given/family names, the date offset.

    ``text_digest`` (SHA-256 of the text: what the document's date offset and, under ``consistency="document"``,
    its sub-key are keyed on) is worked out from ``text`` when first read: a document without dates never
    hashes its text."""

    def __init__(self, text_digest: str | None = None, roles: dict[str, str] | None = None,
                 subject: str | None = None, *, text: str | None = None) -> None:
        if text_digest is None and text is None:
            raise TypeError("DocumentContext needs text_digest or text")
        self._digest = text_digest
        self._text = text
        self.roles: dict[str, str] = roles if roles is not None else {}  # lower-cased part → "given" | "family"
        self.subject = subject  # linked person used for per-subject date shifting
        #: (key, locale, anchor) → day offset: drawn once per document, not once per date (dates.document_offset).
        self.offsets: dict[tuple, int] = {}
        #: (name as detected, name order) → its words and roles (person.parse_name), filled by the engine.
        self.names: dict[tuple[str, str], tuple] = {}

    @property
    def text_digest(self) -> str:
        if self._digest is None:
            self._digest = digest(self._text)  # type: ignore[arg-type]  # one of the two is set
            self._text = None
        return self._digest

    def __repr__(self) -> str:  # never the text itself
        return f"DocumentContext(roles={len(self.roles)}, subject={'set' if self.subject else None})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DocumentContext):
            return NotImplemented
        return (self.text_digest, self.roles, self.subject) == (other.text_digest, other.roles, other.subject)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was


class Keyed:
    """What a generator draws with: keyed randomness (``rng(family, value)`` is the same on every machine for the
    same key, locale and version), the locale pack, the profile, the name-bias policy and the tally its draws
    are counted in (both handed in by the engine; by default a ``preserve`` policy and a fresh tally)."""

    def __init__(self, key: SecretKey, pack: LocalePack, profile: str, bias: BiasPolicy | None = None,
                 counts: BiasCounts | None = None, *, fakers_of: "Keyed | None" = None) -> None:
        self.key = key
        self.pack = pack
        self.profile = profile
        self.bias = bias if bias is not None else BiasPolicy("preserve", pack)
        self.counts = counts if counts is not None else BiasCounts()
        # Faker instances are re-seeded per value, so each thread needs its own (Dask/Spark run threads). A Faker
        # is a pure function of its locale once seeded, so a Keyed built per document (consistency="document")
        # or per locale shares its parent's instead of building each Faker again (~25 ms each).
        self._local = fakers_of._local if fakers_of is not None else threading.local()
        self._other_locales: dict[str, Keyed] = {}
        self._cycle_seeds: dict[str, int] = {}
        #: (kind, family, name part) → (surrogate, bias labels): see ``BiasPolicy._memoized``. Per instance, as
        #: the key is: a per-document Keyed starts empty.
        self.part_memo: dict[tuple[str, str, str], tuple] = {}
        self._parts: dict[tuple, str] = {}  # see memo_part

    def memo_part(self, key: tuple, compute: Callable[[], str]) -> str:
        """``compute()`` once per ``key`` for this instance (its key, pack and profile fix the result): parts of a
        value that recur across values, such as an e-mail or URL domain. Bounded like the engine's memo."""
        found = self._parts.get(key)
        if found is None:
            if len(self._parts) >= PART_MEMO_SIZE:
                self._parts.clear()  # values are recomputed identically
            found = self._parts[key] = compute()
        return found

    def for_locale(self, locale: str) -> "Keyed":
        """The same key, profile, bias setting and tally for another locale's generators (a Western name in a
        Japanese text gets an en_US surrogate); built once per locale."""
        other = self._other_locales.get(locale)
        if other is None:
            pack = load_locale(locale)
            other = self._other_locales[locale] = Keyed(self.key, pack, self.profile,
                                                        BiasPolicy(self.bias.bias, pack), self.counts,
                                                        fakers_of=self)
        return other

    def rng(self, family: str, normalized: str, attempt: int = 0) -> Random:
        return seeded_random(self.key.seed(family, self.pack.locale, normalized, str(attempt)))

    def cycle_seed(self, family: str) -> int:
        """``key.seed(family, "cycle")``: the seed of a name pool's keyed cycle, derived once per family (a
        handful per engine) instead of once per name part."""
        seed = self._cycle_seeds.get(family)
        if seed is None:
            if len(self._cycle_seeds) >= 256:
                self._cycle_seeds.clear()
            seed = self._cycle_seeds[family] = self.key.seed(family, "cycle")
        return seed

    def faker(self, family: str, normalized: str, attempt: int = 0, locale: str | None = None) -> Faker:
        """A Faker owned by this engine, re-seeded for this value (never Faker's shared global ``Random``)."""
        name = locale or self.pack.faker_locale
        fakers = getattr(self._local, "fakers", None)
        if fakers is None:
            fakers = self._local.fakers = {}
        fake = fakers.get(name)
        if fake is None:
            fake = fakers[name] = fast_parse(fast_weighted_draws(hash_order_free(Faker(name))))
        fake.seed_instance(self.key.seed(family, self.pack.locale, normalized, str(attempt)))
        return fake

    @property
    def reserved(self) -> bool:
        return self.profile == "reserved"


def _seeded_random_c(seed: int) -> Random:
    rng = _NEW_RANDOM(Random)
    _SEED_RANDOM(rng, seed)
    rng.gauss_next = None
    return rng


_NEW_RANDOM = Random.__new__
_SEED_RANDOM = _random.Random.seed
#: ``Random(seed)`` for an int seed. ``Random.__init__`` calls the Python-level ``seed()``, which for an int hands
#: it to the C ``seed`` and resets ``gauss_next``; doing just that skips two Python calls per value. Used only if
#: this interpreter's ``Random`` gives the very same state (checked once here; tests/test_surrogate_speed.py too).
seeded_random: Callable[[int], Random] = _seeded_random_c if all(
    _seeded_random_c(s).getstate() == Random(s).getstate() for s in (0, 1, 2 ** 32 + 5, 2 ** 64 - 1)) else Random


#: Faker tables built from a ``set`` (their order follows ``PYTHONHASHSEED``, so a keyed draw would differ between
#: processes: Spark/Dask/Ray workers, two runs of the CLI). tests/test_hash_order.py scans every Faker provider
#: under two hash seeds and fails when a table appears that is missing here.
HASH_ORDERED_TABLES: dict[str, tuple[str, ...]] = {"faker.providers.address.it_IT": ("cities",)}


def hash_order_free(fake: Faker) -> Faker:
    """``fake`` with its hash-ordered tables sorted, so the same key draws the same value in every process."""
    for provider in fake.providers:
        for table in HASH_ORDERED_TABLES.get(type(provider).__module__, ()):
            values = getattr(provider, table, None)
            if values is not None:
                setattr(provider, table, sorted(values))
    return fake


def fast_weighted_draws(fake: Faker) -> Faker:
    """``fake`` drawing one element of a weighted table (last names, street suffixes, company formats) from
    running sums computed once per table, instead of Faker rebuilding the weights and their running sums on every
    draw (O(table) each, the largest share of an address or e-mail surrogate). The draw is the same one:
    ``random.choices`` with the same running sums and the same one ``random()`` call
    (tests/test_noner_speed.py checks it against Faker's own method)."""
    for provider in fake.providers:
        provider.random_elements = _WeightedDraw(provider.random_elements, provider)
    return fake


def fast_parse(fake: Faker) -> Faker:
    """``fake`` with its generators' ``parse`` (how Faker fills a format such as ``"{{building_number}}
    {{street_name}}"``) splitting each format once into literal text and formatter names, then calling the same
    formatters in the same order (``re.sub`` calls them left to right) instead of a regex substitution with a
    Python callback per token; a format with an argument group goes to Faker's own ``parse``
    (tests/test_surrogate_speed.py compares the two)."""
    for generator in getattr(fake, "_factories", ()):
        generator.parse = _Parse(generator)
    return fake


class _Parse:
    """A generator's ``parse`` from formats split once (see :func:`fast_parse`)."""

    __slots__ = ("_generator", "_faker_parse")

    def __init__(self, generator: object) -> None:
        self._generator = generator
        self._faker_parse = type(generator).parse.__get__(generator)

    def __call__(self, text: str) -> str:
        template = _TEMPLATES.get(text)
        if template is None:
            if len(_TEMPLATES) >= 4096:  # formats are Faker's constants: this only bounds odd callers
                _TEMPLATES.clear()
            template = _TEMPLATES[text] = _split_format(text)
        if template is False:
            return self._faker_parse(text)
        generator = self._generator
        return "".join(piece if is_text else str(getattr(generator, piece)()) for is_text, piece in template)


def _split_format(text: str) -> "tuple[tuple[bool, str], ...] | bool":
    pieces: list[tuple[bool, str]] = []
    at = 0
    for m in _FAKER_TOKEN.finditer(text):
        if m.group(2):
            return False  # an argument group: Faker's own parse
        pieces.append((True, text[at:m.start()]))
        pieces.append((False, m.group(1)))
        at = m.end()
    pieces.append((True, text[at:]))
    return tuple(p for p in pieces if not p[0] or p[1])


#: Faker's own token expression, read from Faker so the two cannot drift apart.
_FAKER_TOKEN = _faker_token
#: Format text → its pieces ((is literal text, text or formatter name), ...) or False (Faker's own parse).
_TEMPLATES: dict[str, "tuple[tuple[bool, str], ...] | bool"] = {}


class _WeightedDraw:
    """A provider's ``random_elements`` with the one-element weighted draw from cached running sums."""

    __slots__ = ("_faker_method", "_provider")

    def __init__(self, faker_method: Callable, provider: object) -> None:
        self._faker_method = faker_method
        self._provider = provider

    def __call__(self, elements=("a", "b", "c"), length=None, unique=False, use_weighting=None):  # type: ignore
        if length == 1 and not unique and type(elements) is OrderedDict and \
                (use_weighting if use_weighting is not None else self._provider.__use_weighting__):
            table = _RUNNING_SUMS.get(id(elements))
            if table is None or table[0] is not elements:
                if len(_RUNNING_SUMS) >= 4096:  # a table built per call somewhere: stay bounded
                    _RUNNING_SUMS.clear()
                table = _RUNNING_SUMS[id(elements)] = (elements, tuple(elements.keys()),
                                                       list(accumulate(elements.values())))
            return self._provider.generator.random.choices(table[1], cum_weights=table[2], k=1)
        if length == 1 and not unique and type(elements) in _SEQUENCES:
            # Faker's path for one unweighted element of a sequence: choices_distribution → [random.choice(a)]
            return [self._provider.generator.random.choice(elements)]
        return self._faker_method(elements, length, unique, use_weighting)


_SEQUENCES = (tuple, list, str)
#: id of a Faker table → (the table, kept so the id stays its own; its keys; running sums of its weights). Faker's
#: tables are constants of its providers (read, never changed), as its own key cache on them assumes.
_RUNNING_SUMS: dict[int, tuple[OrderedDict, tuple, list]] = {}


def distinct(make: Callable[[int], str], original: str, same: Callable[[str, str], bool] | None = None,
             tries: int = 16) -> str:
    """Call ``make(attempt)`` until its result differs from ``original``: a surrogate never equals its original."""
    equal = same or (lambda a, b: a.casefold() == b.casefold())
    candidate = original
    for attempt in range(tries):
        candidate = make(attempt)
        if not equal(candidate, original):
            return candidate
    raise RuntimeError("surrogate generator kept returning the original value")  # pragma: no cover - 16 misses


def match_case(template: str, word: str) -> str:
    """``word`` in the letter case of ``template`` (UPPER, lower, Title or as-is)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template.islower():
        return word.lower()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def random_digits(rng: Random, n: int) -> str:
    """``"".join(rng.choice(string.digits) for _ in range(n))``: the same draws from the same stream."""
    if type(rng) is not Random or not _FAST_CHOICE:
        return "".join(rng.choice(string.digits) for _ in range(n))
    # Random.choice(seq) is seq[_randbelow(len(seq))], and _randbelow(10) draws getrandbits(4) until it is below
    # 10: the same calls in one loop instead of two Python frames per digit.
    getrandbits = rng.getrandbits
    out = []
    for _ in range(n):
        r = getrandbits(4)
        while r >= 10:
            r = getrandbits(4)
        out.append(_DIGITS[r])
    return "".join(out)


def _choice_slow(rng: Random, seq: str) -> str:
    return rng.choice(seq)


def _choice_fast(rng: Random, seq: str) -> str:
    """``rng.choice(seq)`` for a non-empty constant ``seq``, inlined (see :func:`random_digits`)."""
    n = len(seq)
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return seq[r]


_DIGITS = string.digits


def shape_random(text: str, rng: Random, keep_prefix: int = 0) -> str:
    """Same shape: each digit → random digit, each letter → random letter of the same case, the rest kept."""
    choice = _choice_fast if type(rng) is Random and _FAST_CHOICE else _choice_slow
    out = []
    for i, ch in enumerate(text):
        if i < keep_prefix:
            out.append(ch)
        elif ch.isdigit():
            out.append(_same_width_digit(ch, choice(rng, string.digits)))
        elif ch.isascii() and ch.isalpha():
            out.append(choice(rng, string.ascii_uppercase if ch.isupper() else string.ascii_lowercase))
        elif "Ａ" <= ch <= "Ｚ" or "ａ" <= ch <= "ｚ":
            base = "Ａ" if ch <= "Ｚ" else "ａ"
            out.append(chr(ord(base) + rng.randrange(26)))
        else:
            out.append(ch)
    return "".join(out)


def _same_width_digit(original: str, digit: str) -> str:
    return chr(ord("０") + int(digit)) if "０" <= original <= "９" else digit


def put_digits(template: str, digits: str) -> str:
    """Write ``digits`` into the digit positions of ``template`` (keeps separators and full-width digits)."""
    it = iter(digits)
    out = []
    for ch in template:
        if ch.isdigit():
            digit = next(it)
            out.append(chr(0xFF10 + int(digit)) if "０" <= ch <= "９" else digit)  # _same_width_digit, inlined
        else:
            out.append(ch)
    return "".join(out)


def ascii_digits(text: str) -> str:
    return "".join(str(int(ch)) for ch in text if ch.isdigit())


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _same_choices(seed: int) -> bool:
    fast, slow = seeded_random(seed), Random(seed)
    got = random_digits(fast, 40) + "".join(_choice_fast(fast, string.ascii_letters) for _ in range(40))
    want = "".join(slow.choice(string.digits) for _ in range(40)) + \
        "".join(slow.choice(string.ascii_letters) for _ in range(40))
    return got == want and fast.getstate() == slow.getstate()


_FAST_CHOICE = True
#: Whether this interpreter's ``Random.choice`` draws as the inlined loops do (checked once; and in
#: tests/test_surrogate_speed.py); if not, the plain ``choice`` is used.
_FAST_CHOICE = all(_same_choices(s) for s in (3, 2 ** 40 + 1, 2 ** 64 - 7))
