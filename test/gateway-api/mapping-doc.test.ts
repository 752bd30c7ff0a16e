import * as fs from 'fs';
import * as path from 'path';
import { KNOWN_KEYS } from '../../src/private/known-keys';

// docs/gateway-api.md's mapping must say what becomes of every typed option: moved, dropped with a
// reason, or refused by name. A field added to the props (or to the CRD the options are generated
// from) without a row here fails this test.
const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'gateway-api.md'), 'utf8');
const mapping = doc.slice(doc.indexOf('## The mapping from Gloo'), doc.indexOf('## Delegation'));
// the first cell of each row of the mapping's tables: the Gloo side
const glooCells = mapping.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('|---')).map(l => l.split(' | ')[0]).join('\n');

describe('docs/gateway-api.md maps every typed option', () => {
  test.each([
    ['RouteBehavior', 'a route option'],
    ['VirtualHostBehavior', 'a virtual host option'],
    ['SslConfig', 'a TLS setting'],
    ['UpstreamProps', 'an Upstream prop'],
    ['StaticUpstreamProps', 'a static Upstream prop'],
  ] as const)('%s: each field is named in the Gloo column of a row of the mapping', (iface, what) => {
    const ignored = ['metadata', 'service'];
    // named in code: `field`, `options.field`, `field: value`
    const missing = KNOWN_KEYS[iface].filter(f => !ignored.includes(f) && !new RegExp(`\`([\\w.]*\\.)?${f}[\`:]`).test(glooCells));
    expect({ what, missing }).toEqual({ what, missing: [] });
  });
});
