import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
let crypto: Crypto | undefined;

/**
 * A SHA-256 hasher. node:crypto takes a few milliseconds to load, which a run that hashes
 * nothing (an indexed dataset whose files are unchanged) should not pay, so it is loaded on
 * first use.
 */
export function sha256Hasher(): ReturnType<Crypto['createHash']> {
  crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto;
  return crypto.createHash('sha256');
}
