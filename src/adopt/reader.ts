import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { describeValue } from '../private/errors';
import { isJsonObject, Json } from '../simulate/gloo-manifest';

/** Where a manifest came from: the file and the index of its YAML document (from 0). */
export interface ManifestSource {
  readonly file: string;
  readonly index: number;
}

/** One object read from the input, with where it came from. */
export interface ReadObject {
  readonly source: ManifestSource;
  /** The object as parsed: a mapping with `metadata.name` (the reader checked them), the rest unchecked. */
  readonly manifest: Json;
}

/** What reading the input gave: the objects, the problems (one line each) and what was skipped. */
export interface ReadResult {
  readonly objects: ReadObject[];
  readonly problems: string[];
  readonly skipped: string[];
}

/** The limits of the reader. */
export interface ReadLimits {
  /** The largest YAML document, in bytes; manifests are far smaller. */
  readonly maxDocumentBytes: number;
  /** The largest file, in bytes. */
  readonly maxFileBytes: number;
  /** The most aliases a document may resolve (the `yaml` package's `maxAliasCount`). */
  readonly maxAliasCount: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxDocumentBytes: 1024 * 1024,
  maxFileBytes: 32 * 1024 * 1024,
  maxAliasCount: 100,
};

/** The kinds adoption reads, by `apiVersion/kind`. */
export const GLOO_KINDS = new Set([
  'gateway.solo.io/v1/VirtualService',
  'gateway.solo.io/v1/RouteTable',
  'gloo.solo.io/v1/Upstream',
  'gloo.solo.io/v1/UpstreamGroup',
]);

/** The Kubernetes kinds adoption keeps when an Upstream points at them. */
export const WORKLOAD_KINDS = new Set(['v1/Service', 'apps/v1/Deployment']);

/**
 * One line about an object of the input: `file document N (Kind ns/name) field: got X, expected Y`.
 * The object is left out when it is not known yet.
 */
export function sourceLine(source: ManifestSource, manifest: unknown, field: string, given: unknown, expected: string): string {
  return `${where(source, manifest)} ${field}: got ${describeValue(given)}, expected ${expected}`;
}

/** `file document N (Kind ns/name)`: the place and the object a line is about. */
export function where(source: ManifestSource, manifest?: unknown): string {
  // a document read as it is: only the fields tested here are used
  const m = manifest as { kind?: unknown; upstreamSpec?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null | undefined;
  const kind = typeof m?.kind === 'string' ? m.kind : m?.upstreamSpec ? 'Upstream' : undefined;
  const name = typeof m?.metadata?.name === 'string' ? m.metadata.name : undefined;
  const ns = typeof m?.metadata?.namespace === 'string' ? `${m.metadata.namespace}/` : '';
  const object = kind && name ? ` (${kind} ${ns}${name})` : kind ? ` (${kind})` : '';
  return `${source.file} document ${source.index}${object}`;
}

/** The YAML files named: files as given, folders searched for `*.yaml` and `*.yml`, sorted. */
export function listYamlFiles(inputs: string[], cwd: string): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  const visit = (p: string, named: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      problems.push(`${path.relative(cwd, p) || p}: got a path that does not exist, expected a yaml file or a folder of them`);
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) {
        const child = path.join(p, entry);
        if (fs.statSync(child).isDirectory() || /\.ya?ml$/.test(entry)) visit(child, false);
      }
    } else if (named || /\.ya?ml$/.test(p)) {
      files.push(p);
    }
  };
  for (const input of inputs) visit(path.resolve(cwd, input), true);
  return { files, problems };
}

/** Reads YAML files and folders; file names in lines are relative to `cwd`. */
export function readManifestFiles(inputs: string[], cwd: string, limits: ReadLimits = DEFAULT_READ_LIMITS): ReadResult {
  const { files, problems } = listYamlFiles(inputs, cwd);
  const results = files.map(file => {
    const name = path.relative(cwd, file) || file;
    const size = fs.statSync(file).size;
    if (size > limits.maxFileBytes) {
      return { objects: [], skipped: [], problems: [`${name}: got a file of ${size} bytes, expected at most ${limits.maxFileBytes} bytes of manifests`] };
    }
    return readManifestText(fs.readFileSync(file, 'utf8'), name, limits);
  });
  return {
    objects: results.flatMap(r => r.objects),
    problems: [...problems, ...results.flatMap(r => r.problems)],
    skipped: results.flatMap(r => r.skipped),
  };
}

/** Reads the YAML documents of one file's text. */
export function readManifestText(text: string, file: string, limits: ReadLimits = DEFAULT_READ_LIMITS): ReadResult {
  const objects: ReadObject[] = [];
  const problems: string[] = [];
  const skipped: string[] = [];
  const docs = [...parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true })];
  docs.forEach((doc, index) => {
    const source = { file, index };
    const bytes = Buffer.byteLength(text.slice(doc.range[0], doc.range[2]));
    if (bytes > limits.maxDocumentBytes) {
      problems.push(`${where(source)}: got a document of ${bytes} bytes, expected at most ${limits.maxDocumentBytes} bytes (a manifest)`);
      return;
    }
    if (doc.errors.length > 0) {
      const message = firstLine(doc.errors[0].message).replace(/:$/, '');
      problems.push(`${where(source)}: got yaml that does not parse (${message}), expected a yaml document`);
      return;
    }
    let manifest: unknown;
    try {
      manifest = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      problems.push(`${where(source)}: got ${firstLine((e as Error).message).toLowerCase()}, expected at most ${limits.maxAliasCount} alias expansions`);
      return;
    }
    if (manifest === null || manifest === undefined) return; // an empty document
    const problem = classify(source, manifest);
    if (problem === 'skip') skipped.push(`${where(source, manifest)}: not a gloo object or a workload an upstream points at`);
    else if (problem) problems.push(problem);
    else objects.push({ source, manifest: manifest as Json }); // classify checked that it is a mapping
  });
  return { objects, problems, skipped };
}

/** Why a document is not read (a problem line), `skip` for objects of other kinds, or nothing. */
function classify(source: ManifestSource, m: unknown): string | 'skip' | undefined {
  if (!isJsonObject(m)) {
    return sourceLine(source, undefined, 'document', m, 'a kubernetes object (a mapping with apiVersion and kind)');
  }
  if (m.apiVersion === undefined && m.kind === undefined) {
    if (m.upstreamSpec === undefined) return sourceLine(source, m, 'apiVersion', undefined, 'a kubernetes object with apiVersion and kind, or glooctl upstream output (upstreamSpec)');
  } else {
    const gvk = `${m.apiVersion}/${m.kind}`;
    if (typeof m.apiVersion === 'string' && /\.solo\.io\//.test(m.apiVersion) && !GLOO_KINDS.has(gvk)) {
      return sourceLine(source, m, 'apiVersion/kind', gvk, `one of the gloo kinds adopted: ${[...GLOO_KINDS].join(', ')}`);
    }
    if (!GLOO_KINDS.has(gvk)) return WORKLOAD_KINDS.has(gvk) ? undefined : 'skip';
  }
  const name = (m.metadata as { name?: unknown } | null | undefined)?.name;
  if (typeof name !== 'string' || name.length === 0) return sourceLine(source, m, 'metadata.name', name, 'the name of the object');
  return undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
