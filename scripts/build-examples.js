#!/usr/bin/env node
// Compiles the examples (and the library source they import) to .build/ with tsc, but only when a
// source file changed since the last build: a no-op tsc costs seconds, this check a few milliseconds.
// Usage: node scripts/build-examples.js [--force]
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, '.build', '.examples-built');
const inputs = ['src', 'examples', 'bench'];

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts') || entry.name === 'tsconfig.json') newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

const force = process.argv.includes('--force');
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const newest = Math.max(...inputs.map(d => newestMtime(path.join(root, d))), fs.statSync(path.join(root, 'package-lock.json')).mtimeMs);
if (force || newest >= built) {
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'examples', 'tsconfig.json')], { stdio: 'inherit' });
    if (fs.existsSync(path.join(root, 'bench', 'tsconfig.json'))) {
      execFileSync(process.execPath, [tsc, '-p', path.join(root, 'bench', 'tsconfig.json')], { stdio: 'inherit' });
    }
  } catch {
    console.error('compiling the examples failed; see the errors above');
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
