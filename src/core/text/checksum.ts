import { createRequire } from 'node:module';

type Zlib = typeof import('node:zlib');
type Crc32 = (data: Uint8Array | string, value?: number) => number;

let native: Crc32 | null | undefined;
/** Eight tables of 256 entries (slicing by 8): table k gives the CRC of a byte k places back. */
let tables: Uint32Array | undefined;

function makeTables(): Uint32Array {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number;
    for (let k = 1; k < 8; k++) {
      c = (t[c & 0xff] as number) ^ (c >>> 8);
      t[k * 256 + n] = c >>> 0;
    }
  }
  return t;
}

/**
 * CRC-32 in plain JavaScript, eight bytes a step: for Node versions whose zlib has no crc32
 * (before 20.15), and for small inputs, so that a short command does not load zlib.
 */
function crc32Js(data: Uint8Array | string, value = 0): number {
  tables ??= makeTables();
  const t = tables;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let crc = ~value;
  let i = 0;
  const whole = bytes.length - (bytes.length % 8);
  for (; i < whole; i += 8) {
    const a =
      crc ^
      ((bytes[i] as number) |
        ((bytes[i + 1] as number) << 8) |
        ((bytes[i + 2] as number) << 16) |
        ((bytes[i + 3] as number) << 24));
    crc =
      (t[1792 + (a & 0xff)] as number) ^
      (t[1536 + ((a >>> 8) & 0xff)] as number) ^
      (t[1280 + ((a >>> 16) & 0xff)] as number) ^
      (t[1024 + (a >>> 24)] as number) ^
      (t[768 + (bytes[i + 4] as number)] as number) ^
      (t[512 + (bytes[i + 5] as number)] as number) ^
      (t[256 + (bytes[i + 6] as number)] as number) ^
      (t[bytes[i + 7] as number] as number);
  }
  for (; i < bytes.length; i++)
    crc = (t[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return ~crc >>> 0;
}

/**
 * Inputs up to this many bytes (or UTF-16 units) are checked in JavaScript until zlib is
 * loaded for a larger one: loading node:zlib loads Node's stream modules with it, some twenty
 * modules and about 1.5 ms. JavaScript that has not been optimised yet checks some 8 bytes a
 * microsecond (measured: 0.6 ms for 4 kB, 14 ms for 90 kB), so it is the cheaper only for
 * small inputs, such as the index metadata a short command reads.
 */
const SMALL = 8 * 1024;

/**
 * CRC-32 (the zlib polynomial) of bytes, or of a string's UTF-8 encoding; `value` continues an
 * earlier checksum. It guards index files and dataset ranges against accidental change (a
 * same-size edit, a zeroed or truncated file): zlib's native implementation checks gigabytes a
 * second, so a search can afford to check every byte it reads. Not a defence against forgery.
 */
export function crc32(data: Uint8Array | string, value = 0): number {
  if (native === undefined) {
    if (data.length <= SMALL) return crc32Js(data, value);
    const zlib = createRequire(import.meta.url)('node:zlib') as Zlib & { crc32?: Crc32 };
    native = typeof zlib.crc32 === 'function' ? zlib.crc32 : null;
  }
  return native ? native(data, value) : crc32Js(data, value);
}

/** The plain-JavaScript CRC-32, exported so that tests can compare it with zlib's. */
export const crc32Portable = crc32Js;

/** zlib's CRC-32 where this Node has one (for tests), else undefined. */
export function crc32Native(): Crc32 | undefined {
  const zlib = createRequire(import.meta.url)('node:zlib') as Zlib & { crc32?: Crc32 };
  return typeof zlib.crc32 === 'function' ? zlib.crc32 : undefined;
}
