/** A piece of TypeScript printed as it is inside a literal, e.g. a constant's name or a factory call. */
export class Code {
  constructor(public readonly text: string) {}
}

/** Shorthand for `new Code(text)`. */
export function code(text: string): Code {
  return new Code(text);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const WIDTH = 100;

/** A string as a single-quoted TypeScript literal. */
export function str(s: string): string {
  return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/**
 * A value as a TypeScript literal, as a person would write it: single quotes, bare keys where they
 * are identifiers, on one line when it fits and indented otherwise. Keys keep their order.
 */
export function lit(value: unknown, indent: string = ''): string {
  if (value instanceof Code) return value.text;
  if (value === undefined) return 'undefined';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return str(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map(v => lit(v, inner));
    const flat = `[${items.join(', ')}]`;
    if (flat.length + indent.length <= WIDTH && !flat.includes('\n')) return flat;
    return `[\n${items.map(i => `${inner}${i},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as object).filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${IDENTIFIER.test(k) ? k : str(k)}: ${lit(v, inner)}`);
  if (entries.length === 0) return '{}';
  const flat = `{ ${entries.join(', ')} }`;
  if (flat.length + indent.length <= WIDTH && !flat.includes('\n')) return flat;
  return `{\n${entries.map(e => `${inner}${e},`).join('\n')}\n${indent}}`;
}

const RESERVED = new Set(('break case catch class const continue debugger default delete do else enum export extends false finally '
  + 'for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let '
  + 'static implements interface package private protected public await app props scope id').split(' '));

/** A camelCase constant name for an object name, e.g. `default-petstore-v1-8080` -> `defaultPetstoreV1_8080`. */
export function constantName(name: string, taken: Set<string>, suffix: string = ''): string {
  const parts = `${name} ${suffix}`.split(/[^A-Za-z0-9]+/).filter(p => p.length > 0);
  let out = '';
  for (const p of parts) {
    const word = out === '' ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1);
    out += /[0-9]$/.test(out) && /^[0-9]/.test(word) ? `_${word}` : word;
  }
  if (out === '' || /^[0-9]/.test(out)) out = `r${out}`;
  if (RESERVED.has(out)) out = `${out}Object`;
  let candidate = out;
  for (let i = 2; taken.has(candidate); i++) candidate = `${out}${i}`;
  taken.add(candidate);
  return candidate;
}
