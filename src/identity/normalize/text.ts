/**
 * Text folding shared by every normalizer: accents and ligatures folded to ASCII, lower case,
 * punctuation removed, and recognition of the junk values people type when they have nothing to say
 * (`n/a`, `inconnu`, `xxx`…).
 *
 * Pure functions with no Node-only API: they run in browsers and edge runtimes.
 * @module
 */

/** Letters that Unicode decomposition (NFKD) leaves alone, mapped to their usual ASCII spelling. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ẞ: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŀ: 'l',
  ĸ: 'k',
  ŋ: 'n',
  ſ: 's',
  ŧ: 't',
  ɖ: 'd',
  ƒ: 'f',
};

const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /\p{M}+/gu;
const SPECIAL_LETTER = /[œæßẞøłđðþıħŀĸŋſŧɖƒ]/g;
const NON_ALNUM_RUN = /[^a-z0-9]+/g;
const UPPER = /[A-Z]/;
const ALREADY_FOLDED = /^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/;

function replaceSpecial(letter: string): string {
  return SPECIAL_LETTERS[letter] ?? ' ';
}

/**
 * Folds free text to a comparable ASCII form: accents stripped (NFKD + combining marks removed),
 * ligatures and special letters spelled out (`œ`→`oe`, `æ`→`ae`, `ß`→`ss`, `ø`→`o`, `ł`→`l`, `đ`→`d`,
 * `ﬁ`→`fi`…), lower case, and every run of characters that are not `a-z`/`0-9` turned into one space,
 * trimmed. The result only ever contains `[a-z0-9 ]`, with single spaces and no space at either end.
 *
 * Letters of non-Latin scripts (Greek, Cyrillic, CJK…) are not transliterated: they are removed like
 * punctuation.
 *
 * @example
 * ```ts
 * foldText('  Éloïse  Lœtitia-MÜLLER ') // 'eloise loetitia muller'
 * foldText("O'Brien, J.-P.")           // 'o brien j p'
 * foldText('Straße')                    // 'strasse'
 * ```
 */
export function foldText(raw: string): string {
  if (ALREADY_FOLDED.test(raw)) return raw;
  let s = raw;
  if (NON_ASCII.test(s)) {
    s = s.normalize('NFKD').toLowerCase().replace(COMBINING_MARKS, '');
    if (NON_ASCII.test(s)) s = s.replace(SPECIAL_LETTER, replaceSpecial);
  } else if (UPPER.test(s)) {
    s = s.toLowerCase();
  }
  s = s.replace(NON_ALNUM_RUN, ' ');
  // Trim the single leading / trailing space the replacement may have left.
  const start = s.charCodeAt(0) === 32 ? 1 : 0;
  const end = s.length > start && s.charCodeAt(s.length - 1) === 32 ? s.length - 1 : s.length;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/**
 * Folded values that mean "nothing to say". Compared against the output of {@link foldText}, so
 * `N/A` (`n a`), `n.c.` (`n c`) and `Néant` (`neant`) are covered by one entry each.
 */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  '',
  'n a',
  'na',
  'n d',
  'nd',
  'n c',
  'nc',
  'n r',
  'nr',
  'none',
  'null',
  'nil',
  'nan',
  'undefined',
  'unknown',
  'unk',
  'not available',
  'not applicable',
  'not known',
  'non',
  'inconnu',
  'inconnue',
  'aucun',
  'aucune',
  'neant',
  'vide',
  'non communique',
  'non renseigne',
  'non renseignee',
  'nonrenseigne',
  'a completer',
  'a renseigner',
  'xxx',
]);

const ONLY_X = /^x+$/;
const ONLY_ZERO = /^0+$/;

/**
 * True when a folded value (output of {@link foldText}) is a placeholder people type instead of
 * leaving a field empty: the empty string (so `-`, `.`, `?`, `***` which fold to nothing), `n/a`,
 * `na`, `none`, `null`, `nil`, `unknown`, `inconnu`, `nc`/`n.c.`, `aucun`, `néant`, `non renseigné`,
 * any run of `x` (`x`, `xxx`, `XXXX`) and any run of `0` (`0`, `000`).
 *
 * Normalizers return `{ value: null }` (missing, not invalid) for these.
 *
 * @example
 * ```ts
 * isPlaceholder(foldText('N/A'))   // true
 * isPlaceholder(foldText('Néant')) // true
 * isPlaceholder(foldText('Nadia')) // false
 * ```
 */
export function isPlaceholder(folded: string): boolean {
  return PLACEHOLDERS.has(folded) || ONLY_X.test(folded) || ONLY_ZERO.test(folded);
}
