/**
 * A duration as Gateway API writes it (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`): hours, minutes, seconds and
 * milliseconds, the zero ones left out; `0s` for none (Gateway API: no timeout, as Gloo's 0).
 */
export function gatewayDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: Array<[number, string]> = [[Math.floor(ms / 3_600_000), 'h'], [Math.floor(ms / 60_000) % 60, 'm'], [Math.floor(ms / 1000) % 60, 's'], [ms % 1000, 'ms']];
  return parts.filter(([n]) => n > 0).map(([n, unit]) => `${n}${unit}`).join('');
}
