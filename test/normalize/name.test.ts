import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compactName,
  isInitialsOf,
  nameInitials,
  nameParticles,
  normalizeName,
  stripParticles,
} from '../../src/identity/normalize/name.js';

describe('normalizeName', () => {
  it.each([
    ['Jean-Pierre', 'jean pierre'],
    ['jean pierre', 'jean pierre'],
    ['JEAN  PIERRE', 'jean pierre'],
    ['J.-P.', 'j p'],
    ['J.P.', 'j p'],
    ['DUPONT', 'dupont'],
    ['Müller', 'muller'],
    ['Mueller', 'mueller'],
    ['Hélène', 'helene'],
    ['Françoise', 'francoise'],
    ['Lætitia', 'laetitia'],
    ['Chloë', 'chloe'],
    ['Žofie Dvořáková', 'zofie dvorakova'],
    ['Åsa Sørensen', 'asa sorensen'],
    ['Gößmann', 'gossmann'],
    ["O'Brien", 'o brien'],
    ['O’Brien', 'o brien'],
    ["d'Estaing", 'd estaing'],
    ['de La Fontaine', 'de la fontaine'],
    ['Van der Berg', 'van der berg'],
    // Honorifics as a separate leading word.
    ['M. Dupont', 'dupont'],
    ['M Dupont', 'dupont'],
    ['Mme DUPONT', 'dupont'],
    ['Mlle Marie Curie', 'marie curie'],
    ['Melle Durand', 'durand'],
    ['Monsieur Jean Dupont', 'jean dupont'],
    ['MADAME MARTIN', 'martin'],
    ['Mademoiselle Roux', 'roux'],
    ['Mr. John Smith', 'john smith'],
    ['Mrs Smith', 'smith'],
    ['Ms. Jones', 'jones'],
    ['Miss Taylor', 'taylor'],
    ['Dr. House', 'house'],
    ['Dr Jean Martin', 'jean martin'],
    ['Pr Raoult', 'raoult'],
    ['M. et Mme Dupont', 'dupont'],
    ['Mr and Mrs Smith', 'smith'],
    ['Mr J Smith', 'j smith'],
    ['Herr Müller', 'muller'],
    // Not honorifics.
    ['M.-C. Dupont', 'm c dupont'],
    ['Madame', 'madame'],
    ['Marie', 'marie'],
    ['Mmeline', 'mmeline'],
    ['Drouet', 'drouet'],
    ['Jean Mr', 'jean mr'],
  ])('normalizeName(%j) = %j', (raw, expected) => {
    expect(normalizeName(raw)).toEqual({ value: expected });
  });

  it.each(['', '  ', 'n/a', 'N.C.', '-', 'xxx', 'inconnu', 'Néant', '?', 'Mr X', 'Mme N/A'])('%j is missing', (raw) => {
    expect(normalizeName(raw)).toEqual({ value: null });
  });

  it.each(['12345', '06 12 34 56 78'])('flags %j (no letters)', (raw) => {
    expect(normalizeName(raw)).toEqual({ value: null, problem: 'no letter in name' });
  });

  it('never gives an empty value: a letter that decomposes to a mark alone is no name', () => {
    expect(normalizeName('\ufe70')).toEqual({ value: null, problem: 'no letter in name' });
    expect(normalizeName('\u{10858}\ufe70')).toEqual({ value: null, problem: 'no letter in name' });
  });

  it('is idempotent', () => {
    const word = fc.constantFrom('M.', 'Mme', 'Mr', 'et', 'Jean', 'J.', 'Pierre', 'de', "O'", 'Müller', 'É', 'x', '-', 'Dr');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), fc.constantFrom(' ', '-', '. ', ''), (words, sep) => {
        const first = normalizeName(words.join(sep));
        if (first.value !== null) expect(normalizeName(first.value)).toEqual(first);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const first = normalizeName(s);
        if (first.value !== null) expect(normalizeName(first.value)).toEqual(first);
      }),
    );
  });
});

describe('stripParticles', () => {
  it.each([
    ['de la fontaine', 'fontaine'],
    ['jean de la fontaine', 'jean fontaine'],
    ['van der berg', 'berg'],
    ['von braun', 'braun'],
    ['d estaing', 'estaing'],
    ['le goff', 'goff'],
    ['da silva', 'silva'],
    ['dos santos', 'santos'],
    ['di caprio', 'caprio'],
    ['del rio', 'rio'],
    ['garcia y lopez', 'garcia lopez'],
    ['dupont', 'dupont'],
    ['marie de', 'marie de'],
    ['le', 'le'],
    ['de la', 'de la'],
    ['', ''],
  ])('stripParticles(%j) = %j', (value, expected) => {
    expect(stripParticles(value)).toBe(expected);
  });

  it('knows the usual particles and not ordinary words', () => {
    for (const p of ['de', 'du', 'des', 'le', 'la', 'les', 'd', 'l', 'da', 'di', 'van', 'von', 'der', 'den', 'del', 'della', 'dos', 'das', 'y']) {
      expect(nameParticles.has(p), p).toBe(true);
    }
    for (const w of ['st', 'saint', 'mac', 'jean', 'o']) expect(nameParticles.has(w), w).toBe(false);
  });
});

describe('nameInitials / isInitialsOf / compactName', () => {
  it.each([
    ['jean pierre', 'jp'],
    ['marie', 'm'],
    ['jean de la fontaine', 'jdlf'],
    ['', ''],
  ])('nameInitials(%j) = %j', (value, expected) => {
    expect(nameInitials(value)).toBe(expected);
  });

  it.each([
    ['j p', 'jean pierre', true],
    ['j', 'jean pierre', true],
    ['j', 'jean', true],
    ['m c', 'marie claude', true],
    ['j m', 'jean pierre', false],
    ['p', 'jean pierre', false],
    ['jp', 'jean pierre', false],
    ['jean', 'jean pierre', false],
    ['j p x', 'jean pierre', false],
    ['j p', 'j p', false],
    ['', 'jean', false],
    ['j', '', false],
  ])('isInitialsOf(%j, %j) = %s', (short, long, expected) => {
    expect(isInitialsOf(short, long)).toBe(expected);
  });

  it.each([
    ['jean pierre', 'jeanpierre'],
    ['de la fontaine', 'delafontaine'],
    ['o brien', 'obrien'],
    ['dupont', 'dupont'],
  ])('compactName(%j) = %j', (value, expected) => {
    expect(compactName(value)).toBe(expected);
  });

  it('equates names that differ only by word breaks', () => {
    expect(compactName(normalizeName("O'Brien").value!)).toBe(compactName(normalizeName('OBRIEN').value!));
    expect(compactName(normalizeName('de La Fontaine').value!)).toBe(compactName(normalizeName('Delafontaine').value!));
  });
});

describe('normalizeName in other scripts', () => {
  it.each([
    ['Иван', 'иван'],
    ['王伟', '王伟'],
    ['Ελένη', 'ελενη'],
    ['𝓐lice', 'alice'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeName(raw).value).toBe(expected);
  });
});

describe('an elided M is the name\'s, not Monsieur', () => {
  it.each([
    ["M'Bappé", 'mbappe'],
    ['Mbappé', 'mbappe'],
    ['M’Bala', 'mbala'],
    ['M. Dupont', 'dupont'],
  ])('%s → %s (and again the same)', (raw, expected) => {
    expect(normalizeName(raw).value).toBe(expected);
    expect(normalizeName(expected).value).toBe(expected);
  });
});

