/**
 * Normalizers: pure functions that turn what people type into comparable canonical values. Each
 * returns a {@link Normalized}: a value, `null` for nothing typed, or `null` with a `problem` for an
 * invalid value (flagged, never guessed). They use no Node-only API and run in browsers.
 * @module
 */
export type { Normalized } from './types.js';
export { foldText, isPlaceholder } from './text.js';
export { normalizeEmail, emailDomain, emailLocal, type EmailOptions } from './email.js';
export { isPersonalPhone, normalizePhone, type PhoneOptions } from './phone.js';
export { normalizeName, nameParticles, stripParticles, nameInitials, isInitialsOf, compactName } from './name.js';
export { phoneticKey } from './phonetic.js';
export {
  normalizeAddress,
  parseAddress,
  normalizePostcode,
  normalizeCity,
  type ParsedAddress,
} from './address.js';
export { normalizeDate, dateParts, type DateOptions } from './date.js';
