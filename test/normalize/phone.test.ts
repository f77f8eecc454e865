import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPersonalPhone, normalizePhone, normalizePhoneWithLibphonenumber } from '../../src/identity/normalize/phone.js';

describe('normalizePhone (default country FR)', () => {
  it.each([
    '06 12 34 56 78',
    '0612345678',
    '06.12.34.56.78',
    '06-12-34-56-78',
    '+33612345678',
    '+33 6 12 34 56 78',
    '+33 (0)6 12 34 56 78',
    '+33 (0) 6 12 34 56 78',
    '+33 06 12 34 56 78',
    '0033612345678',
    '0033 6 12 34 56 78',
    '00 33 6 12 34 56 78',
    '0033 (0)6 12 34 56 78',
    '(06) 12 34 56 78',
    '  06 12 34 56 78  ',
    '06 12 34 56 78 ',
    '06 12.34-56 78',
    // Nine digits, the trunk 0 eaten by a spreadsheet: libphonenumber-js says it is valid.
    '6 12 34 56 78',
    '612345678',
    '33612345678',
    // Labels and extensions are dropped.
    'Tél. : 06 12 34 56 78',
    'tel 06 12 34 56 78',
    'Portable: 06 12 34 56 78',
    '06 12 34 56 78 poste 12',
    '06 12 34 56 78 ext. 12',
    '06 12 34 56 78 x12',
    '06 12 34 56 78 #12',
  ])('%j → +33612345678', (raw) => {
    expect(normalizePhone(raw)).toEqual({ value: '+33612345678' });
  });

  it.each([
    ['01 23 45 67 89', '+33123456789'],
    ['04 96 20 12 34', '+33496201234'],
    ['07 81 23 45 67', '+33781234567'],
    ['09 51 23 45 67', '+33951234567'],
    ['0 800 123 456', '+33800123456'],
    ['08 00 12 34 56', '+33800123456'],
    // Overseas departments share the French plan: national numbers get their own country code.
    ['0692 12 34 56', '+262692123456'],
    ['+33 692 12 34 56', '+262692123456'],
    ['+262 692 12 34 56', '+262692123456'],
    ['0262 30 12 34', '+262262301234'],
    ['0590 81 12 34', '+590590811234'],
    ['0690 12 34 56', '+590690123456'],
    ['+590 690 12 34 56', '+590690123456'],
    ['0596 71 12 34', '+596596711234'],
    ['0696 12 34 56', '+596696123456'],
    ['0694 12 34 56', '+594694123456'],
    // International numbers.
    ['+44 20 7946 0958', '+442079460958'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
    ['+1 212 555 0123', '+12125550123'],
    ['+1 (212) 555-0123', '+12125550123'],
    ['+49 30 123456', '+4930123456'],
    ['0049 30 123456', '+4930123456'],
    ['+32 470 12 34 56', '+32470123456'],
    ['+41 79 123 45 67', '+41791234567'],
    ['+39 06 1234 5678', '+390612345678'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizePhone(raw)).toEqual({ value: expected });
  });

  it.each([
    ['06 12 34 56', 'too short'],
    ['123', 'too short'],
    ['06 12 34 56 78 9', 'too long'],
    ['06123456789', 'too long'],
    ['00 00 00 00 00', 'not a valid number'],
    ['01 00', 'too short'],
    ['07 12 34 56 78', 'not a valid number'],
    ['06 AB CD 12 34', 'contains letters'],
    ['1-800-FLOWERS', 'contains letters'],
    ['06 12 34 56 78 ou 01 23 45 67 89', 'contains letters'],
    ['+1 555 555 5555', 'not a valid number'],
    ['+999 123 456', 'not a phone number'],
  ])('flags %j (%s)', (raw, reason) => {
    const r = normalizePhone(raw);
    expect(r.value).toBeNull();
    expect(r.problem).toMatch(/^invalid phone number: /);
    expect(r.problem).toContain(reason);
  });

  it.each(['', '  ', 'n/a', 'N/A', '-', '0', 'inconnu', 'néant', 'xxx'])('%j is missing, not invalid', (raw) => {
    expect(normalizePhone(raw)).toEqual({ value: null });
  });
});

describe('normalizePhone with another default country', () => {
  it.each([
    ['020 7946 0958', 'GB', '+442079460958'],
    ['(212) 555-0123', 'US', '+12125550123'],
    ['212-555-0123', 'US', '+12125550123'],
    ['030 123456', 'DE', '+4930123456'],
    ['0470 12 34 56', 'BE', '+32470123456'],
    ['079 123 45 67', 'CH', '+41791234567'],
    ['0412 345 678', 'AU', '+61412345678'],
    ['0692 12 34 56', 'RE', '+262692123456'],
    // A metropolitan number typed in Réunion is still a French number.
    ['06 12 34 56 78', 'RE', '+33612345678'],
    // An explicit international number ignores the default country.
    ['+33 6 12 34 56 78', 'GB', '+33612345678'],
  ] as const)('%j in %s → %j', (raw, defaultCountry, expected) => {
    expect(normalizePhone(raw, { defaultCountry })).toEqual({ value: expected });
  });

  it('does not read a French national number as French for another country', () => {
    expect(normalizePhone('06 12 34 56 78', { defaultCountry: 'GB' }).value).not.toBe('+33612345678');
  });
});

describe('French fast path', () => {
  // Deterministic pseudo-random digits so a failure is reproducible.
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const digits = (k: number): string => {
    let s = '';
    for (let i = 0; i < k; i++) s += String(next() % 10);
    return s;
  };
  const shapes = [
    (n: string) => `0${n}`,
    (n: string) => `0${n}`.replace(/(\d\d)(?=\d)/g, '$1 '),
    (n: string) => `0${n}`.replace(/(\d\d)(?=\d)/g, '$1.'),
    (n: string) => `0${n}`.replace(/(\d\d)(?=\d)/g, '$1-'),
    (n: string) => `+33 ${n[0]} ${n.slice(1).replace(/(\d\d)(?=\d)/g, '$1 ')}`,
    (n: string) => `+33${n}`,
    (n: string) => `0033${n}`,
    (n: string) => n,
    (n: string) => ` 0${n} `,
    (n: string) => `0${n.slice(0, 8)}`,
    (n: string) => `0${n}1`,
    (n: string) => `00${n}`,
  ];

  it('gives exactly the libphonenumber-js result for every 3-digit prefix and every shape', () => {
    let checked = 0;
    let valid = 0;
    for (let prefix = 0; prefix < 1000; prefix++) {
      for (let k = 0; k < 6; k++) {
        const nsn = String(prefix).padStart(3, '0') + digits(6);
        for (const shape of shapes) {
          const raw = shape(nsn);
          const fast = normalizePhone(raw);
          expect(fast, raw).toEqual(normalizePhoneWithLibphonenumber(raw, 'FR'));
          checked++;
          if (fast.value !== null) valid++;
        }
      }
    }
    expect(checked).toBe(72_000);
    // Both valid and invalid numbers were exercised.
    expect(valid).toBeGreaterThan(20_000);
    expect(checked - valid).toBeGreaterThan(20_000);
  });

  it('gives exactly the libphonenumber-js result on arbitrary digit and separator strings', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9 .()-]{0,18}$/), (raw) => {
        expect(normalizePhone(raw)).toEqual(normalizePhoneWithLibphonenumber(raw, 'FR'));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('normalizePhone properties', () => {
  it('is idempotent', () => {
    const raw = fc.oneof(
      fc.stringMatching(/^0[1-9]( ?\d\d){4}$/),
      fc.stringMatching(/^\+(33|44|1|49|32|41|262|590) ?\d{6,11}$/),
      fc.stringMatching(/^[0-9 +().-]{1,16}$/),
    );
    fc.assert(
      fc.property(raw, (s) => {
        const first = normalizePhone(s);
        if (first.value !== null) expect(normalizePhone(first.value)).toEqual(first);
      }),
      { numRuns: 3000 },
    );
  });

  it('always returns E.164 or null', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 25 }), (s) => {
        const r = normalizePhone(s);
        if (r.value !== null) expect(r.value).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isPersonalPhone', () => {
  it.each([
    ['+33612345678', true],
    ['+33712345678', true],
    ['+33143556677', false],
    ['+33912345678', false],
    ['+447911123456', true],
    ['+442079460000', false],
  ])('%s → %s', (number, personal) => {
    expect(isPersonalPhone(number)).toBe(personal);
  });
});

describe('overseas ranges their country does not give out', () => {
  it.each(['0596 12 12 34', '0263 17 12 34', '0269 05 12 34', '+33 596 12 12 34'])('%s is flagged, never taken for a metropolitan number', (raw) => {
    const r = normalizePhone(raw);
    expect(r.value).toBeNull();
    expect(r.problem).toMatch(/not a valid number for (MQ|RE|YT)/);
    expect(normalizePhoneWithLibphonenumber(raw)).toEqual(r);
  });
  it('allocated overseas numbers still map to their own calling code', () => {
    expect(normalizePhone('0692 12 34 56').value).toBe('+262692123456');
    expect(normalizePhone('0596 70 12 34').value).toBe('+596596701234');
  });
});

describe('numbers typed for "no number"', () => {
  it.each(['06 00 00 00 00', '0611111111', '+33 1 11 11 11 11', '07.99.99.99.99'])('%s is missing', (raw) => {
    expect(normalizePhone(raw)).toEqual({ value: null });
  });
  it.each(['06 12 34 56 78', '06 00 00 00 01', '01 43 55 66 77'])('%s is a number', (raw) => {
    expect(normalizePhone(raw).value).toMatch(/^\+33\d{9}$/);
  });
});

