import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  comparators,
  compareAddress,
  compareDate,
  compareEmail,
  compareFamilyName,
  compareGivenName,
  comparePhone,
  comparePostcode,
  levelNames,
} from '../../src/identity/compare.js';

const level = (code: number) => levelNames[code];

describe('field comparators grade agreement', () => {
  it.each([
    ['jean pierre', 'jean pierre', 'exact'],
    ['jean pierre', 'jeanpierre', 'exact'],
    ['robert', 'bob', 'close'],
    ['catherine', 'katherine', 'close'],
    ['mitchell', 'mitchel', 'close'],
    ['j p', 'jean pierre', 'partial'],
    ['j', 'j', 'partial'],
    ['j p', 'j p', 'partial'],
    ['marie', 'marie claire', 'partial'],
    ['jean', 'jean pierre', 'partial'],
    ['marie christine', 'marie claire', 'far'],
    ['horst gergard', 'horst gerhard', 'close'],
    ['rhomas', 'tom', 'partial'],
    ['art', 'arthur', 'close'],
    ['fabien', 'fabienne', 'far'],
    ['louis', 'louise', 'far'],
    ['paul', 'paulette', 'far'],
    ['martin', 'martine', 'far'],
    ['jean', 'marie', 'far'],
    ['paul', 'sophie', 'far'],
  ])('given names %s / %s → %s', (a, b, expected) => {
    expect(level(compareGivenName(a, b))).toBe(expected);
  });

  it.each([
    ['dupont', 'dupont', 'exact'],
    ['dupont', 'dupond', 'close'],
    ['de la fontaine', 'fontaine', 'close'],
    ['dupont durand', 'dupont', 'partial'],
    ['dupont', 'martin', 'far'],
  ])('family names %s / %s → %s', (a, b, expected) => {
    expect(level(compareFamilyName(a, b))).toBe(expected);
  });

  it.each([
    ['1985-03-07', '1985-03-07', 'exact'],
    ['1985-03-07', '1985-03-08', 'close'],
    ['1985-03-07', '1985-07-03', 'close'],
    ['1956-03-07', '1965-03-07', 'close'],
    ['1985-03-07', '1985-11-21', 'partial'],
    ['1985-03-07', '1962-11-21', 'far'],
  ])('dates %s / %s → %s', (a, b, expected) => {
    expect(level(compareDate(a, b))).toBe(expected);
  });

  it.each([
    ['12 bis avenue victor hugo', '12 bis avenue victor hugo', 'exact'],
    ['12 avenue victor hugo', '12 avenue victor hugp', 'close'],
    ['12 rue de la paix', '14 rue de la paix', 'partial'],
    ['12 rue de la paix', '48 rue de la paix', 'far'],
    ['3 rue de la paix', '3 boulevard saint germain', 'far'],
  ])('addresses %s / %s → %s', (a, b, expected) => {
    expect(level(compareAddress(a, b))).toBe(expected);
  });

  it('e-mails, phones and postcodes', () => {
    expect(level(compareEmail('jean.dupont@gmail.com', 'jean.dupont@gmail.com'))).toBe('exact');
    expect(level(compareEmail('jean.dupont@gmail.com', 'jean.dupont@gmial.com'))).toBe('close');
    expect(level(compareEmail('jean.dupont@gmail.com', 'jean.dupond@gmail.com'))).toBe('close');
    expect(level(compareEmail('jean.dupont@gmail.com', 'jean.dupont@orange.fr'))).toBe('partial');
    expect(level(comparePhone('+33612345678', '+33612345687'))).toBe('partial');
    expect(level(comparePhone('+33612345678', '+33698765432'))).toBe('far');
    expect(level(comparePostcode('75011', '75012'))).toBe('close');
    expect(level(comparePostcode('75011', '75020'))).toBe('partial');
    expect(level(comparePostcode('75011', '69003'))).toBe('far');
  });
});

describe('comparators are symmetric', () => {
  const word = fc.stringMatching(/^[a-e]{0,3}( [a-e]{1,3})?$/).filter((s) => s.trim() === s && s !== '');
  const date = fc
    .tuple(fc.integer({ min: 1900, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  it.each(Object.entries(comparators))('%s', (kind, compare) => {
    const values = kind === 'date' ? date : word;
    fc.assert(fc.property(values, values, (a, b) => compare(a, b) === compare(b, a)), { numRuns: 300 });
  });
});
