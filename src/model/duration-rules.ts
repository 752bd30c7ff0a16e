import { Duration } from 'cdk8s';

/**
 * Durations as Gloo takes them: protobuf `Duration`s, written in JSON as seconds with an `s`
 * (`15s`, `0.25s`). The library takes cdk8s `Duration`s and writes whole milliseconds.
 */

/** Whether `d` is a cdk8s `Duration` (from any copy of cdk8s). */
export function isDuration(d: unknown): d is Duration {
  return typeof d === 'object' && d !== null && typeof (d as Duration).toMilliseconds === 'function';
}

/** Why `d` is not a duration Gloo takes, or `undefined` when it is. */
export function whyInvalidDuration(d: unknown): string | undefined {
  if (!isDuration(d)) return 'a Duration, such as Duration.seconds(15) (from cdk8s)';
  const ms = d.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms) || ms < 0) return 'a duration of zero or more whole milliseconds';
  if (ms > MAX_MS) return 'a duration of at most 10,000 years (protobuf\'s limit)';
  return undefined;
}

/** `d` as Gloo writes it: `15s`, `0.25s`. */
export function renderDuration(d: Duration): string {
  return `${d.toMilliseconds({ integral: false }) / 1000}s`;
}

/**
 * The milliseconds of a duration as Gloo writes it, or `undefined` for a form the library does not
 * write back the same (more than millisecond precision, no `s`, a sign).
 */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d+)(?:\.(\d{1,3}))?s$/.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  return Number.isSafeInteger(ms) && `${ms / 1000}s` === text ? ms : undefined;
}

/** protobuf's largest duration, 315,576,000,000 seconds, in milliseconds. */
const MAX_MS = 315_576_000_000_000;
