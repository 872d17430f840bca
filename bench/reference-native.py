"""The matching bench's reference on candidate sets too large for the WebAssembly HiGHS (2 GiB).

Reads the assignment that bench/matching.ts writes to a directory of raw little-endian arrays,
solves it exactly with scipy's min_weight_full_bipartite_matching (LAPJVsp, native code, written
independently of Samen's solver), and prints one JSON line:
{"status", "objective", "seconds", "peakMB"}. The status is "optimal", "unavailable" (with a
"reason": numpy or scipy is missing) or why there is no optimum.

    problem.json     {"needs": n, "volunteers": m, "pairs": p}
    rows.i32         p: the need of each candidate pair
    cols.i32         p: the volunteer of each candidate pair
    costs.f64        p: the cost of each pair
    unassigned.f64   n: the cost of leaving each need without a volunteer
    capacities.i32   m: each volunteer's free capacity

The problem is the one the bench gives HiGHS as an LP: each need gets one volunteer or none, each
volunteer at most its capacity, least total cost. As a bipartite matching: a column per free place
of a volunteer (a pair becomes one edge per place) and one "unassigned" column per need, so every
need is matched and the least-weight full matching of the needs is the optimum. (Native HiGHS
through linprog had not finished the full clustered instance's LP after 20 minutes.)

Usage: python3 bench/reference-native.py DIR
"""

import json
import resource
import sys
import time
from pathlib import Path


def main(directory: Path) -> dict:
    try:
        import numpy as np
        from scipy.sparse import csr_array
        from scipy.sparse.csgraph import min_weight_full_bipartite_matching
    except ImportError as error:
        return {"status": "unavailable", "reason": str(error)}

    size = json.loads((directory / "problem.json").read_text())
    n, m, p = size["needs"], size["volunteers"], size["pairs"]
    rows = np.fromfile(directory / "rows.i32", dtype="<i4", count=p)
    cols = np.fromfile(directory / "cols.i32", dtype="<i4", count=p)
    costs = np.fromfile(directory / "costs.f64", dtype="<f8", count=p)
    unassigned = np.fromfile(directory / "unassigned.f64", dtype="<f8", count=n)
    capacities = np.maximum(np.fromfile(directory / "capacities.i32", dtype="<i4", count=m), 0)

    start = time.perf_counter()
    # Volunteer v's places are the columns first_place[v] .. first_place[v] + capacity - 1.
    first_place = np.concatenate([[0], np.cumsum(capacities)]).astype(np.int64)
    places = int(first_place[-1])
    per_pair = capacities[cols]
    pair_of_edge = np.repeat(np.arange(p), per_pair)
    place_in_volunteer = np.arange(len(pair_of_edge)) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    edge_rows = np.concatenate([rows[pair_of_edge], np.arange(n)])
    edge_cols = np.concatenate(
        [first_place[cols[pair_of_edge]] + place_in_volunteer, places + np.arange(n)]
    )
    # One more on every weight: scipy's matching takes weights that are not zero. Every need has
    # exactly one edge in the matching, so the total is n more than the assignment's.
    weights = np.concatenate([costs[pair_of_edge], unassigned]) + 1.0
    graph = csr_array((weights, (edge_rows, edge_cols)), shape=(n, places + n))
    try:
        matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    except ValueError as error:
        return {"status": f"no full matching: {error}"}
    seconds = time.perf_counter() - start
    objective = float(graph[matched_rows, matched_cols].sum()) - n
    # ru_maxrss is in KiB on Linux: the peak of the whole process, arrays and solver together.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"status": "optimal", "objective": objective, "seconds": round(seconds, 1), "peakMB": round(peak_mb)}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 bench/reference-native.py DIR")
    print(json.dumps(main(Path(sys.argv[1]))))
