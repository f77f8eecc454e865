import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldText, isPlaceholder } from '../../src/identity/normalize/text.js';

describe('foldText', () => {
  it.each([
    ['  Éloïse  Lœtitia-MÜLLER ', 'eloise loetitia muller'],
    ["O'Brien, J.-P.", 'o brien j p'],
    ['Straße', 'strasse'],
    ['STRAẞE', 'strasse'],
    ['Œuvre', 'oeuvre'],
    ['Ærø', 'aero'],
    ['Łódź', 'lodz'],
    ['Đorđe', 'dorde'],
    ['Søren Kierkegaard', 'soren kierkegaard'],
    ['ﬁnance', 'finance'],
    ['François', 'francois'],
    ['Ça-va ? Très bien !', 'ca va tres bien'],
    ['Zoë\tO’Neill', 'zoe o neill'],
    ['İstanbul', 'istanbul'],
    ['Иван Petrov', 'petrov'],
    ['already folded 12', 'already folded 12'],
    ['---', ''],
    ['', ''],
  ])('foldText(%j) = %j', (raw, expected) => {
    expect(foldText(raw)).toBe(expected);
  });

  it('only ever outputs [a-z0-9 ] with single inner spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const f = foldText(s);
        expect(f).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s));
      }),
    );
  });
});

describe('isPlaceholder', () => {
  it.each(['n/a', 'N/A', 'na', 'NONE', 'null', 'unknown', 'Inconnu', 'NC', 'n.c.', '-', 'xxx', 'XXXX', '.', '0', '000', 'aucun', 'néant', 'Neant', 'non renseigné', '?', ''])(
    '%j is a placeholder',
    (raw) => {
      expect(isPlaceholder(foldText(raw))).toBe(true);
    },
  );

  it.each(['Nadia', 'Nathalie', 'Dupont', 'x y', '01', 'Noël', 'Marie-Noëlle', '10 rue X'])('%j is not a placeholder', (raw) => {
    expect(isPlaceholder(foldText(raw))).toBe(false);
  });
});

describe('identifier placeholders', () => {
  it.each(['Non renseigné', 'Non communiqué', 'Néant', 'À compléter', 'A renseigner', 'Not available', '?', '*', 'n/a'])('%j is missing', async (raw) => {
    const { normalizerFor } = await import('../../src/identity/normalizers.js');
    expect(normalizerFor({ kind: 'identifier' }, 'FR')(raw)).toEqual({ value: null });
  });
  it('a real code keeps its letters and digits', async () => {
    const { normalizerFor } = await import('../../src/identity/normalizers.js');
    expect(normalizerFor({ kind: 'identifier' }, 'FR')(' fid-00a ').value).toBe('FID00A');
  });
});
