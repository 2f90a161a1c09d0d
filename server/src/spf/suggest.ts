// "Did you mean ...?" for misspelt mechanism and modifier names.

import { mechanismNames } from './model';

const knownModifiers = ['redirect', 'exp'];

/** Spellings seen in the wild that edit distance alone would not map well. */
const aliases: Record<string, string> = {
  ipv4: 'ip4',
  ipv6: 'ip6',
  inet: 'ip4',
  inet6: 'ip6',
  includes: 'include',
  incl: 'include',
  inc: 'include',
  exist: 'exists',
  redir: 'redirect',
  redirects: 'redirect',
  explanation: 'exp',
};

/**
 * The known name `name` was most likely meant to be, or undefined. `rest` is what follows the name,
 * which tells "ip:" with an IPv6 address from one with an IPv4 address.
 */
export function suggestName(name: string, rest: string, kind: 'mechanism' | 'modifier'): string | undefined {
  const lower = name.toLowerCase();
  const candidates = kind === 'mechanism' ? mechanismNames : knownModifiers;
  if (lower === 'ip') return rest.slice(1).includes(':') ? 'ip6' : 'ip4';
  const alias = aliases[lower];
  if (alias && candidates.includes(alias as never)) return alias;
  if (lower.length < 3) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.length < 3) continue;
    const distance = editDistance(lower, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.min(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** Damerau-Levenshtein distance (optimal string alignment), so swapped letters count once. */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
      }
    }
  }
  return rows[a.length][b.length];
}
