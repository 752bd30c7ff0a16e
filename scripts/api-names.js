#!/usr/bin/env node
// The public names of the library, one a line: every export of src/index.ts, and each public
// member of an exported class, interface or enum as `Type.member`. Members inherited from cdk8s or
// constructs are not the library's and are left out; so are `_`-prefixed and `@internal` members.
//
//   node scripts/api-names.js [<root of a checkout>]    prints the names of that checkout's src/
//
// test/package/api-names.test.ts compares today's names with the lists in test/package/api-baselines/,
// which this script wrote at earlier commits (the first line of each says which).
const path = require('path');
const ts = require('typescript');

/**
 * The public names of the checkout at `root`. With `inherited`, members a class or interface inherits
 * from cdk8s or constructs count too (to ask whether a name still resolves, not whether it is ours).
 */
function apiNames(root, { inherited = false } = {}) {
  const srcDir = path.resolve(root, 'src');
  const index = path.join(srcDir, 'index.ts');
  const program = ts.createProgram([index], { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const isOurs = decl => path.resolve(decl.getSourceFile().fileName).startsWith(srcDir + path.sep);
  const isPublic = (name, decl) => !name.startsWith('_') && !name.startsWith('__')
    && !(ts.getCombinedModifierFlags(decl) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected))
    && !ts.getJSDocTags(decl).some(t => t.tagName.text === 'internal')
    && !(decl.name && ts.isPrivateIdentifier(decl.name));
  const names = new Set();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index));
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const name = exported.getName();
    const decls = (symbol.getDeclarations() ?? []).filter(isOurs);
    if (decls.length === 0) continue;
    names.add(name);
    const addMembers = (table) => table?.forEach((member, memberName) => {
      const decl = member.valueDeclaration ?? member.getDeclarations()?.[0];
      if (!decl || !isOurs(decl) || memberName === 'prototype' || memberName === '__constructor') return;
      if (isPublic(String(memberName), decl)) names.add(`${name}.${memberName}`);
    });
    if (symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface)) {
      // own members, and those inherited from the library's own base classes and interfaces
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      for (const prop of checker.getPropertiesOfType(type)) {
        const decl = prop.valueDeclaration ?? prop.getDeclarations()?.[0];
        if (decl && (inherited || isOurs(decl)) && isPublic(prop.getName(), decl)) names.add(`${name}.${prop.getName()}`);
      }
    }
    if (symbol.flags & ts.SymbolFlags.Class) addMembers(symbol.exports);
    if (symbol.flags & ts.SymbolFlags.Enum) addMembers(symbol.exports);
  }
  return [...names].sort();
}

module.exports = { apiNames };

if (require.main === module) {
  console.log(apiNames(process.argv[2] ?? path.join(__dirname, '..')).join('\n'));
}
