import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
let crypto: Crypto | undefined;

/**
 * A SHA-256 hasher. node:crypto takes a few milliseconds to load, which a run that hashes
 * nothing (an indexed dataset whose files are unchanged) should not pay, so it is loaded on
 * first use.
 */
export function sha256Hasher(): ReturnType<Crypto['createHash']> {
  return loadCrypto().createHash('sha256');
}

/**
 * Loads node:crypto now, for a caller that has time to spare before it hashes (the report
 * waits for another thread's read of the dataset), so that the hash later costs only itself.
 */
export function loadCrypto(): Crypto {
  crypto ??= createRequire(import.meta.url)('node:crypto') as Crypto;
  return crypto;
}
