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

/** Dice coefficient of two token sets given as sorted ids: 2|A∩B| / (|A|+|B|). */
export function dice(a: Int32Array, b: Int32Array): number {
  return a.length === 0 || b.length === 0 ? 0 : (2 * sharedCount(a, b)) / (a.length + b.length);
}

let rowA = new Int32Array(256);
let rowB = new Int32Array(256);

/**
 * 1 − (Levenshtein distance / longer length), computed only inside the band of distances
 * that could still reach `atLeast`; returns 0 as soon as the ratio cannot reach it. This
 * catches spelling variants (behaviour/behavior) and typos that token overlap misses.
 */
export function editRatio(a: string, b: string, atLeast = 0): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  const maxDist = Math.floor(longer * (1 - atLeast));
  if (Math.abs(a.length - b.length) > maxDist) return 0;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    const from = Math.max(1, i - maxDist);
    const to = Math.min(b.length, i + maxDist);
    if (from > 1) cur[from - 1] = maxDist + 1;
    for (let j = from; j <= to; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (to < b.length) cur[to + 1] = maxDist + 1;
    if (rowMin > maxDist) return 0;
    [prev, cur] = [cur, prev];
  }
  const dist = prev[b.length];
  return dist > maxDist ? 0 : 1 - dist / longer;
}
