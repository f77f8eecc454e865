import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { phoneticKey } from '../../src/identity/normalize/phonetic.js';

describe('phoneticKey: spelling variants collide', () => {
  it.each([
    [['dupont', 'dupond', 'dupon', 'DUPONT', 'Dupond']],
    [['lefebvre', 'lefevre', 'lefeuvre', 'Lefèvre']],
    [['philippe', 'filipe', 'philip', 'felipe']],
    [['catherine', 'katherine', 'kathryn', 'catharine']],
    [['smith', 'smyth']],
    [['meyer', 'meier', 'mayer', 'maier']],
    [['thompson', 'thomson']],
    [['renault', 'renaud', 'renaut']],
    [['schmidt', 'schmitt', 'schmid']],
    [['muller', 'mueller', 'Müller']],
    [['michael', 'mickael', 'mikael']],
    [['eric', 'erik', 'éric']],
    [['george', 'georges']],
    [['jerome', 'gérôme']],
    [['schwarz', 'schwartz']],
    [['lopez', 'lopes']],
    [['christophe', 'kristof']],
    [['francois', 'françois', 'FRANCOIS']],
    [['dupuis', 'dupuy', 'dupui']],
    [['deveaux', 'deveau']],
    [['johnson', 'jonson']],
    [['henri', 'henry']],
    [['wagner', 'vagner']],
    [['mathieu', 'matthieu', 'mathiew']],
  ])('%j share one key', (names) => {
    const keys = new Set(names.map(phoneticKey));
    expect(keys.size, [...keys].join(',')).toBe(1);
    expect([...keys][0]!.length).toBeGreaterThan(0);
  });
});

describe('phoneticKey: different names stay apart', () => {
  it.each([
    ['bernard', 'durand'],
    ['martin', 'bernard'],
    ['dupont', 'durand'],
    ['petit', 'robert'],
    ['richard', 'moreau'],
    ['simon', 'laurent'],
    ['michel', 'michael'],
    ['smith', 'sim'],
    ['smith', 'jones'],
    ['brown', 'wilson'],
    ['taylor', 'thomas'],
    ['fournier', 'girard'],
    ['lambert', 'fontaine'],
    ['dubois', 'david'],
    ['garcia', 'martinez'],
    ['nguyen', 'nicolas'],
    ['philippe', 'pierre'],
    ['catherine', 'christine'],
    ['meyer', 'muller'],
  ])('%j ≠ %j', (a, b) => {
    expect(phoneticKey(a)).not.toBe(phoneticKey(b));
  });

  it('keeps the 50 most common French surnames almost all apart', () => {
    const names = 'martin bernard thomas petit robert richard durand dubois moreau laurent simon michel lefebvre leroy roux david bertrand morel fournier girard bonnet dupont lambert fontaine rousseau vincent muller lefevre faure andre mercier blanc guerin boyer garnier chevalier francois legrand gauthier garcia perrin robin clement morin nicolas henry roussel mathieu gautier masson'.split(' ');
    const byKey = new Map<string, string[]>();
    for (const n of names) byKey.set(phoneticKey(n), [...(byKey.get(phoneticKey(n)) ?? []), n]);
    const collisions = [...byKey.values()].filter((g) => g.length > 1).map((g) => g.join('/'));
    // Only genuine variants share a key: lefebvre/lefevre and gauthier/gautier.
    expect(collisions.sort()).toEqual(['gauthier/gautier', 'lefebvre/lefevre']);
  });
});

describe('phoneticKey: format', () => {
  it.each([
    ['Dupont', 'tpn'],
    ['Jean-Pierre Dupont', 'jn pr tpn'],
    ['  de la Fontaine ', 't l fntn'],
    ['Éric', 'ark'],
    ['', ''],
    ['123', ''],
    ['-', ''],
  ])('phoneticKey(%j) = %j', (raw, expected) => {
    expect(phoneticKey(raw)).toBe(expected);
  });

  it('codes each word separately', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,10}$/), fc.stringMatching(/^[a-z]{1,10}$/), (a, b) => {
        const parts = [phoneticKey(a), phoneticKey(b)].filter((p) => p !== '');
        expect(phoneticKey(`${a} ${b}`)).toBe(parts.join(' '));
      }),
    );
  });

  it('is deterministic, lower-case letters only, and case/accent insensitive', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
        const k = phoneticKey(s);
        expect(k).toMatch(/^(?:[a-z]+(?: [a-z]+)*)?$/);
        expect(phoneticKey(s.toUpperCase())).toBe(phoneticKey(s.toLowerCase()));
        expect(phoneticKey(s)).toBe(k);
      }),
    );
  });
});
