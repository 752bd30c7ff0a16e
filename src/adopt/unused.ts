/**
 * Generated code compiles under `noUnusedLocals`: constants nothing reads and imports nothing uses
 * are not written. A construct nothing refers to still belongs in the chart, so its `const x = new
 * Foo(...)` becomes the statement `new Foo(...)`; a reference by name nothing uses (`fromXxxName`,
 * left by a fallback to a plain ApiObject) builds nothing, so its line goes.
 */
export function withoutUnusedConstants(body: string): string {
  let text = body;
  for (;;) {
    const unused = [...text.matchAll(/^ *const ([A-Za-z_$][\w$]*) = /gm)].map(m => m[1]).find(name => uses(text, name) === 1);
    if (unused === undefined) return text;
    const declaration = new RegExp(`^( *)const ${escape(unused)} = (.*)$`, 'm');
    const found = declaration.exec(text)!; // found just above
    const [line, indent, rest] = found;
    const end = found.index + line.length;
    text = rest.startsWith('new ')
      ? `${text.slice(0, found.index)}${indent}${rest}${text.slice(end)}`
      // a reference by name: one line, from the generator's `declare`; the line goes with its line break
      : `${text.slice(0, found.index)}${text.slice(text[end] === '\n' ? end + 1 : end)}`;
  }
}

/** The names of `candidates` that `code` uses, outside comments and string literals. */
export function usedNames(code: string, candidates: Iterable<string>): string[] {
  return [...candidates].filter(name => uses(code, name) > 0);
}

/** How many times `name` appears as an identifier, comments and string literals left out. */
function uses(code: string, name: string): number {
  const bare = code
    .replace(/'(?:[^'\\\n]|\\.)*'/g, "''")
    .replace(/^\s*\/\/.*$/gm, '');
  return (bare.match(new RegExp(`(?<![\\w$.])${escape(name)}(?![\\w$])`, 'g')) ?? []).length;
}

function escape(s: string): string {
  return s.replace(/[$]/g, '\\$');
}
