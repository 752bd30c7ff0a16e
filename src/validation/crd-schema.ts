import * as fs from 'fs';
import * as path from 'path';
import { jsonAt, JsonObject } from '../private/json';

/** One field of a manifest that a Kubernetes API server holding the Gloo CRDs would not keep as written. */
export interface SchemaViolation {
  /** `apiVersion/kind` of the object, e.g. `gateway.solo.io/v1/VirtualService`. */
  readonly resource: string;
  /** `namespace/name` of the object (`name` alone when it has no namespace). */
  readonly object: string;
  /** The field, e.g. `spec.virtualHost.routes[0].matcher`. */
  readonly field: string;
  /** What is wrong, e.g. `unknown field, pruned by the API server`. */
  readonly message: string;
}

interface Schema {
  readonly 'type'?: string;
  readonly 'properties'?: { [name: string]: Schema };
  readonly 'additionalProperties'?: Schema | boolean;
  readonly 'items'?: Schema;
  readonly 'nullable'?: boolean;
  readonly 'minimum'?: number;
  readonly 'maximum'?: number;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
}

/** Schemas by `group/version/kind`. */
type Schemas = { [gvk: string]: Schema };

/**
 * The CRD sets vendored with this package, as compact JSON files in `imports/` (schemas by
 * `group/version/kind`, without descriptions). `npx projen import` writes them from the CRDs' YAML
 * with scripts/compact-crds.js; the YAML itself does not ship. To add a set: vendor its CRDs in
 * imports/, add a compact-crds step to the import task in .projenrc.ts, and a static method below.
 */
const GLOO_SCHEMAS = 'gloo.schemas.json';
const GATEWAY_API_SCHEMAS = 'gateway-api.schemas.json';
const KGATEWAY_SCHEMAS = 'kgateway.schemas.json';

/**
 * Where the vendored CRD sets live: `imports/` at the package root. This file runs from `lib/` (the
 * package), `src/` (tests) or `.build/src/` (the repository's precompiled tools), so look upwards.
 */
