import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

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

const DEFAULT_CRD_FILES = ['gateway.solo.io.yaml', 'gloo.solo.io.yaml'];

/**
 * Where the vendored CRDs live: `imports/` at the package root. This file runs from `lib/` (the
 * package), `src/` (tests) or `.build/src/` (the repository's precompiled tools), so look upwards.
 */
function crdDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'imports');
    if (fs.existsSync(path.join(candidate, DEFAULT_CRD_FILES[0]))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the vendored Gloo CRDs (imports/${DEFAULT_CRD_FILES[0]}) above ${__dirname}`);
  }
}

/**
 * Checks manifests against the `openAPIV3Schema` of CRDs, the way a Kubernetes API server would:
 * an unknown field where the schema does not preserve unknown fields is pruned, so it is reported;
 * so are values of the wrong type, integers out of range and nulls where the schema does not allow them.
 *
 * Objects whose kind has no CRD here (a Deployment, say) are not checked.
 */
export class CrdSchemaValidator {
  /** A validator for the Gloo 1.22 CRDs vendored with this package (loaded once, then shared). */
  public static gloo(): CrdSchemaValidator {
    if (!CrdSchemaValidator.glooInstance) {
      CrdSchemaValidator.glooInstance = CrdSchemaValidator.fromFiles(DEFAULT_CRD_FILES.map(f => path.join(crdDir(), f)));
    }
    return CrdSchemaValidator.glooInstance;
  }

  /** A validator for the CRDs in the given YAML files (multi-document files are fine). */
  public static fromFiles(files: string[]): CrdSchemaValidator {
    const crds: any[] = [];
    for (const file of files) {
      for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const crd = doc.toJSON();
        if (crd?.kind === 'CustomResourceDefinition') crds.push(crd);
      }
    }
    return new CrdSchemaValidator(crds);
  }

  private static glooInstance?: CrdSchemaValidator;

  private readonly schemas = new Map<string, Schema>();

  private constructor(crds: any[]) {
    for (const crd of crds) {
      for (const version of crd.spec?.versions ?? []) {
        const schema = version.schema?.openAPIV3Schema;
        if (schema) this.schemas.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, schema);
      }
    }
  }

  /** The `apiVersion/kind` keys this validator has schemas for, sorted. */
  public get resources(): string[] {
    return [...this.schemas.keys()].sort();
  }

  /** Whether this validator has a schema for the manifest's apiVersion and kind. */
  public covers(manifest: any): boolean {
    return this.schemas.has(`${manifest?.apiVersion}/${manifest?.kind}`);
  }

  /** The violations of all given manifests, in order. Manifests of kinds without a CRD here are skipped. */
  public validate(manifests: any[]): SchemaViolation[] {
    const violations: SchemaViolation[] = [];
    for (const manifest of manifests) {
      const schema = this.schemas.get(`${manifest?.apiVersion}/${manifest?.kind}`);
      if (!schema) continue;
      const meta = manifest.metadata ?? {};
      const object = meta.namespace ? `${meta.namespace}/${meta.name}` : `${meta.name}`;
      const resource = `${manifest.apiVersion}/${manifest.kind}`;
      const report = (field: string, message: string) => violations.push({ resource, object, field, message });
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
  public assertValid(manifests: any[]): void {
    const violations = this.validate(manifests);
    if (violations.length > 0) {
      throw new Error(`${violations.length} manifest field(s) do not match the CRD schema:\n  ${violations.map(formatViolation).join('\n  ')}`);
    }
  }
}

/** Formats a violation as one line: `gateway.solo.io/v1/VirtualService gloo-system/coalmine spec.x: message`. */
export function formatViolation(v: SchemaViolation): string {
  return `${v.resource} ${v.object} ${v.field}: ${v.message}`;
}

/** Validates manifests against the vendored Gloo CRDs; see `CrdSchemaValidator`. */
export function validateManifests(manifests: any[]): SchemaViolation[] {
  return CrdSchemaValidator.gloo().validate(manifests);
}

type Report = (field: string, message: string) => void;

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
