"""One Scrubber shared by threads: a spaCy pipeline per thread (what privsynth does) vs. one pipeline taken in
turns under a lock (the alternative), and one thread, on the same texts.

    .venv/bin/python benchmarks/threads.py [--texts 160] [--threads 4]

Each thread's pipeline is loaded before the clock starts. The lock variant is emulated by giving every thread
the same NerDetector and serializing its calls. Prints seconds and the process's peak RSS.
"""
from __future__ import annotations

import argparse
import resource
import threading
import time

KEY = "threads-benchmark-key-0000000000000000000"


def _texts(n: int) -> list[str]:
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(3)
    return [f"{fake.name()} met {fake.name()} in {fake.city()} on {fake.date()}. " + fake.paragraph(nb_sentences=5)
            for _ in range(n)]


def _run(scrubber, texts: list[str], threads: int) -> float:
    parts = [texts[i::threads] for i in range(threads)]
    ready = threading.Barrier(threads + 1)
    go = threading.Barrier(threads + 1)

    def work(part: list[str]) -> None:
        list(scrubber.scrub_batch(part[:1]))  # loads this thread's pipeline
        ready.wait()
        go.wait()
        list(scrubber.scrub_batch(part))

    pool = [threading.Thread(target=work, args=(p,)) for p in parts]
    for t in pool:
        t.start()
    ready.wait()
    start = time.perf_counter()
    go.wait()
    for t in pool:
        t.join()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", type=int, default=160)
    ap.add_argument("--threads", type=int, default=4)
    a = ap.parse_args()
    import privsynth
    from privsynth.detect import Detector

    texts = _texts(a.texts)
    one = privsynth.Scrubber(key=KEY)
    list(one.scrub_batch(texts[:2]))
    start = time.perf_counter()
    list(one.scrub_batch(texts))
    print(f"one thread: {time.perf_counter() - start:.2f} s")
    per_thread = privsynth.Scrubber(key=KEY)
    print(f"{a.threads} threads, a pipeline per thread: {_run(per_thread, texts, a.threads):.2f} s")

    shared = one._pipeline("en").detector.ner
    lock = threading.Lock()

    class Locked:
        def detect_batch(self, batch, batch_size=32):
            with lock:
                return shared.detect_batch(batch, batch_size)

    locked = Locked()
    Detector.ner = property(lambda self: locked)  # the alternative: one pipeline, taken in turns
    turns = privsynth.Scrubber(key=KEY)
    print(f"{a.threads} threads, one pipeline under a lock: {_run(turns, texts, a.threads):.2f} s")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()
