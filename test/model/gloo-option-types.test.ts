import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/gen-option-types.js') as { OUT: string; UPSTREAM_OPTIONS: string[]; source(): string };

describe('the option types generated from the CRD', () => {
  test('src/model/gloo-option-types.generated.ts is what scripts/gen-option-types.js writes from the vendored CRDs', () => {
    expect(fs.readFileSync(generator.OUT, 'utf8')).toBe(generator.source());
  });

  test('every generated option is a field of RouteBehavior or VirtualHostBehavior, and the lists the library renders agree', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PASS_THROUGH_ROUTE_OPTIONS, PASS_THROUGH_VIRTUAL_HOST_OPTIONS } = require('../../src/gloo/pass-through-options');
    const { KNOWN_KEYS } = require('../../src/private/known-keys'); // eslint-disable-line @typescript-eslint/no-require-imports
    const script = fs.readFileSync(path.join(__dirname, '../../scripts/gen-option-types.js'), 'utf8');
    const families = [...script.matchAll(/\{ at: '(virtualHost|route)', field: '(\w+)'/g)].map(m => [m[1], m[2]]);
    expect(families.filter(([at]) => at === 'route').map(([, f]) => f).sort()).toEqual([...PASS_THROUGH_ROUTE_OPTIONS].sort());
    expect(families.filter(([at]) => at === 'virtualHost').map(([, f]) => f).sort()).toEqual([...PASS_THROUGH_VIRTUAL_HOST_OPTIONS].sort());
    for (const f of PASS_THROUGH_ROUTE_OPTIONS) expect(KNOWN_KEYS.RouteBehavior).toContain(f);
    for (const f of PASS_THROUGH_VIRTUAL_HOST_OPTIONS) expect(KNOWN_KEYS.VirtualHostBehavior).toContain(f);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('../../src/gloo/pass-through-options').UPSTREAM_OPTION_FIELDS).toEqual(generator.UPSTREAM_OPTIONS);
  });
});
