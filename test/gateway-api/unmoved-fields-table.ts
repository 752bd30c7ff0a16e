import { describePlace, UNMOVED_FIELDS } from '../../src/gateway-api/unmoved-fields';

/** The markers around the catalog's table in docs/gateway-api.md. */
export const UNMOVED_TABLE_START = '<!-- unmoved fields: from src/gateway-api/unmoved-fields.ts -->';
export const UNMOVED_TABLE_END = '<!-- end of unmoved fields -->';

/** The catalog of fields the target does not write, as a Markdown table: field, where kgateway has it, what to do. */
export function unmovedFieldsTable(): string {
  const rows = ['| Gloo field | kgateway v2.2.0 place | what to do instead |', '|---|---|---|'];
  for (const [group, fields] of Object.entries(UNMOVED_FIELDS)) {
    for (const [field, entry] of Object.entries(fields)) {
      const name = field === '*' ? `${group}: any but \`headerManipulation\`` : `${group}: \`${field}\``;
      const where = entry.kgateway ? describePlace(entry.kgateway) : 'none';
      rows.push(`| ${name} | ${where} | ${entry.instead.replace(/\|/g, '\\|')} |`);
    }
  }
  return rows.join('\n');
}

if (require.main === module) process.stdout.write(`${UNMOVED_TABLE_START}\n${unmovedFieldsTable()}\n${UNMOVED_TABLE_END}\n`);
