import { parseAllDocuments } from 'yaml';

/**
 * Every manifest of a YAML text (empty documents left out), read as the CLI reads a file; a
 * document that does not parse throws `<file>: <the parser's message, with its line>`.
 */
export function parseManifestText(text: string, file: string): unknown[] {
  const manifests: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    const m: unknown = doc.toJSON();
    if (m) manifests.push(m);
  }
  return manifests;
}
