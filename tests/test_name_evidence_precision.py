"""Issue 10's bound on social media: PERSON precision at or above plain Presidio's (0.641 on wnut17_test.dev,
measured once with `privsynth eval FILE --baseline presidio`) without giving up recall. A floor, as the other
accuracy floors: measured 0.668 / R-any 0.832 when written (the name-evidence rules of detect.name_evidence)."""
from __future__ import annotations

from privsynth.evaluation.dataset import iter_labeled
from privsynth.evaluation.scoring import Scorer, Span

PRESIDIO_PERSON_PRECISION = 0.641


def test_wnut17_test_person_precision_at_or_above_presidio(eval_dir, scrubber):
    docs = list(iter_labeled(eval_dir / "wnut17_test.dev.jsonl"))
    scorer = Scorer()
    for doc, result in zip(docs, scrubber.scrub_batch(d.text for d in docs)):
        spans = [Span(r.start, r.end, r.entity_type) for r in result.replacements]
        scorer.add(doc.text, doc.spans, spans, output=result.text, source=doc.source)
    person = scorer.result().families["PERSON"]
    print(f"wnut17_test.dev PERSON precision={person.precision:.3f} R-any={person.recall_any:.3f}")
    assert person.precision >= PRESIDIO_PERSON_PRECISION
    assert person.recall_any >= 0.82
