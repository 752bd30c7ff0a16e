// Runs the run: steps of the one job of a GitHub Actions workflow as the runner does for a pull
// request, in the current folder (a checked-out repository with Node.js, which the uses: steps
// would set up): each step in bash -eo pipefail with its env:, the ${{ }} expressions filled in
// from the pull request (its description from PR_DESCRIPTION), GITHUB_OUTPUT read into the step's
// outputs, a step's if: evaluated, and every step after a failed one skipped. Exits 1 when a step
// failed, as the job would.
//
//   PR_DESCRIPTION=... node run-github.js <workflow.yml>
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const YAML = require('yaml');

const workflow = YAML.parse(fs.readFileSync(process.argv[2], 'utf8'));
const jobs = Object.values(workflow.jobs);
if (jobs.length !== 1) throw new Error(`expected one job, got ${jobs.length}`);
if (!('pull_request' in (workflow.on ?? {}))) throw new Error('expected a workflow on pull_request');

const github = {
  base_ref: 'main',
  repository: 'shop/app',
  token: 'a-token',
  event: { pull_request: { number: 7, body: process.env.PR_DESCRIPTION ?? '', head: { repo: { full_name: 'shop/app' } } } },
};
const steps = {};

/** A GitHub expression, as JavaScript over `github` and `steps`: enough for the workflow's own. */
function evaluate(expr) {
  const js = expr.replace(/'[^']*'|[A-Za-z_][\w.-]*/g, token => {
    if (token.startsWith("'")) return token;
    const [root, ...rest] = token.split('.');
    if (root === 'steps') return `(steps[${JSON.stringify(rest[0])}]?.outputs?.[${JSON.stringify(rest[2])}] ?? '')`;
    if (root === 'github') return JSON.stringify(rest.reduce((o, k) => (o == null ? undefined : o[k]), github) ?? '');
    throw new Error(`unknown name in an expression: ${token}`);
  });
  return new Function('steps', `return (${js});`)(steps);
}
const fill = text => text.replace(/\$\{\{(.*?)\}\}/g, (_, expr) => String(evaluate(expr.trim())));

let failed = false;
for (const step of jobs[0].steps) {
  if (step.run === undefined) continue;
  if (failed || (step.if !== undefined && !evaluate(step.if))) {
    console.error(`skipped: ${step.name ?? step.run.split('\n')[0]}`);
    continue;
  }
  const outputs = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gh-output-')), 'output');
  fs.writeFileSync(outputs, '');
  const env = { ...process.env, GITHUB_OUTPUT: outputs };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = fill(String(v));
  const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', fill(step.run)], { env, stdio: 'inherit' });
  if (step.id) {
    const lines = fs.readFileSync(outputs, 'utf8').split('\n').filter(l => l.includes('='));
    steps[step.id] = { outputs: Object.fromEntries(lines.map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])) };
  }
  fs.rmSync(path.dirname(outputs), { recursive: true, force: true });
  if (run.status !== 0) {
    console.error(`failed (${run.status}): ${step.name ?? step.run.split('\n')[0]}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
