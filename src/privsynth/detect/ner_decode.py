"""spaCy's greedy NER decoding, run with whole-batch matrix products instead of one small product per step.

spaCy's transition-based ``ner`` (``TransitionBasedParser.v2``, ``state_type = "ner"``, no beam) labels a text
one token at a time. At each step it sums three precomputed feature vectors per document (the next token, the
first token of the open entity, the token before), takes the maxout, multiplies by the output layer, and picks
the best *valid* move (BILUO). Done step by step, that is one tiny BLAS call per step and per batch (a third of
the stage went to BLIS's per-call locks, measured with ``perf``) and the BLIS build that thinc ships falls
back to its generic reference kernels on CPUs it does not know (AMD Zen 5 here).

The features only involve the open entity when one is open: outside an entity (~90 % of tokens) the state is
``[token, padding, padding]``. So :class:`GreedyNerDecoder` scores every token's "no entity open" state in one
product for the whole batch, walks each document in order, and computes a state's scores one at a time only
inside an entity. The moves, their validity rules (``spacy/pipeline/_parser_internals/ner.pyx``: no entity
across a sentence start, none starting on whitespace, I only before the last token) and the tie-break (the
lowest move index wins) are spaCy's, so the entities are the same as spaCy's own ``ner`` up to float rounding
(identical on every text we compared; ``tests/test_ner_decode.py``). Matrix products go through NumPy's BLAS
(OpenBLAS, which picks its kernels for the CPU at run time), held to one thread per process: workers are
processes, and a BLAS thread pool per worker only spins.

Unsupported configurations (a beam, a ``tok2vec`` listener, an unusual feature set, preset entities) are
reported by :meth:`GreedyNerDecoder.supports` / :meth:`GreedyNerDecoder.can_decode`, and the caller runs spaCy's
own component instead.
"""
from __future__ import annotations

import contextlib
import functools
import threading
from typing import Any, Iterator, Sequence

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START
from spacy.tokens import Span

#: Score given to moves that are not allowed in a state (below anything a model produces).
_INVALID = np.float32(-3.0e38)
#: Score of moves the model never saw in training: spaCy sets them to the batch's minimum score, so they win only
#: when nothing else is valid; one fixed score just above _INVALID does the same.
_UNSEEN = np.float32(-1.0e38)


