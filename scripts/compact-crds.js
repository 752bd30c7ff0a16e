#!/usr/bin/env node
// Writes the openAPIV3Schema of every CRD in the given YAML files to one compact JSON file, which the
// CRD-schema check (src/validation/crd-schema.ts) loads at runtime: parsing JSON takes milliseconds,
// parsing the CRDs' YAML about two seconds. `npx projen import` runs it after regenerating the bindings.
//
// Usage: node scripts/compact-crds.js <out.json | -> <crd.yaml>...
//
// The output maps "<group>/<version>/<kind>" to that version's schema, in the order of the input files,
// without the schemas' `description`s (documentation only; the check does not read them).
'use strict';
const fs = require('fs');
const { parseAllDocuments } = require('yaml');

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not'];

/** A JSON schema without its `description` keywords; property names (even "description") stay. */
function withoutDescriptions(schema) {
  if (Array.isArray(schema)) return schema.map(withoutDescriptions);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description') continue;
    if (SCHEMA_MAPS.includes(key)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutDescriptions(sub)]));
    } else if (SCHEMA_LISTS.includes(key) || SCHEMA_VALUES.includes(key)) {
      out[key] = withoutDescriptions(value);
    } else {
      out[key] = value; // enum, default, example, ...: data, kept as written
    }
  }
  return out;
}

function compact(files) {
  const schemas = {};
  for (const file of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const crd = doc.toJSON();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec?.versions ?? []) {
        const schema = version.schema?.openAPIV3Schema;
        if (schema) schemas[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = withoutDescriptions(schema);
      }
    }
  }
  return `${JSON.stringify(schemas)}\n`;
}

const [out, ...files] = process.argv.slice(2);
if (!out || files.length === 0) {
  console.error('usage: node scripts/compact-crds.js <out.json | -> <crd.yaml>...');
  process.exit(2);
}
const json = compact(files);
if (out === '-') process.stdout.write(json);
else fs.writeFileSync(out, json);
