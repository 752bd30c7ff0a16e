/**
 * Gloo's redirect response codes (`RedirectAction.RedirectResponseCode`), in the order of their
 * numbers, with the HTTP status each answers with. A manifest may give a code by name or by
 * number (the CRD field is int-or-string).
 */
export const REDIRECT_CODES: ReadonlyArray<{ readonly name: string; readonly status: number }> = [
  { name: 'MOVED_PERMANENTLY', status: 301 },
  { name: 'FOUND', status: 302 },
  { name: 'SEE_OTHER', status: 303 },
  { name: 'TEMPORARY_REDIRECT', status: 307 },
  { name: 'PERMANENT_REDIRECT', status: 308 },
];

/** The name of a redirect code given by name or by number (`1`, `'1'`), or `undefined` for none of them. */
export function redirectCodeName(code: unknown): string | undefined {
  const byNumber = typeof code === 'number' || (typeof code === 'string' && /^\d+$/.test(code)) ? REDIRECT_CODES[Number(code)] : undefined;
  return byNumber?.name ?? REDIRECT_CODES.find(c => c.name === code)?.name;
}

/** The HTTP status of a redirect code given by name or by number, or `undefined` for none of them. */
export function redirectStatus(code: unknown): number | undefined {
  const name = redirectCodeName(code);
  return REDIRECT_CODES.find(c => c.name === name)?.status;
}
