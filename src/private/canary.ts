import { CanaryHeader, HeaderMatchType } from '../canary/canary-header';
import { HeaderMatcher } from '../gloo/route';

/** The header matcher a canary header renders to. */
export function canaryHeaderMatcher(header: CanaryHeader): HeaderMatcher {
  const match = header.match ?? HeaderMatchType.EXACT;
  if (match === HeaderMatchType.PRESENT) return { name: header.name };
  return { name: header.name, value: header.value ?? 'true', regex: match === HeaderMatchType.REGEX ? true : undefined };
}

/**
 * The canary and stable weights of a percentage: integers that add up to 100, or to 1000, 10000,
 * ... when the percentage has decimals (0.5% → 5 and 995), since Gloo weights are ratios.
 */
export function canaryWeights(percent: number): { canary: number; stable: number } {
  let scale = 1;
  while (!Number.isInteger(Math.round(percent * scale * 1e6) / 1e6) && scale < 10000) scale *= 10;
  const canary = Math.round(percent * scale);
  return { canary, stable: 100 * scale - canary };
}
