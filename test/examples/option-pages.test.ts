/**
 * docs/route-options.md and docs/direct-responses-and-redirects.md show the code of
 * examples/options/route-options.ts, what it synthesizes and where the Gloo simulator sends sample
 * requests: the pages must be what examples/options/pages.ts renders today.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PAGES, renderPage } from '../../examples/options/pages';

const ROOT = path.join(__dirname, '..', '..');

test.each(PAGES)('%s is current (npm run docs:readme rewrites it)', page => {
  const text = fs.readFileSync(path.join(ROOT, page), 'utf8');
  expect(text).toContain('<!-- generated:code:');
  expect(renderPage(text)).toBe(text);
});
