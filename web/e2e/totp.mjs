// TOTP (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits) for the journeys, from the key the page shows.
import { createHmac } from 'node:crypto';

export const STEP_SECONDS = 30;

/** RFC 4648 base32 without padding; spaces and case do not matter (the page groups the key in fours). */
export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The time step a moment falls in (default: now). */
export function timeStep(ms = Date.now()) {
  return Math.floor(ms / 1000 / STEP_SECONDS);
}

/** The 6-digit code of one time step (RFC 4226 dynamic truncation). */
export function totp(key, step = timeStep()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac('sha1', base32Decode(key)).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

// RFC 6238 appendix B, SHA-1 rows (8 digits there; the last 6 are ours): checked at import so a
// broken helper fails loudly instead of looking like a server that refuses good codes.
const RFC_KEY = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ').toString('ascii');
if (RFC_KEY !== '12345678901234567890') throw new Error('base32Decode is broken');
for (const [seconds, expected] of [[59, '287082'], [1111111109, '081804'], [20000000000, '353130']]) {
  const got = totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', Math.floor(seconds / STEP_SECONDS));
  if (got !== expected) throw new Error(`totp self-check failed at ${seconds}: ${got} ≠ ${expected}`);
}
