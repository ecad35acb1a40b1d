"""Evaluation of privsynth (and baselines) on labelled data: scoring, dataset reading, runners, ``privsynth eval``.

The scorer (:mod:`.scoring`) is independent of the engine: it compares gold spans with predicted spans and the
scrubbed output. Importing this package loads no model.
"""
from .dataset import LabeledDoc, iter_labeled, load_labeled
from .scoring import FAMILIES, EvalResult, FamilyScore, Scorer, Span, score_documents

__all__ = ["FAMILIES", "EvalResult", "FamilyScore", "LabeledDoc", "Scorer", "Span", "iter_labeled",
           "load_labeled", "score_documents"]
