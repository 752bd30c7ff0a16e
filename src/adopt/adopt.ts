import { generateApp } from './codegen';
import { compareAdoption, Comparison } from './compare';
import { selectInputSet } from './input-set';
import { DEFAULT_READ_LIMITS, ReadLimits, ReadResult, where } from './reader';
import { loadTypeScript, synthesizeGenerated } from './run-generated';
import { inputSchemaProblems, outputSchemaProblems } from './schema-problems';
import { translateObject, withNamespace } from './translate';
import { typeCheckGenerated } from './type-check';
import type { KubeServiceDestination } from '../model/destination';
import { ManifestShape } from '../simulate/gloo-manifest';

/** What adoption read, built and proved. */
export interface AdoptionReport {
  /** Objects read from the input (Gloo objects and workloads). */
  readonly read: number;
  /** Objects the generated code builds. */
  readonly adopted: number;
  /** Problems with the input; when there are any, no code is generated. */
  readonly problems: string[];
  /** Documents and objects left out, with why. */
  readonly skipped: string[];
  /** 0.x to 1.x translations, and server-written fields dropped. */
  readonly translations: string[];
  /** Objects without a namespace, and the namespace they were given. */
  readonly namespaces: string[];
  /** Canary releases recognised. */
  readonly releases: string[];
  /** Fields passed through an escape hatch. */
  readonly escapeHatch: string[];
  /** References to objects not in the input. */
  readonly externals: string[];
  /** The comparison of the input with the synthesized code, when code was generated. */
  readonly comparison?: Comparison;
  /** Why the generated code could not be synthesized, if it could not. */
  readonly synthError?: string;
  /** Fields of the synthesized objects that the Gloo CRDs would prune or refuse, if there were any. */
  readonly schemaProblems?: string[];
  /** The errors of type-checking the generated code under strict settings, if it had any. */
  readonly typeErrors?: string[];
}

/** The result of adopting some YAML. */
export interface AdoptionResult {
  /** The generated app, unless the input had problems. */
  readonly code?: string;
  readonly report: AdoptionReport;
  /** Whether code was generated, synthesized, and routes as the input does. */
  readonly ok: boolean;
}

/** Options of `adoptManifests`. */
export interface AdoptOptions {
  /** The input files, for the header comment of the code. */
  readonly sources?: string[];
  readonly className?: string;
  readonly limits?: ReadLimits;
  /**
   * Where an object without `metadata.namespace` goes: where `kubectl apply -n <namespace>` puts it.
   * @default 'default', as `kubectl apply` without `-n` in a fresh context
   */
  readonly namespace?: string;
  /**
   * The Kubernetes Service of an Upstream the input refers to but does not hold, by `name` or
   * `namespace/name` (the CLI's `--service name=namespace/service:port`): written as its
   * `Upstream.fromUpstreamName(..., { service })`.
   * @default - read from Gloo discovery's naming where it is unambiguous
   */
  readonly services?: { [upstream: string]: KubeServiceDestination };
}

/** Adopts what the reader read: translate, check, generate, synthesize in-process, compare. */
export function adoptManifests(read: ReadResult, options: AdoptOptions = {}): AdoptionResult {
  const translated = read.objects.map(translateObject).map(o => withNamespace(o, options.namespace ?? 'default'));
  const set = selectInputSet(translated);
  const base = {
    read: read.objects.length,
    problems: [...read.problems, ...inputSchemaProblems(translated), ...set.problems],
    skipped: [...read.skipped, ...set.skipped],
    translations: translated.flatMap(t => t.translations),
    namespaces: translated.flatMap(t => (t.defaultedNamespace ? [`${where(t.source, t.manifest)}: no metadata.namespace; placed in ${t.defaultedNamespace}, where kubectl apply would put it (adopt --namespace changes it)`] : [])),
  };
  if (base.problems.length > 0) {
    return { ok: false, report: { ...base, adopted: 0, releases: [], escapeHatch: [], externals: [] } };
  }
  const app = generateApp(set.objects, options.sources ?? [...new Set(read.objects.map(o => o.source.file))], options.className, options.services);
  const report = { ...base, adopted: app.adopted, releases: app.releases, escapeHatch: app.escapeHatch, externals: app.externals };
  let output: ManifestShape[];
  try {
    const typeErrors = typeCheckGenerated(app.code, loadTypeScript());
    if (typeErrors.length > 0) return { ok: false, code: app.code, report: { ...report, typeErrors } };
    output = synthesizeGenerated(app.code, app.className);
    const schemaProblems = outputSchemaProblems(output);
    if (schemaProblems.length > 0) return { ok: false, code: app.code, report: { ...report, schemaProblems } };
  } catch (e) {
    return { ok: false, code: app.code, report: { ...report, synthError: (e as Error).message } };
  }
  const comparison = compareAdoption(set.objects.map(o => o.manifest), output);
  // a difference in an object (a namespace, a reference, a field) blocks writing as a routing difference does
  const ok = comparison.routingDifferences.length === 0 && comparison.objectDifferences.length === 0;
  return { ok, code: app.code, report: { ...report, comparison } };
}

/** The report as text, one section per heading, for the command line. */
export function formatReport(r: AdoptionReport): string {
  const lines: string[] = [];
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`${title}:`, ...items.map(i => `  ${i}`));
  };
  lines.push(`objects read: ${r.read}`, `objects adopted: ${r.adopted}`, `releases recognised: ${r.releases.length}`,
    `fields through the escape hatch: ${r.escapeHatch.length}`);
  section('problems', r.problems);
  section('skipped', r.skipped);
  section('translated from gloo 0.x', r.translations);
  section('namespaces', r.namespaces);
  section('releases', r.releases);
  section('escape hatch', r.escapeHatch);
  section('external references', r.externals);
  section('the generated code does not type-check (strict, as cdk8s init typescript-app)', r.typeErrors ?? []);
  section('the generated code writes what the Gloo CRDs would prune or refuse', r.schemaProblems ?? []);
  if (r.synthError) lines.push(`the generated code does not synthesize: ${r.synthError}`);
  if (r.comparison) {
    const c = r.comparison;
    lines.push(`routing: ${c.requests} requests compared, ${c.routingDifferences.length} routed differently`);
    section('routing differences', c.routingDifferences);
    lines.push(`objects: ${c.objectDifferences.length} field differences`);
    section('object differences', c.objectDifferences);
    section('reordered', c.reordered);
  }
  return `${lines.join('\n')}\n`;
}

export { DEFAULT_READ_LIMITS };
