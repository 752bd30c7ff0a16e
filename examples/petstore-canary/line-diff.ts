/** One line of a diff: kept (` `), removed (`-`) or added (`+`). */
export interface DiffLine {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
  /** The line's index in the old text (kept and removed lines) or in the new text (added lines). */
  readonly index: number;
}

/**
 * A line diff of two texts, through their longest common subsequence (minimal, stable: for the same
 * input always the same output). Fine for manifests of a few thousand lines.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i], index: i });
      i++; j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ op: '-', text: a[i], index: i });
      i++;
    } else {
      out.push({ op: '+', text: b[j], index: j });
      j++;
    }
  }
  return out;
}

/** The changed lines with `context` unchanged lines around each change, in unified-diff style (without headers). */
export function formatDiff(diff: DiffLine[], context = 2): string {
  const keep = new Set<number>();
  diff.forEach((d, k) => {
    if (d.op !== ' ') for (let c = k - context; c <= k + context; c++) keep.add(c);
  });
  const lines: string[] = [];
  let skipped = false;
  diff.forEach((d, k) => {
    if (keep.has(k)) {
      if (skipped && lines.length > 0) lines.push('@@');
      skipped = false;
      lines.push(`${d.op}${d.text}`);
    } else {
      skipped = true;
    }
  });
  return lines.join('\n') + (lines.length > 0 ? '\n' : '');
}