function vendoredFile(file: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'imports', file);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the vendored CRD schemas (imports/${file}) above ${__dirname}`);
  }
}

/**
 * Checks manifests against the `openAPIV3Schema` of CRDs, the way a Kubernetes API server would:
 * an unknown field where the schema does not preserve unknown fields is pruned, so it is reported;
 * so are values of the wrong type, integers out of range and nulls where the schema does not allow
 * them, and metadata the API server refuses: a missing name, a name that is not a DNS-1123
 * subdomain, a namespace that is not a DNS-1123 label, labels or annotations that are not strings.
 *
 * Objects whose kind has no CRD here (a Deployment, say) are not checked.
 */
export class CrdSchemaValidator {
  /** A validator for the Gloo 1.22 CRDs vendored with this package (loaded once, then shared). */
  public static gloo(): CrdSchemaValidator {
    return CrdSchemaValidator.vendored(GLOO_SCHEMAS);
  }

  /**
   * A validator for the Gateway API v1.6.1 standard-channel CRDs vendored with the library
   * (GatewayClass, Gateway, HTTPRoute, ReferenceGrant).
   */
  public static gatewayApi(): CrdSchemaValidator {
    return CrdSchemaValidator.vendored(GATEWAY_API_SCHEMAS);
  }

  /**
   * A validator for the kgateway v2.2.0 CRDs vendored with the library, the ones the Gateway API
   * target writes (TrafficPolicy, DirectResponse, Backend, BackendConfigPolicy).
   */
  public static kgateway(): CrdSchemaValidator {
    return CrdSchemaValidator.vendored(KGATEWAY_SCHEMAS);
  }

  /** Formats a violation as one line: `gateway.solo.io/v1/VirtualService gloo-system/coalmine spec.x: message`. */
  public static formatViolation(v: SchemaViolation): string {
    return `${v.resource} ${v.object} ${v.field}: ${v.message}`;
  }

  /** A validator for the CRDs in the given YAML files (multi-document files are fine). */
  public static fromFiles(files: string[]): CrdSchemaValidator {
    // loaded here, not at the top: importing the library should not cost a YAML parser
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseAllDocuments } = require('yaml') as typeof import('yaml');
    const schemas: Schemas = {};
    for (const file of files) {
      for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const crd = doc.toJSON();
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const version of crd.spec?.versions ?? []) {
          const schema = version.schema?.openAPIV3Schema;
          if (schema) schemas[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = schema;
        }
      }
    }
    return new CrdSchemaValidator(schemas);
  }

  private static readonly vendoredInstances = new Map<string, CrdSchemaValidator>();

  /** The validator of a vendored CRD set (see `GLOO_SCHEMAS`), loaded on first use. */
  private static vendored(file: string): CrdSchemaValidator {
    let validator = CrdSchemaValidator.vendoredInstances.get(file);
    if (!validator) {
      validator = new CrdSchemaValidator(JSON.parse(fs.readFileSync(vendoredFile(file), 'utf8')));
      CrdSchemaValidator.vendoredInstances.set(file, validator);
    }
    return validator;
  }

  private readonly schemas: Map<string, Schema>;

  private constructor(schemas: Schemas) {
    this.schemas = new Map(Object.entries(schemas));
  }

  /**
   * @internal
   * Where `value` does not have the TypeScript type scripts/gen-option-types.js generates for the
   * schema at `fieldPath` of `resource` (field names, `[]` for a list's items): a string for a
   * string (enum names included), a number for an integer or a number, no field the schema lacks;
   * `undefined` when it has it. `at` is relative to the value (`.providers.p.issuer`).
   */
  public _generatedTypeProblem(resource: string, fieldPath: string[], value: unknown): { at: string; given: unknown; expected: string } | undefined {
    const schema = this._schemaAt(resource, fieldPath) as Schema | undefined;
    if (schema === undefined) return { at: '', given: value, expected: `a field of ${resource} (${fieldPath.join('.')} is not in its schema)` };
    return generatedTypeProblem(schema, value, '');
  }

  /**
   * @internal
   * The schema of the field at `fieldPath` of `resource` (field names, `[]` for a list's items), if
   * the CRD has one.
   */
  public _schemaAt(resource: string, fieldPath: string[]): unknown {
    let schema: Schema | undefined = this.schemas.get(resource);
    for (const step of fieldPath) schema = step === '[]' ? schema?.items : schema?.properties?.[step];
    return schema;
  }

  /** The `apiVersion/kind` keys this validator has schemas for, sorted. */
  public get resources(): string[] {
    return [...this.schemas.keys()].sort();
  }

  /** Whether this validator has a schema for the manifest's apiVersion and kind. */
  public covers(manifest: unknown): boolean {
    return this.schemas.has(resourceOf(manifest));
  }

  /** The violations of all given manifests, in order. Manifests of kinds without a CRD here are skipped. */
  public validate(manifests: unknown[]): SchemaViolation[] {
    const violations: SchemaViolation[] = [];
    for (const given of manifests) {
      const schema = this.schemas.get(resourceOf(given));
      if (!schema) continue;
      // it has the apiVersion and kind of a schema, so it is an object
      const manifest = given as JsonObject;
      const meta = (manifest.metadata ?? {}) as { name?: unknown; namespace?: unknown; labels?: unknown; annotations?: unknown };
      const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : '(no name)';
      const object = typeof meta.namespace === 'string' && meta.namespace !== '' ? `${meta.namespace}/${name}` : name;
      const resource = `${manifest.apiVersion}/${manifest.kind}`;
      const report = (field: string, message: string) => violations.push({ resource, object, field, message });
      metadataProblems(meta, report);
      for (const [key, value] of Object.entries(manifest)) {
        if (key === 'apiVersion' || key === 'kind' || key === 'metadata') continue;
        const sub = schema.properties?.[key];
        if (!sub) report(key, 'unknown field, pruned by the API server');
        else checkValue(value, sub, key, report);
      }
    }
    return violations;
  }

  /** Throws when any manifest has a violation, listing every violation. */
  public assertValid(manifests: unknown[]): void {
    const violations = this.validate(manifests);
    if (violations.length > 0) {
      throw new Error(`${violations.length} manifest field(s) do not match the CRD schema:\n  ${violations.map(CrdSchemaValidator.formatViolation).join('\n  ')}`);
    }
  }
}

type Report = (field: string, message: string) => void;

/** A DNS-1123 subdomain: what the API server takes as an object's name. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A DNS-1123 label: what the API server takes as a namespace. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A missing or malformed name, and a malformed namespace: the API server refuses the object. */
function metadataProblems(meta: { name?: unknown; namespace?: unknown; labels?: unknown; annotations?: unknown }, report: Report): void {
  for (const field of ['labels', 'annotations'] as const) {
    const map = meta[field];
    if (map === undefined || map === null) continue;
    if (typeof map !== 'object' || Array.isArray(map)) {
      report(`metadata.${field}`, `expected a map of strings, got ${Array.isArray(map) ? 'an array' : typeof map}`);
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      if (typeof value !== 'string') report(`metadata.${field}.${key}`, `expected a string, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
    }
  }
  if (meta.name === undefined || meta.name === null || meta.name === '') {
    report('metadata.name', 'missing: every object needs a name');
  } else if (typeof meta.name !== 'string' || meta.name.length > 253 || !DNS_SUBDOMAIN.test(meta.name)) {
    report('metadata.name', `${JSON.stringify(meta.name)} is not a name the API server takes: lowercase letters, digits, '-' and '.', `
      + 'starting and ending with a letter or digit, at most 253 characters');
  }
  if (meta.namespace !== undefined && meta.namespace !== null
    && (typeof meta.namespace !== 'string' || meta.namespace.length > 63 || !DNS_LABEL.test(meta.namespace))) {
    report('metadata.namespace', `${JSON.stringify(meta.namespace)} is not a namespace the API server takes: lowercase letters, digits `
      + "and '-', starting and ending with a letter or digit, at most 63 characters");
  }
}

