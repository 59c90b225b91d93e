/** Turns a JSON Pointer (`/claims/3/quote`) into the JSONPath users read (`$.claims[3].quote`). */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '$';
  let out = '$';
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^(0|[1-9]\d*)$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** Builds a JSONPath from segments: `path('claims', 3, 'quote')` is `$.claims[3].quote`. */
export function jsonPath(...segments: (string | number)[]): string {
  return pointerToPath(
    segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''),
  );
}
