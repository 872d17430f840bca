"""The matching bench's reference on candidate sets too large for the WebAssembly HiGHS (2 GiB).

Reads the assignment LP that bench/matching.ts writes to a directory of raw little-endian arrays,
solves it with native HiGHS through scipy, and prints one JSON line:
{"status", "objective", "seconds", "peakMB"}. The status is "optimal", "unavailable" (with a
"reason": numpy or scipy is missing) or why there is no optimum.

    problem.json     {"needs": n, "volunteers": m, "pairs": p}
    rows.i32         p: the need of each candidate pair
    cols.i32         p: the volunteer of each candidate pair
    costs.f64        p: the cost of each pair
    unassigned.f64   n: the cost of leaving each need without a volunteer
    capacities.i32   m: each volunteer's free capacity

The LP is the one the bench gives the WebAssembly HiGHS: a variable in [0, 1] per pair and per need's
"unassigned" option, each need taken exactly once, each volunteer at most its capacity. The matrix is
totally unimodular, so the LP optimum is the integer optimum.

Usage: python3 bench/reference-lp.py DIR
"""

import json
import resource
import sys
import time
from pathlib import Path


def main(directory: Path) -> dict:
    try:
        import numpy as np
        from scipy.optimize import linprog
        from scipy.sparse import csr_array
    except ImportError as error:
        return {"status": "unavailable", "reason": str(error)}

    size = json.loads((directory / "problem.json").read_text())
    n, m, p = size["needs"], size["volunteers"], size["pairs"]
    rows = np.fromfile(directory / "rows.i32", dtype="<i4", count=p)
    cols = np.fromfile(directory / "cols.i32", dtype="<i4", count=p)
    costs = np.fromfile(directory / "costs.f64", dtype="<f8", count=p)
    unassigned = np.fromfile(directory / "unassigned.f64", dtype="<f8", count=n)
    capacities = np.fromfile(directory / "capacities.i32", dtype="<i4", count=m)

    # Variables: the p pairs, then one "unassigned" option per need.
    ones = np.ones(p + n)
    each_need_once = csr_array(
        (ones, (np.concatenate([rows, np.arange(n)]), np.arange(p + n))), shape=(n, p + n)
    )
    volunteer_capacity = csr_array((ones[:p], (cols, np.arange(p))), shape=(m, p + n))

    start = time.perf_counter()
    result = linprog(
        np.concatenate([costs, unassigned]),
        A_ub=volunteer_capacity,
        b_ub=capacities.astype(np.float64),
        A_eq=each_need_once,
        b_eq=np.ones(n),
        bounds=(0, 1),
        method="highs",
    )
    seconds = time.perf_counter() - start
    # ru_maxrss is in KiB on Linux: the peak of the whole process, arrays and HiGHS together.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "status": "optimal" if result.status == 0 else f"status {result.status}: {result.message}",
        "objective": float(result.fun) if result.status == 0 else None,
        "seconds": round(seconds, 1),
        "peakMB": round(peak_mb),
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 bench/reference-lp.py DIR")
    print(json.dumps(main(Path(sys.argv[1]))))