/** The `apiVersion/kind` of a manifest, as the schemas are keyed. */
function resourceOf(manifest: unknown): string {
  return `${jsonAt(manifest, 'apiVersion')}/${jsonAt(manifest, 'kind')}`;
}

function checkValue(value: unknown, schema: Schema, field: string, report: Report): void {
  if (value === null) {
    if (!schema.nullable) report(field, 'null is not allowed here, pruned by the API server');
    return;
  }
  if (schema['x-kubernetes-int-or-string']) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) {
      report(field, `expected an integer or a string, got ${typeName(value)}`);
    }
    return;
  }
  switch (schema.type) {
    case 'object':
      return checkObject(value, schema, field, report);
    case 'array':
      if (!Array.isArray(value)) return report(field, `expected an array, got ${typeName(value)}`);
      if (schema.items) value.forEach((item, i) => checkValue(item, schema.items!, `${field}[${i}]`, report));
      return;
    case 'string':
      if (typeof value !== 'string') report(field, `expected a string, got ${typeName(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') report(field, `expected a boolean, got ${typeName(value)}`);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return report(field, `expected an integer, got ${typeName(value)} ${JSON.stringify(value)}`);
      return checkRange(value, schema, field, report);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return report(field, `expected a number, got ${typeName(value)}`);
      return checkRange(value, schema, field, report);
    default:
      // no type: anything goes (only with x-kubernetes-preserve-unknown-fields in structural schemas)
      if (schema.properties) checkObject(value, schema, field, report);
  }
}

function checkObject(value: unknown, schema: Schema, field: string, report: Report): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return report(field, `expected an object, got ${typeName(value)}`);
  }
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  for (const [key, v] of Object.entries(value as object)) {
    const sub = schema.properties?.[key] ?? additional;
    const child = field ? `${field}.${key}` : key;
    if (sub) checkValue(v, sub, child, report);
    else if (!preserve && schema.additionalProperties !== true) report(child, 'unknown field, pruned by the API server');
  }
}

function checkRange(value: number, schema: Schema, field: string, report: Report): void {
  if (schema.minimum !== undefined && value < schema.minimum) report(field, `${value} is below the minimum ${schema.minimum}`);
  if (schema.maximum !== undefined && value > schema.maximum) report(field, `${value} is above the maximum ${schema.maximum}`);
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The type check of `CrdSchemaValidator._generatedTypeProblem`, mirroring scripts/gen-option-types.js. */
function generatedTypeProblem(s: Schema, v: unknown, at: string): { at: string; given: unknown; expected: string } | undefined {
  const problem = (expected: string) => ({ at, given: v, expected });
  switch (s.type) {
    case 'array':
      if (!Array.isArray(v)) return problem('a list');
      for (let i = 0; i < v.length; i++) {
        const p = generatedTypeProblem(s.items ?? {}, v[i], `${at}[${i}]`);
        if (p) return p;
      }
      return undefined;
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return problem('an object');
      const properties = s.properties;
      for (const [k, x] of Object.entries(v as JsonObject)) {
        if (x === undefined) continue;
        const sub = properties ? properties[k] : typeof s.additionalProperties === 'object' ? s.additionalProperties : {};
        if (sub === undefined) return { at: `${at}.${k}`, given: x, expected: `one of the fields ${Object.keys(properties!).sort().join(', ')}` };
        const p = generatedTypeProblem(sub, x, `${at}.${k}`);
        if (p) return p;
      }
      return undefined;
    }
    case 'string': return typeof v === 'string' ? undefined : problem(s['x-kubernetes-int-or-string'] ? 'a string (an enum value by name)' : 'a string');
    case 'integer':
    case 'number': {
      const whole = s.type === 'integer';
      const inRange = (s.minimum === undefined || (v as number) >= s.minimum) && (s.maximum === undefined || (v as number) <= s.maximum);
      if ((whole ? Number.isInteger(v) : typeof v === 'number' && Number.isFinite(v)) && inRange) return undefined;
      const range = s.minimum !== undefined && s.maximum !== undefined ? ` from ${s.minimum} to ${s.maximum}` : s.minimum !== undefined ? ` of at least ${s.minimum}` : '';
      return problem(`${whole ? 'a whole number' : 'a number'}${range}`);
    }
    case 'boolean': return typeof v === 'boolean' ? undefined : problem('true or false');
    default: return undefined;
  }
}
