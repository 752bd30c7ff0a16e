import type { ObjectChange } from './object-changes';
import { NO_OBJECT, ReleaseStep, RequestChange, RoutingDiff, RoutingGroup } from './routing-diff';
import type { ServiceOutcome } from '../gateway-api/routing-comparison';

/** The first line of the Markdown form: a CI job finds its earlier comment on a pull request by it. */
export const MARKDOWN_MARKER = '<!-- cdk8s-gloo-canary diff -->';

/** The formats of `diff`. */
export type DiffFormat = 'text' | 'markdown' | 'json';

/** The diff of one output folder (`''` for the folder itself, `gateway-api`, ...). */
export interface OutputDiff {
  readonly folder: string;
  readonly diff: RoutingDiff;
}

/**
 * Diffs in one of the formats: text for a terminal, Markdown for a pull request comment (a summary
 * first, the details folded), JSON for tools. Several outputs get a section each.
 */
export function formatDiffs(outputs: OutputDiff[], format: DiffFormat): string {
  if (format === 'json') {
    const value = outputs.length === 1 ? outputs[0].diff : Object.fromEntries(outputs.map(o => [o.folder || '.', o.diff]));
    return `${JSON.stringify(value, null, 2)}\n`;
  }
  const several = outputs.length > 1;
  if (format === 'text') {
    return outputs.map(o => `${several ? `== output ${o.folder || '.'}\n` : ''}${text(o.diff)}`).join('\n');
  }
  const changed = outputs.reduce((n, o) => n + changedCount(o.diff), 0);
  const head = [MARKDOWN_MARKER, '### Routing changes (cdk8s-gloo-canary diff)', ''];
  if (several) head.push(`**${changed === 0 ? 'no request class routes differently' : `${changed} request class${plural(changed)} route${changed === 1 ? 's' : ''} differently`} in ${outputs.length} outputs**`, '');
  const sections = outputs.map(o => `${several ? `#### output \`${o.folder || '.'}\`\n\n` : ''}${markdown(o.diff)}`);
  return `${[...head, sections.join('\n')].join('\n').replace(/\n+$/, '')}\n`;
}

/** One diff in one format. */
export function formatDiff(diff: RoutingDiff, format: DiffFormat): string {
  return formatDiffs([{ folder: '', diff }], format);
}

function text(diff: RoutingDiff): string {
  const names = serviceNames(diff);
  const lines = [summary(diff)];
  const steps = movedReleases(diff);
  if (steps.length > 0) lines.push('releases:', ...steps.map(r => `  ${stepLine(r)}`));
  for (const g of diff.groups.filter(x => x.changes.length > 0)) {
    lines.push(`${g.object} (${g.hosts.join(', ')}): ${g.changes.length} changed, ${g.unchanged} unchanged`);
    for (const [release, changes] of byRelease(g.changes)) {
      const indent = diff.releases.length > 0 ? '    ' : '  ';
      if (diff.releases.length > 0) lines.push(`  ${release === undefined ? 'not in a release' : releaseHeading(diff, release)}:`);
      for (const line of mergedLines(g, changes, names)) lines.push(`${indent}${line.request}: ${line.before} → ${line.after}`);
    }
  }
  const still = unchangedLine(diff);
  if (still) lines.push(still);
  lines.push(...objectLines(diff.objects));
  return `${lines.join('\n')}\n`;
}

function markdown(diff: RoutingDiff): string {
  const names = serviceNames(diff);
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [`**${summary(diff)}**`, ''];
  for (const r of movedReleases(diff)) lines.push(`- release ${stepLine(r)}`);
  lines.push(`- objects outside routing: ${counts(diff.objects.filter(o => !o.routing))}`, '');
  const changed = diff.groups.filter(g => g.changes.length > 0);
  const withReleases = diff.releases.length > 0;
  if (changed.length > 0) {
    lines.push('<details><summary>Requests that route differently</summary>', '');
    for (const g of changed) {
      lines.push(`**${cell(g.object)}** (${g.hosts.join(', ')}): ${g.changes.length} changed, ${g.unchanged} unchanged`, '');
      lines.push(withReleases ? '| release | request | before | after |' : '| request | before | after |', withReleases ? '|---|---|---|---|' : '|---|---|---|');
      for (const [release, changes] of byRelease(g.changes)) {
        for (const line of mergedLines(g, changes, names)) {
          const cells = [line.request, line.before, line.after].map(cell);
          lines.push(`| ${withReleases ? `${cell(release === undefined ? 'not in a release' : releaseHeading(diff, release))} | ` : ''}${cells.join(' | ')} |`);
        }
      }
      lines.push('');
    }
    lines.push('</details>', '');
  }
  const still = unchangedLine(diff);
  if (still) lines.push(still, '');
  if (diff.objects.length > 0) {
    lines.push('<details><summary>Objects added, removed or changed</summary>', '', '```', ...objectLines(diff.objects), '```', '', '</details>', '');
  }
  return `${lines.join('\n')}\n`;
}

function changedCount(diff: RoutingDiff): number {
  return diff.groups.reduce((n, g) => n + g.changes.length, 0);
}

function summary(diff: RoutingDiff): string {
  const changed = changedCount(diff);
  const targets = diff.base.target === diff.head.target ? `target ${diff.head.target}` : `target ${diff.base.target} → ${diff.head.target}`;
  return changed === 0
    ? `no request class routes differently (${diff.requestClasses} asked; ${targets})`
    : `${changed} request class${plural(changed)} route${changed === 1 ? 's' : ''} differently (${diff.requestClasses} asked; ${targets})`;
}

function movedReleases(diff: RoutingDiff): ReleaseStep[] {
  return diff.releases.filter(r => r.before !== r.after || r.changes > 0);
}

function stepLine(r: ReleaseStep): string {
  return `${r.release}: ${stageStep(r)}, ${r.changes} request class${plural(r.changes)} changed`;
}

/** `weight-10 → weight-50`, or `weight-10 (unchanged)`. */
function stageStep(r: ReleaseStep): string {
  return r.before === r.after ? `${r.after} (unchanged)` : `${r.before ?? '(new)'} → ${r.after ?? '(removed)'}`;
}

/** `find-pet-by-id: weight-10 → weight-50`. */
function releaseHeading(diff: RoutingDiff, release: string): string {
  const step = diff.releases.find(r => r.release === release);
  return step ? `${release}: ${stageStep(step)}` : release;
}

/** The unchanged objects in one line. */
function unchangedLine(diff: RoutingDiff): string | undefined {
  const still = diff.groups.filter(g => g.changes.length === 0 && g.object !== NO_OBJECT);
  const untaken = diff.groups.find(g => g.object === NO_OBJECT && g.changes.length === 0)?.unchanged ?? 0;
  const parts: string[] = [];
  if (still.length > 0) {
    const classes = still.reduce((n, g) => n + g.unchanged, 0);
    const shown = still.slice(0, 5).map(g => g.object).join(', ');
    parts.push(`${still.length} object${still.length === 1 ? '' : 's'}, ${classes} request class${plural(classes)} (${shown}${still.length > 5 ? `, and ${still.length - 5} more` : ''})`);
  }
  if (untaken > 0) parts.push(`${untaken} request class${plural(untaken)} no object takes, before or after`);
  return parts.length > 0 ? `unchanged: ${parts.join('; ')}` : undefined;
}

function objectLines(objects: ObjectChange[]): string[] {
  const other = objects.filter(o => !o.routing);
  const routing = objects.filter(o => o.routing);
  const lines = [`objects outside routing: ${counts(other)}`];
  for (const o of other) {
    lines.push(`  ${o.change} ${o.object}`);
    for (const f of o.fields) lines.push(`    ${f.field}: ${f.before ?? '(unset)'} → ${f.after ?? '(unset)'}`);
    if (o.moreFields > 0) lines.push(`    and ${o.moreFields} more field${o.moreFields === 1 ? '' : 's'}`);
  }
  if (routing.length > 0) lines.push(`routing objects (their requests are above): ${routing.map(o => `${o.change} ${o.object}`).join(', ')}`);
  return lines;
}

function counts(objects: ObjectChange[]): string {
  const n = (c: ObjectChange['change']) => objects.filter(o => o.change === c).length;
  return `${n('changed')} changed, ${n('added')} added, ${n('removed')} removed`;
}

function byRelease(changes: RequestChange[]): Array<[string | undefined, RequestChange[]]> {
  const out = new Map<string | undefined, RequestChange[]>();
  for (const c of changes) out.set(c.release, [...(out.get(c.release) ?? []), c]);
  return [...out.entries()].sort((a, b) => (a[0] === undefined ? 1 : b[0] === undefined ? -1 : a[0] < b[0] ? -1 : 1));
}

/**
 * One line per change, where changes that differ only in the path (the probes around one
 * matcher: `/checkout`, `/checkout/`, `/checkout/x`) share one: `GET /checkout, /checkout/, /checkout/x`.
 */
function mergedLines(
  g: RoutingGroup, changes: RequestChange[], names: Map<string, string>,
): Array<{ request: string; before: string; after: string }> {
  const lines = new Map<string, { method: string; paths: string[]; rest: string; before: string; after: string }>();
  for (const c of changes) {
    const [before, after] = c.detail ? [c.detail.before, c.detail.after] : [outcomeOf(c.before, names), outcomeOf(c.after, names)];
    const rest = `${c.headers.length > 0 ? ` with ${c.headers.join(', ')}` : ''}${g.hosts.length > 1 ? ` (${c.host})` : ''}`;
    const key = JSON.stringify([c.method, rest, before, after]);
    const line = lines.get(key) ?? { method: c.method, paths: [], rest, before, after };
    line.paths.push(c.path);
    lines.set(key, line);
  }
  return [...lines.values()].map(l => ({ request: `${l.method} ${l.paths.join(', ')}${l.rest}`, before: l.before, after: l.after }));
}

/** `checkout-v1 90% · checkout-v2 10% (+5% mirrored to checkout-v2)`, or what happens instead. */
function outcomeOf(o: ServiceOutcome, names: Map<string, string>): string {
  if (o.shares.length === 0) return o.words === 'no route' ? 'no route (404)' : o.words;
  const mirror = o.mirror ? ` (+${o.mirror.percent}% mirrored to ${names.get(o.mirror.key) ?? o.mirror.key})` : '';
  return o.shares.map(s => `${names.get(s.key) ?? s.key} ${s.percent}%`).join(' · ') + mirror;
}

/**
 * A short name for each Service (or Upstream) the diff shows: its name where nothing else shown has
 * it, else its whole key (`namespace/name:port`).
 */
function serviceNames(diff: RoutingDiff): Map<string, string> {
  const keys = new Set<string>();
  for (const c of diff.groups.flatMap(g => g.changes)) {
    for (const o of [c.before, c.after]) {
      for (const s of o.shares) keys.add(s.key);
      if (o.mirror) keys.add(o.mirror.key);
    }
  }
  // `ns/name:port` of a Service, `upstream ns/name` of an Upstream whose Service the output does not hold
  const nameOf = (key: string) => /^[^/ ]+\/([^:]+):/.exec(key)?.[1] ?? /^upstream [^/ ]+\/(\S+)$/.exec(key)?.[1];
  const count = new Map<string, number>();
  for (const k of keys) {
    const n = nameOf(k);
    if (n !== undefined) count.set(n, (count.get(n) ?? 0) + 1);
  }
  const out = new Map<string, string>();
  for (const k of keys) {
    const n = nameOf(k);
    out.set(k, n !== undefined && count.get(n) === 1 ? n : k);
  }
  return out;
}

/** The plural ending of `class`. */
function plural(n: number): string {
  return n === 1 ? '' : 'es';
}
