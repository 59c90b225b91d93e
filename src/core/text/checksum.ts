import { createRequire } from 'node:module';

type Zlib = typeof import('node:zlib');
type Crc32 = (data: Uint8Array | string, value?: number) => number;

let native: Crc32 | null | undefined;
let table: Uint32Array | undefined;

/** CRC-32 in plain JavaScript, for Node versions whose zlib has no crc32 (before 20.15). */
function crc32Js(data: Uint8Array | string, value = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let crc = (value ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++)
    crc = (table[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * CRC-32 (the zlib polynomial) of bytes, or of a string's UTF-8 encoding; `value` continues an
 * earlier checksum. It guards index files and dataset ranges against accidental change (a
 * same-size edit, a zeroed or truncated file): zlib's native implementation checks gigabytes a
 * second, so a search can afford to check every byte it reads. Not a defence against forgery.
 */
export function crc32(data: Uint8Array | string, value = 0): number {
  if (native === undefined) {
    const zlib = createRequire(import.meta.url)('node:zlib') as Zlib & { crc32?: Crc32 };
    native = typeof zlib.crc32 === 'function' ? zlib.crc32 : null;
  }
  return native ? native(data, value) : crc32Js(data, value);
}

/** The plain-JavaScript CRC-32, exported so that tests can compare it with zlib's. */
export const crc32Portable = crc32Js;
