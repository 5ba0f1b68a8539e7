/**
 * The name a mistyped one most likely meant, for "did you mean" hints: the
 * nearest candidate by edit distance, if it is close enough to be a typo (at
 * most a third of the name's letters, and at least 2, changed) rather than a
 * different word.
 */
export function closestName(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    // On a tie the name sharing the longer start wins: a cut-short name (`…_PASS`) means the one it begins.
    const better = distance < bestDistance || (distance === bestDistance && best !== null && sharedStart(name, candidate) > sharedStart(name, best));
    if (better) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** How many leading letters two names share, ignoring case. */
function sharedStart(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i]!.toLowerCase() === b[i]!.toLowerCase()) i++;
  return i;
}

/** Levenshtein distance (insertions, deletions and substitutions), one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
