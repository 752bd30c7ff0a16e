import * as path from 'path';
import { docsConfigurations, fixtureConfigurations, runConfiguration, summarize } from './corpus';

// Our own configurations, one per file, covering the shapes of the Gloo docs' examples (written
// here, not copied). Each file's first line says what adopt must do with it:
// `# expect: proven[, N release(s)][, typed]` (typed: with typed constructs alone, no escape hatch)
// or `# expect: refused <text of the reason>`. A second line `# expect gateway api: moved`, `no routes`
// or `refused <text of the reason>` says what the proven code does under the Gateway API target.

const FIXTURES = path.join(__dirname, 'fixtures');

describe.each(fixtureConfigurations(FIXTURES).map(c => [c.source, c] as const))('%s', (_, c) => {
  const expectation = /^# expect: (proven(?:, (\d+) releases?)?(, typed)?|refused (.*))$/m.exec(c.text);

  test('adopt does what the file expects, without a crash', () => {
    expect(expectation).not.toBeNull();
    const outcome = runConfiguration(c);
    expect(outcome.adopt).not.toBe('crashed');
    if (expectation![1].startsWith('proven')) {
      expect({ adopt: outcome.adopt, reason: outcome.reason }).toEqual({ adopt: 'proven', reason: undefined });
      expect(outcome.releases).toBe(Number(expectation![2] ?? 0));
      if (expectation![3]) expect(outcome.escapes).toEqual([]);
    } else {
      expect(outcome.adopt).toBe('refused');
      expect(outcome.reason).toContain(expectation![4]);
    }
  });

  const gateway = /^# expect gateway api: (moved|no routes|refused (.*))$/m.exec(c.text);
  (gateway ? test : test.skip)('the adopted code under the Gateway API target does what the file expects', () => {
    const outcome = runConfiguration(c).gatewayApi;
    if (gateway![1].startsWith('refused')) {
      expect(outcome?.outcome).toBe('refused');
      expect(outcome?.reason).toContain(gateway![2]);
      // every refusal names what to do instead, not only the field
      expect(outcome?.reason).toMatch(/ \(hint: [^)]{20,}/);
    } else {
      expect(outcome).toEqual({ outcome: gateway![1] });
    }
  });
});

test('the summary counts every outcome', () => {
  const outcomes = fixtureConfigurations(FIXTURES).map(runConfiguration);
  const summary = summarize(outcomes);
  expect(summary).toContain(`configurations: ${outcomes.length}`);
  expect(summary).toMatch(/adopt crashed: 0$/m);
});

// The Gloo docs themselves, when a checkout is at hand (they are not in this repository, and CI
// has no network): GLOO_DOCS=<gloo checkout>/docs/content npx jest test/corpus
// prints the counts docs/adopt-corpus.md reports, and fails on any crash.
const docs = process.env.GLOO_DOCS;
(docs ? test : test.skip)('every configuration of the Gloo docs is adopted or refused by name, never a crash', () => {
  const { configurations, unparseable } = docsConfigurations(docs!);
  const outcomes = configurations.map(runConfiguration);
  const refusals = outcomes.filter(o => o.adopt !== 'proven').map(o => `${o.adopt} ${o.source}: ${o.reason}`);
  process.stdout.write(`${refusals.join('\n')}\n\n${summarize(outcomes)}\ncode blocks left out (Hugo templates, YAML that does not parse): ${unparseable}\n`);
  expect(configurations.length).toBeGreaterThan(0);
  expect(outcomes.filter(o => o.adopt === 'crashed')).toEqual([]);
  expect(outcomes.filter(o => o.gatewayApi?.outcome === 'refused' && !/ \(hint: /.test(o.gatewayApi.reason ?? '')).map(o => o.source)).toEqual([]);
}, 600_000);
