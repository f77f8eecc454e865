/**
 * E-mail address normalization: trimmed, unwrapped (`<…>`, `mailto:`), lower-cased and checked with a
 * pragmatic syntax check; optional mailbox-provider rules (Gmail dots, `+tags`).
 * @module
 */
import { foldText, isPlaceholder } from './text.js';
import type { Normalized } from './types.js';

/** Options of {@link normalizeEmail}. */
export interface EmailOptions {
  /**
   * Apply mailbox-provider rules so that addresses delivered to the same mailbox compare equal.
   * Off by default: the result is then no longer an address the person typed. See {@link normalizeEmail}.
   */
  providerRules?: boolean;
}

const MAILTO = /^mailto:/i;
const DISPLAY_NAME = /<([^<>]*)>\s*$/;
const LOCAL_CHARS = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const LOCAL_BAD_CHAR = /[^a-z0-9!#$%&'*+/=?^_`{|}~.-]/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const NON_ASCII = /[\u0080-\uffff]/;
const DOTS = /\./g;
const SPACE = /\s/;

/** Domains where dots in the local part are ignored (Gmail). */
const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/**
 * Domains whose mailboxes accept `+tag` sub-addresses (`jean+shop@…` is delivered to `jean@…`).
 * Yahoo is deliberately absent: its sub-addresses use `-` but only after a separately chosen
 * "base name", which is not the account name, so stripping `-…` could turn one person's disposable
 * address into somebody else's real one.
 */
const PLUS_TAGS = new Set([
  'gmail.com',
  'googlemail.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'protonmail.com',
  'protonmail.ch',
  'proton.me',
  'pm.me',
  'fastmail.com',
  'fastmail.fm',
  'yandex.ru',
  'yandex.com',
]);

/** Outlook.com's domains in every country (`outlook.de`, `hotmail.co.uk`, `live.com.au`…). */
const OUTLOOK = /^(?:outlook|hotmail|live)\.(?:com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/;

/** Whether a domain's mailboxes take `+tag` sub-addresses (see {@link PLUS_TAGS}). */
const takesPlusTags = (domain: string): boolean => PLUS_TAGS.has(domain) || OUTLOOK.test(domain);

/** Local parts people type for "no e-mail" (dots, dashes and underscores removed). */
const PLACEHOLDER_LOCALS: ReadonlySet<string> = new Set([
  'aucun', 'aucune', 'neant', 'non', 'no', 'none', 'noemail', 'nomail', 'pas', 'pasdemail', 'pasdemel',
  'pasdadresse', 'sans', 'sansemail', 'sansmail', 'refus', 'refuse', 'inconnu', 'nc', 'na', 'vide',
  'test', 'xxx', 'x',
]);
/** First labels of a domain that stand for "some domain". */
const GENERIC_LABELS: ReadonlySet<string> = new Set(['mail', 'email', 'courriel', 'exemple', 'example', 'domaine', 'domain']);
/** Reserved for examples and tests (RFC 2606): no mailbox there belongs to anyone. */
const RESERVED = /(^|\.)(example\.(com|net|org)|exemple\.(fr|com))$|\.(example|test|invalid|localhost)$/;

/**
 * An address typed instead of leaving the field empty: a "no e-mail" local part at a domain named
 * like it or like "some domain" (`aucun@aucun.fr`, `noemail@mail.com`, `test@test.fr`), or any
 * address at a domain reserved for examples (`jean@example.com`).
 */
function isPlaceholderAddress(local: string, labels: readonly string[]): boolean {
  if (RESERVED.test(labels.join('.'))) return true;
  const word = local.replace(/[._-]/g, '');
  const first = labels[0]!.replace(/-/g, '');
  return PLACEHOLDER_LOCALS.has(word) && (PLACEHOLDER_LOCALS.has(first) || GENERIC_LABELS.has(first));
}

function invalid(reason: string): Normalized {
  return { value: null, problem: `invalid e-mail address: ${reason}` };
}

function toAsciiDomain(domain: string): string | null {
  try {
    // WHATWG URL is available in browsers, Node and edge runtimes and applies IDNA (punycode).
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/**
 * Normalizes an e-mail address.
 *
 * Steps: trim; unwrap `mailto:` and `Name <address>` / `<address>`; lower-case (local parts are
 * case-insensitive in practice); internationalized domains converted to punycode (`café.fr` →
 * `xn--caf-dma.fr`); then a pragmatic syntax check: exactly one `@`; a local part of at most 64
 * characters from the RFC 5322 "atext" set plus dots, not starting or ending with a dot; a domain of at
 * most 253 characters made of at least two labels (`[a-z0-9-]`, no leading/trailing `-`, ≤ 63 each), a
 * top-level domain of at least two letters (or `xn--…`); no consecutive dots; at most 254 characters in
 * all. Quoted local parts and IP-literal domains are rejected: customer data does not use them.
 *
 * With `providerRules: true` (off by default):
 * - `gmail.com` / `googlemail.com`: dots removed from the local part, domain mapped to `gmail.com`;
 * - Gmail, Outlook.com (`outlook.*`, `hotmail.*`, `live.*`, `msn.com`), iCloud (`icloud.com`,
 *   `me.com`, `mac.com`), Proton, Fastmail and Yandex: a `+tag` is removed (`jean+promo@…` →
 *   `jean@…`). Dots are kept for those providers (they are significant there).
 * - Yahoo is left alone: its `-keyword` disposable addresses hang off a separately chosen base name, so
 *   stripping them is not safe.
 *
 * Flagged: anything that fails the syntax check (`{ value: null, problem: 'invalid e-mail address: …' }`).
 * Placeholders give `{ value: null }`: `n/a`, `-`, `aucun`…, an address typed instead of leaving the
 * field empty (`aucun@aucun.fr`, `noemail@mail.com`, `test@test.fr`) and any address at a domain
 * reserved for examples (`jean@example.com`, `…@exemple.fr`, `….test`).
 *
 * @example
 * ```ts
 * normalizeEmail(' Jean.Dupont@Example.FR ')        // { value: 'jean.dupont@example.fr' }
 * normalizeEmail('mailto:jean@example.fr')           // { value: 'jean@example.fr' }
 * normalizeEmail('J.Dupont+shop@googlemail.com', { providerRules: true }) // { value: 'jdupont@gmail.com' }
 * normalizeEmail('jean@@example.fr')                 // { value: null, problem: 'invalid e-mail address: several @' }
 * ```
 */
export function normalizeEmail(raw: string, options?: EmailOptions): Normalized {
  let s = raw.trim();
  if (s.length === 0) return { value: null };
  const display = s.endsWith('>') ? DISPLAY_NAME.exec(s) : null;
  if (display) s = display[1]!.trim();
  if (MAILTO.test(s)) s = s.slice(7).trim();
  s = s.toLowerCase();
  const at = s.indexOf('@');
  if (at < 0) return isPlaceholder(foldText(s)) ? { value: null } : invalid('no @');
  if (s.indexOf('@', at + 1) >= 0) return invalid('several @');
  const local = s.slice(0, at);
  let domain = s.slice(at + 1);
  if (local.length === 0) return invalid('nothing before the @');
  if (domain.length === 0) return invalid('nothing after the @');
  if (local.length > 64) return invalid('local part longer than 64 characters');
  if (!LOCAL_CHARS.test(local)) {
    const bad = LOCAL_BAD_CHAR.exec(local)?.[0] ?? '';
    return invalid(bad.trim() === '' ? 'contains a space' : `invalid character "${bad}" before the @`);
  }
  if (local.startsWith('.') || local.endsWith('.')) return invalid('local part starts or ends with a dot');
  if (local.includes('..') || domain.includes('..')) return invalid('consecutive dots');
  if (NON_ASCII.test(domain)) {
    if (SPACE.test(domain)) return invalid('contains a space');
    const ascii = toAsciiDomain(domain);
    if (ascii === null || NON_ASCII.test(ascii)) return invalid(`invalid domain "${domain}"`);
    domain = ascii;
  }
  if (domain.length > 253) return invalid('domain longer than 253 characters');
  const labels = domain.split('.');
  if (labels.length < 2) return invalid(`domain "${domain}" has no dot`);
  for (const label of labels) {
    if (!LABEL.test(label)) return invalid(`invalid domain "${domain}"`);
  }
  if (!TLD.test(labels[labels.length - 1]!)) return invalid(`invalid top-level domain in "${domain}"`);
  if (local.length + 1 + domain.length > 254) return invalid('longer than 254 characters');
  if (isPlaceholderAddress(local, labels)) return { value: null };
  if (options?.providerRules) return { value: applyProviderRules(local, domain) };
  return { value: `${local}@${domain}` };
}

function applyProviderRules(local: string, domain: string): string {
  let l = local;
  let d = domain;
  if (takesPlusTags(d)) {
    const plus = l.indexOf('+');
    if (plus > 0) l = l.slice(0, plus);
  }
  if (GMAIL.has(d)) {
    l = l.replace(DOTS, '');
    d = 'gmail.com';
  }
  // A rule that would leave an invalid address (`jean.+x@outlook.fr` → `jean.`) does not apply.
  if (l.length === 0 || l.endsWith('.')) return `${local}@${domain}`;
  return `${l}@${d}`;
}

/**
 * The domain of a normalized e-mail address (after the last `@`), or `null` when there is no `@`.
 *
 * @example
 * ```ts
 * emailDomain('jean@example.fr') // 'example.fr'
 * ```
 */
export function emailDomain(value: string): string | null {
  const at = value.lastIndexOf('@');
  return at < 0 ? null : value.slice(at + 1);
}

/**
 * The local part of a normalized e-mail address (before the last `@`), or `null` when there is no `@`.
 *
 * @example
 * ```ts
 * emailLocal('jean@example.fr') // 'jean'
 * ```
 */
export function emailLocal(value: string): string | null {
  const at = value.lastIndexOf('@');
  return at < 0 ? null : value.slice(0, at);
}
