"""Worker processes start with one math-library thread each (privsynth.batch.workers.single_threaded_children),
unless the user chose a number; the parent's own environment is left as it was."""
from __future__ import annotations

import os
import subprocess
import sys

from privsynth.batch.workers import THREAD_VARIABLES, single_threaded_children


def test_children_started_inside_get_one_thread_and_the_parent_is_restored(monkeypatch) -> None:
    for var in THREAD_VARIABLES:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")  # the user's choice wins
    code = "import os; print(os.environ.get('OMP_NUM_THREADS'), os.environ.get('OPENBLAS_NUM_THREADS'), " \
           "os.environ.get('MKL_NUM_THREADS'))"
    with single_threaded_children():
        child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert child.stdout.split() == ["1", "1", "3"]
    assert "OMP_NUM_THREADS" not in os.environ and "OPENBLAS_NUM_THREADS" not in os.environ
    assert os.environ["MKL_NUM_THREADS"] == "3"
