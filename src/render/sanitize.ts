/**
 * Dataset text is untrusted: before it reaches a terminal, control characters are shown
 * escaped instead of sent raw. Escaped: C0 controls (except newline and tab where the layout
 * allows them), DEL, the C1 range, and the bidi embedding, override and isolate characters
 * (U+202A–U+202E, U+2066–U+2069) that can make text read differently from what it is.
 * JSON output never goes through here: it stays byte-exact.
 */

// C0 but tab and newline, DEL, C1, bidi embeddings/overrides/isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// The same plus tab, newline and carriage return, for one-line fields such as table cells and TSV.
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const UNSAFE_INLINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\t') return '\\t';
  if (ch === '\r') return '\\r';
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Escapes control characters but keeps newlines and tabs (for multi-line text such as `show`). */
export function sanitize(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Escapes control characters, newlines and tabs too (for one-line cells and tab-separated output). */
export function sanitizeInline(text: string): string {
  return text.replace(UNSAFE_INLINE, escapeChar);
}
