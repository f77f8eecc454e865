/**
 * A phonetic key for blocking that brings together spelling variants of French, English and German
 * names (`dupont`/`dupond`, `philippe`/`filipe`, `catherine`/`kathryn`, `meyer`/`meier`,
 * `thompson`/`thomson`).
 *
 * The algorithm is a consonant skeleton in the spirit of Soundex and Phonex, written as one pass over
 * the characters (no regular expression, no allocation beyond the output string):
 *
 * 1. Fold the word (accents, case, punctuation; see `foldText`). Multi-word input is coded word by
 *    word, joined by one space; digits are ignored.
 * 2. Silent French endings are cut before coding: a final `s`, `z`, or `x` after `u` (`dupuis`,
 *    `deveaux`), then any final `t`/`d` (`dupont`, `renaud`, `schmidt`), and `lt` of `-ault`
 *    (`renault`). The cut is undone if it would leave a code shorter than two characters.
 * 3. Letter groups are mapped to one sound class:
 *    `ph`→`f`; `th`→`t`; `d`→`t`; `ck`, `q`/`qu`, hard `c` (`ca co cu cr…`), `k`, `chr`/`chl`/`chae`→`k`;
 *    soft `c` (`ce ci cy`), `z`→`s`; `ch`, `sh`, `sch`→`c` (the "sh" sound); soft `g` (`ge gi gy`) and
 *    `j`→`j`; `gu` before `e`/`i` and other `g`→`g`; `gh` silent except at the start; `x`→`x`, at the
 *    start `s`; `w` before a vowel→`v`, otherwise a vowel; `bv`→`v`; `mps`/`mpt` drop the `p`
 *    (`thompson`); initial `kn`, `wr`, `ps` drop their first letter; `h` is silent.
 * 4. Vowels (`a e i o u y`) are dropped, except that a word starting with a vowel sound is coded `a`
 *    first (so `eric`, `aric`, `hérik` share `ark`).
 * 5. Repeated classes collapse (`nn`, `dt`→one `t`), but not across a vowel (`bob` stays `bb`).
 *
 * No truncation: the whole skeleton is kept, which keeps blocks small on large files.
 * @module
 */
import { foldText } from './text.js';

const PLAIN_WORDS = /^[a-z]+(?: [a-z]+)*$/;
const DIGITS = /[0-9]+/g;
const SPACES = / +/;

function isVowel(c: number): boolean {
  // a e i o u y
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
}

function isFrontVowel(c: number): boolean {
  // e i y
  return c === 101 || c === 105 || c === 121;
}

const A = 97;
const B = 98;
const C = 99;
const D = 100;
const E = 101;
const G = 103;
const H = 104;
const K = 107;
const L = 108;
const M = 109;
const N = 110;
const P = 112;
const Q = 113;
const R = 114;
const S = 115;
const T = 116;
const U = 117;
const V = 118;
const W = 119;
const X = 120;
const Z = 122;

/** End (exclusive) of the word once silent French endings are cut. */
function silentEnd(w: string): number {
  let end = w.length;
  if (end < 4) return end;
  const last = w.charCodeAt(end - 1);
  if (last === S || last === Z || (last === X && w.charCodeAt(end - 2) === U)) end--;
  if (end >= 4 && w.charCodeAt(end - 1) === T && w.charCodeAt(end - 2) === L && w.charCodeAt(end - 3) === U && w.charCodeAt(end - 4) === A) {
    return end - 2; // -ault → -au
  }
  while (end > 2) {
    const c = w.charCodeAt(end - 1);
    if (c !== T && c !== D) break;
    end--;
  }
  return end;
}

/** Codes letters [0, end) of a plain lower-case word. */
function codeWord(w: string, end: number): string {
  let out = '';
  let last = 0; // last emitted class (char code), 1 after a vowel, 0 at start
  for (let i = 0; i < end; i++) {
    const c = w.charCodeAt(i);
    const next = i + 1 < end ? w.charCodeAt(i + 1) : 0;
    const next2 = i + 2 < end ? w.charCodeAt(i + 2) : 0;
    let code = 0; // 0: silent; 1: vowel; otherwise the class letter
    switch (c) {
      case A:
      case E:
      case 105:
      case 111:
      case U:
      case 121:
        code = 1;
        break;
      case B:
        code = next === V ? 0 : B;
        break;
      case C:
        if (next === H) {
          code = next2 === R || next2 === L || (next2 === A && i + 3 < end && w.charCodeAt(i + 3) === E) ? K : C;
          i++;
        } else if (isFrontVowel(next)) code = S;
        else code = K;
        break;
      case D:
      case T:
        code = T;
        if (c === T && next === H) i++;
        break;
      case G:
        if (next === H) {
          code = i === 0 ? G : 0;
          i++;
        } else if (isFrontVowel(next)) code = 106; // j
        else if (next === U && isFrontVowel(next2)) {
          code = G;
          i++;
        } else code = G;
        break;
      case H:
        code = 0;
        break;
      case K:
        code = i === 0 && next === N ? 0 : K;
        break;
      case M:
        code = M;
        if (next === P && (next2 === S || next2 === T)) i++;
        break;
      case P:
        if (next === H) {
          code = 102; // f
          i++;
        } else code = i === 0 && next === S ? 0 : P;
        break;
      case Q:
        code = K;
        if (next === U) i++;
        break;
      case S:
        if (next === C && next2 === H) {
          code = C;
          i += 2;
        } else if (next === H) {
          code = C;
          i++;
        } else code = S;
        break;
      case W:
        if (i === 0 && next === R) code = 0;
        else code = isVowel(next) ? V : 1;
        break;
      case X:
        code = i === 0 ? S : X;
        break;
      case Z:
        code = S;
        break;
      default:
        code = c; // f j l n r v
    }
    if (code === 0) continue;
    if (code === 1) {
      if (out.length === 0) out = 'a';
      last = 1;
      continue;
    }
    if (code !== last) out += String.fromCharCode(code);
    last = code;
  }
  return out;
}

function codeFoldedWord(w: string): string {
  const end = silentEnd(w);
  const code = codeWord(w, end);
  if (end === w.length || code.length >= 2) return code;
  const full = codeWord(w, w.length);
  return full.length > code.length ? full : code;
}

/**
 * Phonetic key of a name (one word or several), for blocking: spelling variants that sound alike in
 * French, English or German get the same key. See the module documentation for the algorithm.
 * Empty for input without letters.
 *
 * @example
 * ```ts
 * phoneticKey('Dupont')    // 'tpn'  (same for dupond, dupon)
 * phoneticKey('Philippe')  // 'flp'  (same for filipe)
 * phoneticKey('Catherine') // 'ktrn' (same for katherine, kathryn)
 * phoneticKey('Meyer')     // 'mr'   (same for meier, mayer)
 * phoneticKey('Jean-Pierre Dupont') // 'jn pr tpn'
 * ```
 */
export function phoneticKey(word: string): string {
  const w = PLAIN_WORDS.test(word) ? word : foldText(word).replace(DIGITS, ' ').trim();
  if (w.length === 0) return '';
  if (w.indexOf(' ') < 0) return codeFoldedWord(w);
  let out = '';
  for (const part of w.split(SPACES)) {
    if (part.length === 0) continue;
    const code = codeFoldedWord(part);
    if (code.length === 0) continue;
    out = out.length === 0 ? code : `${out} ${code}`;
  }
  return out;
}

