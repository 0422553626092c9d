/** Edit distance with transpositions (optimal string alignment): `catgories`→`categories` is 1. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur = [i];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2] + 1);
      cur.push(v);
    }
    prevPrev = prev;
    prev = cur;
  }
  return prev[cols - 1];
}

/** How many edits still count as a typo of a word this long (short words get little slack). */
function allowedEdits(length: number): number {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

/**
 * The candidate `word` is most likely a typo of, compared case-insensitively, or undefined when
 * none is close enough. Ties go to the earlier candidate.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === w) return c;
    if (Math.abs(cl.length - w.length) > allowedEdits(Math.min(cl.length, w.length))) continue;
    const d = editDistance(w, cl);
    if (d <= allowedEdits(Math.min(cl.length, w.length)) && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
