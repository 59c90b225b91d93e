// JSON's structural characters, as the character codes (and UTF-8 bytes: all are ASCII) that
// the two scanners of dataset text compare with: json-scan walks the decoded text, json-spans
// the file's bytes.

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const COMMA = 0x2c;
export const COLON = 0x3a;
