/**
 * Deterministic profile ids: a profile's id is derived from its canonical (smallest) record, so
 * the same records always give the same ids, whatever order they arrived in.
 * @module
 */
import { recordRef, type SourceRecord } from './record.js';

/** 53-bit string hash (cyrb53), stable across platforms. */
function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Base-32 characters after `p_` in a profile id (a 53-bit hash needs 11). */
export const PROFILE_ID_DIGITS = 11;

/** The id of the profile whose canonical record is `record`: `p_` and 11 base-32 characters. */
export function profileIdOf(record: Pick<SourceRecord, 'source' | 'key'>): string {
  return `p_${hash53(recordRef(record)).toString(32).padStart(PROFILE_ID_DIGITS, '0')}`;
}
