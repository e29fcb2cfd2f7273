/**
 * Jaccard similarity of shingle-hash sets kept as sorted arrays of distinct uint32 values.
 *
 * To bound memory, a document may keep only the `cap` smallest hashes of its set (a bottom-k sketch,
 * a uniform sample since the hashes are random). When both sets are complete the result is exact;
 * otherwise it is the bottom-k estimate: among the `cap` smallest values of the union of the two kept
 * arrays, the share present in both. That estimate is unbiased with standard error about
 * sqrt(J(1−J)/cap), and it is valid when one set is complete and the other truncated: every value
 * below the cap-th smallest of the union that lies in a set is among that set's kept values.
 */

/**
 * Similarity of a[aStart, aEnd) and b[bStart, bEnd), sorted and distinct. `aSize` and `bSize` are the
 * sizes of the full sets (equal to the kept lengths when nothing was dropped); `cap` is the length at
 * which sets were truncated.
 */
export function keptJaccard(
  a: Uint32Array,
  aStart: number,
  aEnd: number,
  aSize: number,
  b: Uint32Array,
  bStart: number,
  bEnd: number,
  bSize: number,
  cap: number,
): number {
  const complete = aSize === aEnd - aStart && bSize === bEnd - bStart;
  const limit = complete ? Number.POSITIVE_INFINITY : cap;
  let i = aStart;
  let j = bStart;
  let union = 0;
  let both = 0;
  while (union < limit && (i < aEnd || j < bEnd)) {
    const x = i < aEnd ? a[i]! : 0x100000000;
    const y = j < bEnd ? b[j]! : 0x100000000;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    union++;
  }
  return union === 0 ? 0 : both / union;
}

/** Exact Jaccard similarity of two sorted arrays of distinct values. */
export function sortedJaccard(a: Uint32Array, b: Uint32Array): number {
  return keptJaccard(a, 0, a.length, a.length, b, 0, b.length, b.length, Number.POSITIVE_INFINITY);
}
