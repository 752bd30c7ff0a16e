/**
 * Every Gloo object in every YAML snapshot matches the Gloo CRD schemas. (The setup file already
 * checks every chart a test synthesizes; this checks the locked text itself.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CrdSchemaValidator } from '../../src';

function snapshotFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : snapshotFiles(p);
    return e.name.endsWith('.snap') ? [p] : [];
  });
}

/** The snapshot values of a .snap file: jest writes them as `exports[name] = value` in JavaScript. */
function snapshotValues(file: string): { [name: string]: string } {
  const exports: { [name: string]: string } = {};
  new Function('exports', fs.readFileSync(file, 'utf8'))(exports);
  // string snapshots are stored with their quotes
  return Object.fromEntries(Object.entries(exports).map(([k, v]) => [k, v.replace(/^\n?"/, '').replace(/"\n?$/, '')]));
}

describe('the YAML snapshots', () => {
  const validator = CrdSchemaValidator.gloo();
  const files = snapshotFiles(path.join(__dirname, '..'));

  test('exist', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  test('hold only Gloo objects that match the CRD schemas', () => {
    let glooObjects = 0;
    const problems: string[] = [];
    for (const file of files) {
      for (const [name, text] of Object.entries(snapshotValues(file))) {
        if (!/^apiVersion: /m.test(text)) continue; // a diff, not manifests
        const manifests = parseAllDocuments(text).map(d => d.toJSON()).filter(Boolean);
        glooObjects += manifests.filter(m => validator.covers(m)).length;
        problems.push(...validator.validate(manifests).map(v => `${path.basename(file)} ${name}: ${CrdSchemaValidator.formatViolation(v)}`));
      }
    }
    expect(problems).toEqual([]);
    expect(glooObjects).toBeGreaterThanOrEqual(30);
  });
});
