// Assembles the WebAssembly CRC-32 that src/core/text/checksum.ts carries as base64, and
// prints that base64 (`node scripts/crc32-wasm.mjs`); a test checks the two agree.
//
// The function, in the text format:
//
//   (module
//     (memory (export "memory") 2)
//     (func (export "crc") (param $p i32) (param $end8 i32) (param $end i32) (param $c i32)
//           (result i32) (local $a i32) (local $b i32)
//       ;; Eight bytes a step (slicing by 8): table k, at byte k * 1024, gives the CRC of a
//       ;; byte k places before the end of the step.
//       (block (loop
//         (br_if 1 (i32.ge_u (local.get $p) (local.get $end8)))
//         (local.set $a (i32.xor (i32.load (local.get $p)) (local.get $c)))
//         (local.set $b (i32.load offset=4 (local.get $p)))
//         (local.set $c (xor of  T7[a & 255]  T6[(a >> 8) & 255]  T5[(a >> 16) & 255]  T4[a >> 24]
//                               T3[b & 255]  T2[(b >> 8) & 255]  T1[(b >> 16) & 255]  T0[b >> 24]))
//         (local.set $p (i32.add (local.get $p) (i32.const 8)))
//         (br 0)))
//       ;; The last bytes one at a time.
//       (block (loop
//         (br_if 1 (i32.ge_u (local.get $p) (local.get $end)))
//         (local.set $c (i32.xor (T0[(c ^ load8_u(p)) & 255]) (i32.shr_u (local.get $c) (i32.const 8))))
//         (local.set $p (i32.add (local.get $p) (i32.const 1)))
//         (br 0)))
//       (local.get $c)))
//
// The caller fills the tables (the same as the JavaScript version's) and copies the bytes
// in after them; `$c` is the running CRC, complemented by the caller as zlib does.
import { fileURLToPath } from 'node:url';

const uleb = (n) => {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>>= 7;
    if (n === 0) return [...out, b];
    out.push(b | 0x80);
  }
};
const sleb = (n) => {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};

const I32 = 0x7f;
const [P, END8, END, C, A, B] = [0, 1, 2, 3, 4, 5];
const get = (i) => [0x20, i];
const set = (i) => [0x21, i];
const constant = (v) => [0x41, ...sleb(v)];
const load = (offset) => [0x28, 0x00, ...uleb(offset)];
const load8 = (offset) => [0x2d, 0x00, ...uleb(offset)];
const [AND, XOR, SHL, SHR_U, ADD, GE_U] = [0x71, 0x73, 0x74, 0x76, 0x6a, 0x4f];
const BLOCK_LOOP = [0x02, 0x40, 0x03, 0x40];
const END_END = [0x0b, 0x0b];
/** Table `table`'s entry for byte `shift` of local `src`. */
const entry = (src, shift, table) => [
  ...get(src),
  ...(shift ? [...constant(shift), SHR_U] : []),
  ...(shift < 24 ? [...constant(255), AND] : []),
  ...constant(2),
  SHL,
  ...load(table * 1024),
];

/** The module's bytes. */
export function crc32Module() {
  const body = [
    ...BLOCK_LOOP,
    ...get(P),
    ...get(END8),
    GE_U,
    0x0d,
    1,
    ...get(P),
    ...load(0),
    ...get(C),
    XOR,
    ...set(A),
    ...get(P),
    ...load(4),
    ...set(B),
    ...entry(A, 0, 7),
    ...entry(A, 8, 6),
    XOR,
    ...entry(A, 16, 5),
    XOR,
    ...entry(A, 24, 4),
    XOR,
    ...entry(B, 0, 3),
    XOR,
    ...entry(B, 8, 2),
    XOR,
    ...entry(B, 16, 1),
    XOR,
    ...entry(B, 24, 0),
    XOR,
    ...set(C),
    ...get(P),
    ...constant(8),
    ADD,
    ...set(P),
    0x0c,
    0,
    ...END_END,
    ...BLOCK_LOOP,
    ...get(P),
    ...get(END),
    GE_U,
    0x0d,
    1,
    ...get(C),
    ...get(P),
    ...load8(0),
    XOR,
    ...constant(255),
    AND,
    ...constant(2),
    SHL,
    ...load(0),
    ...get(C),
    ...constant(8),
    SHR_U,
    XOR,
    ...set(C),
    ...get(P),
    ...constant(1),
    ADD,
    ...set(P),
    0x0c,
    0,
    ...END_END,
    ...get(C),
    0x0b,
  ];
  const code = [...uleb(1), 2, I32, ...body];
  const section = (id, payload) => [id, ...uleb(payload.length), ...payload];
  const name = (s) => [...uleb(s.length), ...Buffer.from(s)];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 4, I32, I32, I32, I32, 1, I32]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, 2]),
    ...section(7, [2, ...name('crc'), 0x00, 0, ...name('memory'), 0x02, 0]),
    ...section(10, [1, ...uleb(code.length), ...code]),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  console.log(Buffer.from(crc32Module()).toString('base64'));
