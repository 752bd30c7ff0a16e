import { parseAllDocuments } from 'yaml';
import { parseManifestText } from '../private/manifest-text';

/** A YAML file of an output, as text. */
export interface OutputFile {
  readonly file: string;
  readonly text: string;
}

/** What a diff reads of one side of an output pair. */
export interface SideManifests {
  /** The objects routing reads: every object of the Gloo, Gateway API and kgateway groups. */
  readonly routing: unknown[];
  /** The objects whose YAML is not also on the other side, word for word: the only ones that can differ. */
  readonly changed: unknown[];
}

/** The groups whose objects the simulators read; the rest (Deployments, Services, ...) routing does not. */
const ROUTING_GROUP = /^apiVersion: *["']?(gateway\.solo\.io|gloo\.solo\.io|gateway\.networking\.k8s\.io|gateway\.kgateway\.dev)\//m;

/**
 * Reads both sides of an output pair for a diff, parsing as little YAML as it can: most of two
 * outputs a pull request compares is the same text. Each file is split into its documents at the
 * `---` lines; a document whose text is on both sides is parsed once, and one outside the routing
 * groups whose text is on both sides (an unchanged Deployment) is not parsed at all, since it
 * cannot route or differ. A file the split cannot read safely (directives, `...`, `---` with
 * content after it), or a document that does not parse as one, is read whole, and its error names
 * the file and the line.
 */
export function readOutputPair(base: OutputFile[], head: OutputFile[]): { base: SideManifests; head: SideManifests } {
  const cache = new Map<string, unknown>();
  const baseDocs = base.flatMap(f => documentsOf(f, cache));
  const headDocs = head.flatMap(f => documentsOf(f, cache));
  const baseTexts = new Set(baseDocs.map(d => d.text));
  const headTexts = new Set(headDocs.map(d => d.text));
  const side = (docs: Document[], other: Set<string>): SideManifests => ({
    routing: docs.filter(d => d.routing).map(d => d.value()).filter(present),
    changed: docs.filter(d => !other.has(d.text)).map(d => d.value()).filter(present),
  });
  return { base: side(baseDocs, headTexts), head: side(headDocs, baseTexts) };
}

interface Document {
  /** The document's text (the file's, for a file read whole, with a suffix that keeps it apart). */
  readonly text: string;
  readonly routing: boolean;
  /** The parsed object, parsed on first use, once per text. */
  readonly value: () => unknown;
}

function documentsOf(f: OutputFile, cache: Map<string, unknown>): Document[] {
  const chunks = splitDocuments(f.text);
  if (chunks === undefined) return wholeFile(parseManifestText(f.text, f.file));
  const docs: Document[] = [];
  for (const text of chunks) {
    if (!/^[^#\s]/m.test(text)) continue; // blank or comments only: no object
    docs.push({
      text,
      routing: ROUTING_GROUP.test(text),
      value: () => {
        if (!cache.has(text)) cache.set(text, parseOne(text, f));
        return cache.get(text);
      },
    });
  }
  return docs;
}

/** The documents of a text split at its `---` lines, or `undefined` when that is not safe. */
function splitDocuments(text: string): string[] | undefined {
  if (/^(%|\.\.\.|---[ \t]*\S)/m.test(text)) return undefined;
  return text.split(/^---[ \t]*(?:\r?\n|$)/m);
}

/** One document's object; throws (with the whole file's error, line numbers and all) when it is not one document. */
function parseOne(text: string, f: OutputFile): unknown {
  const docs = parseAllDocuments(text);
  if (docs.length !== 1 || docs[0].errors.length > 0) {
    parseManifestText(f.text, f.file); // throws the file's own error
    throw new Error(`${f.file}: a document the split read as one is not one; check its --- lines`);
  }
  return docs[0].toJSON();
}

/** The documents of a file read whole: each its own text, so none matches a document of the other side. */
function wholeFile(manifests: unknown[]): Document[] {
  return manifests.map((m, i) => {
    const text = `${JSON.stringify(m)}\n#${i}`;
    return { text, routing: ROUTING_GROUP.test(`apiVersion: ${String((m as { apiVersion?: unknown })?.apiVersion ?? '')}`), value: () => m };
  });
}

function present(m: unknown): boolean {
  return m !== null && m !== undefined;
}
