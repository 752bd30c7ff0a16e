import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../util';

// what jsii-diff does for a release, for every name the package ever had: test/package/api-names.txt
// lists them; one that is gone needs a row in the README's table of removed or renamed names
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { apiNames, knownKeysSource } = require('../../scripts/api-names.js') as {
  apiNames: (root: string, o?: { inherited?: boolean }) => string[];
  knownKeysSource: (root: string) => string;
};

const HISTORY = path.join(__dirname, 'api-names.txt');
const history = fs.readFileSync(HISTORY, 'utf8').split('\n').filter(l => l && !l.startsWith('#'));

/** The names in backticks in the first column of the README's "Every removed or renamed name" table. */
function namesInMigrationTable(): Set<string> {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split('### Every removed or renamed name')[1]?.split(/\n#{2,3} /)[0] ?? '';
  const firstColumns = section.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('|---')).map(l => l.split(' | ')[0]);
  return new Set(firstColumns.flatMap(c => [...c.matchAll(/`([A-Za-z0-9_.]+)`/g)].map(m => m[1])));
}

describe('public names across releases', () => {
  const ours = apiNames(REPO_ROOT);
  const resolvable = new Set(apiNames(REPO_ROOT, { inherited: true }));
  const listed = namesInMigrationTable();

  test('every public name of the library is in test/package/api-names.txt', () => {
    const missing = ours.filter(n => !history.includes(n));
    // a new public name: add it to api-names.txt (sorted), so that removing it later needs a migration line
    expect(missing).toEqual([]);
  });

  test('every name the package had and no longer has is in the README\'s table of removed or renamed names', () => {
    const gone = history.filter(n => !resolvable.has(n));
    expect(gone.filter(n => !listed.has(n))).toEqual([]);
  });

  test('the table lists only names the package had and no longer has', () => {
    expect([...listed].filter(n => !history.includes(n) || resolvable.has(n))).toEqual([]);
  });

  test('src/private/known-keys.ts lists the properties of every exported interface as they are now', () => {
    // stale: run `node scripts/api-names.js --known-keys > src/private/known-keys.ts`
    expect(fs.readFileSync(path.join(REPO_ROOT, 'src/private/known-keys.ts'), 'utf8')).toBe(knownKeysSource(REPO_ROOT));
  });

  test('VirtualService.isVirtualService, removed once, is back', () => {
    expect(ours).toContain('VirtualService.isVirtualService');
  });
});
