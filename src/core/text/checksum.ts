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
 * Inputs up to this many bytes (or UTF-16 units) are checked in JavaScript, larger ones in
 * WebAssembly: JavaScript that has not been optimised yet checks some 8 bytes a microsecond
 * (measured: 0.6 ms for 4 kB, 14 ms for 90 kB), so it is the cheaper only for small inputs,
 * such as the index metadata a short command reads.
 */
const SMALL = 8 * 1024;

/**
 * The same CRC-32 (slicing by 8, the tables above) as a WebAssembly function, assembled by
 * scripts/crc32-wasm.mjs, which shows it in the text format. Every search of a large index
 * checks more than SMALL bytes (the vocabulary alone is some 240 kB at 10^5 claims); zlib's
 * crc32 did that, but loading node:zlib loads Node's stream modules with it, some twenty
 * modules and 2 to 3 ms of every search, where compiling this module takes about 0.3 ms and
 * it checks about a gigabyte a second.
 */
const CRC32_WASM =
  'AGFzbQEAAAABCQFgBH9/f38BfwMCAQAFAwEAAgcQAgNjcmMAAAZtZW1vcnkCAAraAQHXAQECfwJAA0AgACABTw0BIAAoAAAgA3MhBCAAKAAEIQUgBEH/AXFBAnQoAIA4IARBCHZB/wFxQQJ0KACAMHMgBEEQdkH/AXFBAnQoAIAocyAEQRh2QQJ0KACAIHMgBUH/AXFBAnQoAIAYcyAFQQh2Qf8BcUECdCgAgBBzIAVBEHZB/wFxQQJ0KACACHMgBUEYdkECdCgAAHMhAyAAQQhqIQAMAAsLAkADQCAAIAJPDQEgAyAALQAAc0H/AXFBAnQoAAAgA0EIdnMhAyAAQQFqIQAMAAsLIAML';

/**
 * An input above this many bytes, and every large one once the WebAssembly version has
 * checked this many, goes to zlib's crc32 after all (loading node:zlib the first time): it
 * checks some 2.5 times as fast (18 MB: 7 ms against 18 ms on this project's machines), which
 * repays loading it (2 to 3 ms) after about this much. A search of a million claims reads
 * that much (the occurrences of a short word of a phrase alone, 18 MB for "on"); one of
 * 10^5 claims seldom does.
 */
const MEDIUM = 4 * 1024 * 1024;
/** Bytes the WebAssembly version has checked in this process. */
let wasmChecked = 0;

/** Where the bytes go in the module's memory (after the tables), and how many at a time. */
const WASM_AT = 8 * 1024;
const WASM_CHUNK = 64 * 1024;

interface WasmCrc {
  crc: (p: number, end8: number, end: number, crc: number) => number;
  memory: Uint8Array;
}
let wasm: WasmCrc | null | undefined;

/** The WebAssembly CRC-32, or null where this Node runs without WebAssembly (`--jitless`). */
function wasmCrc(): WasmCrc | null {
  if (wasm !== undefined) return wasm;
  if (typeof WebAssembly !== 'object') {
    wasm = null;
    return wasm;
  }
  const module = new WebAssembly.Module(Buffer.from(CRC32_WASM, 'base64'));
  const { exports } = new WebAssembly.Instance(module);
  const memory = new Uint8Array((exports.memory as WebAssembly.Memory).buffer);
  tables ??= makeTables();
  memory.set(new Uint8Array(tables.buffer, tables.byteOffset, tables.byteLength), 0);
  wasm = { crc: exports.crc as WasmCrc['crc'], memory };
  return wasm;
}

/** CRC-32 in WebAssembly, a chunk at a time copied into the module's memory. */
function crc32Wasm(w: WasmCrc, data: Uint8Array | string, value = 0): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let crc = ~value;
  for (let at = 0; at < bytes.length; at += WASM_CHUNK) {
    const n = Math.min(WASM_CHUNK, bytes.length - at);
    w.memory.set(bytes.subarray(at, at + n), WASM_AT);
    crc = w.crc(WASM_AT, WASM_AT + n - (n % 8), WASM_AT + n, crc);
  }
  return ~crc >>> 0;
}

/**
 * CRC-32 (the zlib polynomial) of bytes, or of a string's UTF-8 encoding; `value` continues an
 * earlier checksum. It guards index files and dataset ranges against accidental change (a
 * same-size edit, a zeroed or truncated file): the WebAssembly version checks about a gigabyte
 * a second, so a search can afford to check every byte it reads. Not a defence against forgery.
 */
export function crc32(data: Uint8Array | string, value = 0): number {
  if (data.length <= SMALL) return crc32Js(data, value);
  const w = data.length <= MEDIUM && wasmChecked <= MEDIUM ? wasmCrc() : null;
  if (w) {
    wasmChecked += data.length;
    return crc32Wasm(w, data, value);
  }
  if (native === undefined) {
    const zlib = createRequire(import.meta.url)('node:zlib') as Zlib & { crc32?: Crc32 };
    native = typeof zlib.crc32 === 'function' ? zlib.crc32 : null;
  }
  return native ? native(data, value) : crc32Js(data, value);
}

/** The WebAssembly CRC-32 (for tests), or undefined where there is no WebAssembly. */
export function crc32WebAssembly(): Crc32 | undefined {
  const w = wasmCrc();
  return w ? (data, value) => crc32Wasm(w, data, value) : undefined;
}

/** The plain-JavaScript CRC-32, exported so that tests can compare it with zlib's. */
export const crc32Portable = crc32Js;

/** zlib's CRC-32 where this Node has one (for tests), else undefined. */
export function crc32Native(): Crc32 | undefined {
  const zlib = createRequire(import.meta.url)('node:zlib') as Zlib & { crc32?: Crc32 };
  return typeof zlib.crc32 === 'function' ? zlib.crc32 : undefined;
}
