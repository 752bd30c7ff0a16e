// Runs the script of the one job of a GitLab CI file as a runner does for a merge request, in the
// current folder: its rules checked against a merge request pipeline, its variables and the
// merge request's predefined ones (the description from MR_DESCRIPTION) in the environment, and
// its script lines in one bash session that stops at the first failing line. Exits 1 when the job
// fails.
//
//   MR_DESCRIPTION=... node run-gitlab.js <gitlab-ci.yml>
const { spawnSync } = require('child_process');
const fs = require('fs');
const YAML = require('yaml');

const file = YAML.parse(fs.readFileSync(process.argv[2], 'utf8'));
const jobs = Object.values(file).filter(j => j && typeof j === 'object' && Array.isArray(j.script));
if (jobs.length !== 1) throw new Error(`expected one job, got ${jobs.length}`);
const job = jobs[0];

const env = {
  ...process.env,
  CI_PIPELINE_SOURCE: 'merge_request_event',
  CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
  CI_MERGE_REQUEST_DESCRIPTION: process.env.MR_DESCRIPTION ?? '',
  CI_MERGE_REQUEST_IID: '7',
  CI_PROJECT_ID: '42',
  CI_API_V4_URL: 'https://gitlab.example.com/api/v4',
  GLOO_CANARY_TOKEN: 'a-token',
};
for (const [k, v] of Object.entries(job.variables ?? {})) env[k] = String(v);
const rule = /^\$(\w+) == "([^"]*)"$/.exec(job.rules?.[0]?.if ?? '');
if (!rule || env[rule[1]] !== rule[2]) throw new Error(`the job's rule does not take a merge request pipeline: ${JSON.stringify(job.rules)}`);

const script = ['set -eo pipefail', ...job.script].join('\n');
const run = spawnSync('bash', ['--noprofile', '--norc', '-c', script], { env, stdio: 'inherit' });
process.exit(run.status === 0 ? 0 : 1);
