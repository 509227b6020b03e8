/** Number of values two sorted integer arrays share. */
export function sharedCount(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}

let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

/**
 * 1 − (Levenshtein distance / longer length), computed only inside the band of distances
 * that could still reach `atLeast`; returns 0 as soon as the ratio cannot reach it. This
 * catches spelling variants (behaviour/behavior) and typos that word overlap misses.
 */
export function editRatio(a: string, b: string, atLeast = 0): number {
  if (a === b) return 1;
  const n = a.length;
  const m = b.length;
  const longer = Math.max(n, m);
  if (longer === 0) return 1;
  const maxDist = Math.floor(longer * (1 - atLeast) + 1e-9);
  if (Math.abs(n - m) > maxDist) return 0;
  if (rowA.length <= m + 1) {
    rowA = new Int32Array(m + 2);
    rowB = new Int32Array(m + 2);
  }
  let prev = rowA;
  let cur = rowB;
  const outside = maxDist + 1;
  for (let j = 0; j <= m; j++) prev[j] = j <= maxDist ? j : outside;
  prev[m + 1] = outside;
  for (let i = 1; i <= n; i++) {
    const from = i - maxDist > 1 ? i - maxDist : 1;
    const to = i + maxDist < m ? i + maxDist : m;
    cur[from - 1] = from === 1 && i <= maxDist ? i : outside;
    let rowMin = cur[from - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      let v = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const up = prev[j] + 1;
      if (up < v) v = up;
      const left = cur[j - 1] + 1;
      if (left < v) v = left;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (to < m) cur[to + 1] = outside;
    if (rowMin > maxDist) return 0;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  const dist = prev[m];
  return dist > maxDist ? 0 : 1 - dist / longer;
}
