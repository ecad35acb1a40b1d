"""Surrogate engine: one keyed generator per entity family; no I/O, no state shared between documents."""
from __future__ import annotations

import logging
from typing import Callable, Sequence

from ..keys import SecretKey
from ..locales import LocalePack
from ..lexicon.names import name_tokens
from ..lexicon.normalize import canonical_value
from ..types import Finding
from . import hipaa, person
from .base import DocumentContext, Keyed
from .bias import BiasCounts, BiasPolicy
from .catalog import FALLBACK, GENERATOR_VERSIONS, Registration, bind, registrations_for

__all__ = ["SurrogateEngine", "GENERATOR_VERSIONS", "Registration", "registrations_for"]

Generator = Callable[[str, Keyed, "DocumentContext | None"], str]

log = logging.getLogger(__name__)

MEMO_SIZE = 50_000


class SurrogateEngine:
    """Maps each entity of a document to its surrogate, keyed and consistent across documents."""

    def __init__(self, key: SecretKey, pack: LocalePack, profile: str = "realistic",
                 date_shift: str = "document", *, bias: object = "preserve", age_cap: int | None = None,
                 age_bucket: int | None = None, zip3: bool = False, consistency: str = "corpus") -> None:
        self.consistency = consistency  # "document": each document its own sub-key, no cross-document linkage
        self.bias = BiasPolicy(bias, pack)
        self.counts = BiasCounts()  # what the person generators drew since the last take_bias()
        self.keyed = Keyed(key, pack, profile, self.bias, self.counts)
        self.pack = pack
        self.date_shift = date_shift
        self.registrations = registrations_for(pack.language)
        self.generators: dict[str, Generator] = hipaa.quasi_generators(
            {entity: bind(r, date_shift) for entity, r in self.registrations.items()}, age_cap, age_bucket, zip3)
        self._fallback = bind(FALLBACK, date_shift)
        self._memoizable = frozenset(e for e, r in self.registrations.items() if r.document_independent)
        self._memo: dict[tuple[str, str], str] = {}
        self._names: dict[str, tuple] = {}

    def document_context(self, text: str, entities: Sequence[Finding]) -> DocumentContext:
        doc = DocumentContext(text=text)  # hashed only if a date or consistency="document" asks
        spans = [(e.start, e.end) for e in entities if e.entity_type == "PERSON"]
        people = [text[start:end] for start, end in spans]
        if people:
            facts = [self._name_facts(name) for name in people]
            order = self.pack.name_order
            # multi-word names first, the longest first (a stable sort: ties keep their order)
            for name, (words, pairs, _, _) in sorted(zip(people, facts), key=lambda nf: -nf[1][0]):
                if words > 1:
                    person.learn_roles(name, doc, order, pairs)
            person.learn_titled(text, spans, doc, [lone for _, _, lone, _ in facts])
            for name, fact in zip(people, facts):  # person.person reads each name's split from here
                doc.names[(name, order)] = fact[3]
        if self.pack.language == "ja":
            from .ja import learn_people
            learn_people(people, doc)
        if people and self.date_shift == "subject":
            # Whom per-subject date shifting follows: the most mentioned person, not a clinician. Only a
            # "subject" date shift reads it (dates.document_offset), so no other setting pays for it.
            doc.subject = hipaa.subject_of(text, spans)
        return doc

    def _name_facts(self, name: str) -> tuple:
        """What a document's context takes from a detected name, worked out once per name (a corpus repeats its
        names; bounded like the memo): its number of words, the (part, role) pairs ``person.learn_roles`` records,
        its one word case-folded when it is a single word (``person.learn_titled``), else ``None``, and its split
        into words and roles (``person.parse_name``, which ``person.person`` uses)."""
        facts = self._names.get(name)
        if facts is None:
            if len(self._names) >= MEMO_SIZE:
                self._names.clear()
            parsed = person.parse_name(name, self.pack.name_order)
            facts = self._names[name] = (len(name_tokens(name)), person.role_pairs(name, parsed=parsed),
                                         person.lone_part(name, parsed), parsed)
        return facts

    def surrogates(self, text: str, entities: Sequence[Finding]) -> list[str]:
        """One surrogate per entity, in order."""
        doc = self.document_context(text, entities)
        per_document = self.consistency == "document"
        keyed = Keyed(self.keyed.key.derive("document", doc.text_digest), self.pack, self.keyed.profile, self.bias,
                      self.counts, fakers_of=self.keyed) if per_document else self.keyed
        out = []
        for e in entities:
            written = text[e.start:e.end]
            original = canonical_value(written)  # NFD marks or a zero-width space never reach a generator
            memo_key = (e.entity_type, original)
            surrogate = None if per_document else self._memo.get(memo_key)
            if surrogate is None:
                surrogate = self._generate(e.entity_type, original, doc, keyed)
                if surrogate == written:
                    surrogate = f"[{e.entity_type}]"
                if e.entity_type in self._memoizable and not per_document:
                    if len(self._memo) >= MEMO_SIZE:
                        self._memo.clear()  # bounded memory on endless corpora; values are recomputed identically
                    self._memo[memo_key] = surrogate
            out.append(surrogate)
        return out

    def _generate(self, entity_type: str, original: str, doc: DocumentContext, keyed: Keyed | None = None) -> str:
        """The family's generator; if it fails on an odd value, a same-shape replacement, else the type label.

        A generator bug must never stop a corpus run or let the original through.
        """
        keyed = keyed or self.keyed
        try:
            surrogate = self.generators.get(entity_type, self._fallback)(original, keyed, doc)
        except Exception as exc:  # noqa: BLE001 - any generator failure falls back, the value never survives
            log.warning("surrogate generator for %s failed (%s); using the family's en_US generator",
                        entity_type, type(exc).__name__)
            try:
                surrogate = self._family_fallback(entity_type, original, doc, keyed)
            except Exception:  # noqa: BLE001 - nothing in the value to redraw (no letters or digits)
                surrogate = f"[{entity_type}]"
        return surrogate if surrogate != original else f"[{entity_type}]"

    def _family_fallback(self, entity_type: str, original: str, doc: DocumentContext, keyed: Keyed) -> str:
        """After a generator failed: the family's own generator with the en_US pack (a street still looks like a
        street, a name like a name); a same-shape replacement only when that fails too or there is none."""
        registration = self.registrations.get(entity_type)
        if registration is not None:
            try:
                return bind(registration, self.date_shift)(original, keyed.for_locale("en_US"), doc)
            except Exception:  # noqa: BLE001 - fall through to the same-shape replacement
                pass
        return self._fallback(original, keyed, doc)

    def take_bias(self) -> dict:
        """Bias counts (originals inferred, surrogates drawn) since the last call, as a plain dict."""
        return self.counts.take()