class _OneBlasThread:
    """Process-wide hold of NumPy's BLAS at one thread, counted: the first holder (any thread) sets the limit,
    the last one out restores the original. Separate threadpoolctl limits from two threads at once could
    interleave and leave the process at one thread for good (B saves A's limit as "original")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._limiter: Any = None
        self._controller: Any = None  # threadpoolctl's view of the loaded BLAS libraries, read once

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._holders == 0:
                if self._controller is None:
                    from threadpoolctl import ThreadpoolController

                    self._controller = ThreadpoolController()
                self._limiter = self._controller.limit(limits=1, user_api="blas")
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0:
                    self._limiter.restore_original_limits()
                    self._limiter = None


#: Hold NumPy's BLAS to one thread for the duration (restored afterwards; other code keeps its setting).
one_blas_thread = _OneBlasThread()


@functools.lru_cache(maxsize=1)
def _matmul_ops():  # -> thinc NumpyOps whose gemm is numpy.matmul (stateless: one instance serves every model)
    from thinc.api import NumpyOps

    class MatmulOps(NumpyOps):
        """thinc's NumPy backend with matrix products through NumPy's BLAS instead of the bundled BLIS."""

        name = "privsynth_matmul"

        def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):  # noqa: ANN001, ANN201
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return np.matmul(a, b)
            np.matmul(a, b, out=out)
            return out

    return MatmulOps()


def use_numpy_blas(model: Any) -> None:
    """Route a thinc model's matrix products (``ops.gemm``) through NumPy's BLAS; call inside
    :func:`one_blas_thread`."""
    ops = _matmul_ops()
    for node in model.walk():
        node.ops = ops


def _by_tokens(docs: Sequence[Any], max_tokens: int) -> Iterator[list[Any]]:
    """``docs`` in order, in groups of at most ``max_tokens`` tokens (a longer doc alone)."""
    group: list[Any] = []
    size = 0
    for doc in docs:
        if group and size + len(doc) > max_tokens:
            yield group
            group, size = [], 0
        group.append(doc)
        size += len(doc)
    if group:
        yield group


class GreedyNerDecoder:
    """Decodes a spaCy ``ner`` component's entities for a batch of docs (see the module docstring)."""

    #: Tokens run through the network at once: the embedding and encoder layers hold ~14 KB per token at their
    #: peak, so a batch of 32 web pages (~40,000 tokens) at once took 320 MB more than spaCy, which runs each
    #: batch in quarters. Products of 6,000 rows are as fast per row.
    max_tokens = 6000

    def __init__(self, ner: Any, listener_ok: bool = False) -> None:  # a spaCy EntityRecognizer, see supports
        if not self.supports(ner, listener_ok):
            raise ValueError("this ner component is not one GreedyNerDecoder can run; use spaCy's own")
        model = ner.model
        use_numpy_blas(model)  # the embedding and encoder layers' products too
        self.tok2vec = model.get_ref("tok2vec")
        lower, upper = model.get_ref("lower"), model.get_ref("upper")
        n_feats, n_hidden, n_pieces, n_in = (lower.get_dim(d) for d in ("nF", "nO", "nP", "nI"))
        self.n_hidden, self.n_pieces, width = n_hidden, n_pieces, n_hidden * n_pieces
        # lower W is (nF, nO, nP, nI): one (nI, nF*nO*nP) matrix turns token vectors into every feature's part.
        self.lower_w = np.ascontiguousarray(lower.get_param("W").reshape(n_feats * width, n_in).T)
        self.lower_b = lower.get_param("b").reshape(width)
        self.padding = lower.get_param("pad").reshape(n_feats, width)
        self.upper_w = np.ascontiguousarray(upper.get_param("W").T)  # (nO hidden, n moves)
        self.upper_b = upper.get_param("b")
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        actions = np.array([name.split("-", 1)[0] for name in names])
        self.labels = [name.split("-", 1)[1] if "-" in name else "" for name in names]
        labelled = np.array([bool(label) for label in self.labels])
        self.is_out = actions == "O"
        self.is_begin = (actions == "B") & labelled
        self.is_unit = (actions == "U") & labelled
        self.unseen = np.zeros(len(names), dtype=bool)
        self.unseen[list(model.attrs.get("unseen_classes", ()))] = True
        # Outside an entity only O, B-x and U-x can be valid; inside, only I-x and L-x of the open label.
        self.closed_mask = ~(self.is_out | self.is_begin | self.is_unit)
        self.in_move = {self.labels[i]: i for i in np.flatnonzero((actions == "I") & labelled)}
        self.last_move = {self.labels[i]: i for i in np.flatnonzero((actions == "L") & labelled)}

    @staticmethod
    def supports(ner: Any, listener_ok: bool = False) -> bool:
        """Whether ``ner`` is a greedy spaCy NER with the standard NER state features. One that listens to a
        shared ``tok2vec`` component is accepted with ``listener_ok`` (the caller runs that component first: the
        listener reads the vectors it stored on each doc)."""
        try:
            model = ner.model
            if type(ner).__name__ != "EntityRecognizer" or int(ner.cfg.get("beam_width", 1)) != 1:
                return False
            if model.name != "parser_model" or not model.attrs.get("has_upper"):
                return False
            if model.get_ref("lower").get_dim("nF") != 3:  # [B(0), E(0), B(0)-1]: state_type "ner"
                return False
            if not listener_ok and any("listener" in node.name for node in model.walk()):
                return False
            names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        except (AttributeError, KeyError, ValueError):
            return False
        if not all(name == "O" or name[:2] in ("B-", "I-", "L-", "U-") for name in names):
            return False
        labels = {name[2:] for name in names if name != "O"} - {""}  # "U-": a preset blocked token, never chosen
        return all(f"{action}-{label}" in names for label in labels for action in "BILU")

    @staticmethod
    def can_decode(docs: Sequence[Any]) -> bool:
        """False when some doc already carries entity annotation (spaCy's rules then keep those preset
        entities, which this decoder does not model)."""
        return not any(doc.has_annotation("ENT_IOB") for doc in docs)

    def _scores(self, summed: np.ndarray) -> np.ndarray:
        hidden = summed.reshape(-1, self.n_hidden, self.n_pieces).max(axis=2)
        return hidden @ self.upper_w + self.upper_b

    def __call__(self, docs: Sequence[Any]) -> None:
        """Set ``doc.ents`` on every doc of ``docs`` (tokenized, sentence starts set by earlier components)."""
        with one_blas_thread():
            for group in _by_tokens(docs, self.max_tokens):
                self._decode_group(group)

    def _decode_group(self, docs: list[Any]) -> None:
        lengths = [len(doc) for doc in docs]
        if not sum(lengths):
            return
        vectors = self.tok2vec.predict(docs)
        parts = (vectors @ self.lower_w).reshape(len(vectors), 3, -1)
        # Every token's state with no entity open: [token, padding, padding], in spaCy's order of addition.
        closed = self._scores(parts[:, 0] + self.padding[1] + self.padding[2] + self.lower_b)
        closed[:, self.unseen] = _UNSEEN
        closed[:, self.closed_mask] = _INVALID
        offset = 0
        for doc, n in zip(docs, lengths):
            if n:
                spans = self._decode(doc, parts[offset:offset + n], closed[offset:offset + n])
                doc.set_ents([Span(doc, start, end, label=label) for start, end, label in spans], default="outside")
            offset += n

    def _decode(self, doc: Any, parts: np.ndarray, closed: np.ndarray) -> list[tuple[int, int, str]]:
        n = len(doc)
        flags = doc.to_array([IS_SPACE, SENT_START]).reshape(n, 2)
        space = flags[:, 0].astype(bool)
        next_starts = np.zeros(n, dtype=bool)  # the next token starts a sentence: no entity may continue into it
        next_starts[:-1] = flags[1:, 1] == 1
        no_begin = space | next_starts
        no_begin[-1] = True  # B needs one more token
        scores = closed.copy()
        scores[np.ix_(no_begin, self.is_begin)] = _INVALID
        scores[np.ix_(space, self.is_unit)] = _INVALID
        best = scores.argmax(axis=1)
        spans: list[tuple[int, int, str]] = []
        i = 0
        while i < n:
            move = best[i]
            if self.is_out[move]:
                i += 1
                continue
            label = self.labels[move]
            if self.is_unit[move]:
                spans.append((i, i + 1, label))
                i += 1
                continue
            start, i = i, i + 1  # B: an entity is open until its L
            in_move, last_move = self.in_move[label], self.last_move[label]
            while True:
                state = self._scores(parts[i, 0] + parts[start, 1] + parts[i - 1, 2] + self.lower_b)[0]
                s_in = _UNSEEN if self.unseen[in_move] else state[in_move]
                s_last = _UNSEEN if self.unseen[last_move] else state[last_move]
                may_continue = i < n - 1 and not next_starts[i]
                if may_continue and (s_in >= s_last if in_move < last_move else s_in > s_last):
                    i += 1
                    continue
                spans.append((start, i + 1, label))
                i += 1
                break
        return spans
