import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { dateParts, normalizeDate } from '../../src/identity/normalize/date.js';
import { normalizerFor } from '../../src/identity/normalizers.js';

// A fixed "today" so the two-digit-year pivot is reproducible.
const now = new Date(Date.UTC(2026, 5, 15)); // 15 June 2026 (two-digit years go by the UTC calendar date)

describe('normalizeDate', () => {
  it.each([
    ['1985-03-07', '1985-03-07'],
    ['1985-3-7', '1985-03-07'],
    ['1985-03-07T00:00:00Z', '1985-03-07'],
    ['1985-03-07T23:30:00+02:00', '1985-03-07'],
    ['1985-03-07 14:30', '1985-03-07'],
    ['1985-03-07T00:00:00.000Z', '1985-03-07'],
    ['1985/03/07', '1985-03-07'],
    ['1985.03.07', '1985-03-07'],
    ['19560409', '1956-04-09'],
    ['20000229', '2000-02-29'],
    ['07031985', '1985-03-07'],
    ['07/03/1985', '1985-03-07'],
    ['7/3/1985', '1985-03-07'],
    ['07.03.1985', '1985-03-07'],
    ['7.3.1985', '1985-03-07'],
    ['07-03-1985', '1985-03-07'],
    ['07 03 1985', '1985-03-07'],
    [' 07/03/1985 ', '1985-03-07'],
    ['07/03/1985 00:00', '1985-03-07'],
    ['07/03/1985 00:00:00', '1985-03-07'],
    ['25/12/1985', '1985-12-25'],
    ['31/12/1999', '1999-12-31'],
    ['29/02/2000', '2000-02-29'],
    ['29/02/1984', '1984-02-29'],
    // Two-digit years: 20yy unless after today (15 June 2026), then 19yy.
    ['07/03/85', '1985-03-07'],
    ['07/03/26', '2026-03-07'],
    ['15/06/26', '2026-06-15'],
    ['16/06/26', '1926-06-16'],
    ['07/03/00', '2000-03-07'],
    ['07/03/27', '1927-03-07'],
    ['07/03/99', '1999-03-07'],
    // Month names.
    ['7 mars 1985', '1985-03-07'],
    ['07 MARS 1985', '1985-03-07'],
    ['1er janvier 2000', '2000-01-01'],
    ['1er Janv. 2000', '2000-01-01'],
    ['jeudi 7 mars 1985', '1985-03-07'],
    ['le 14 juillet 1789', '1789-07-14'],
    ['15 août 1969', '1969-08-15'],
    ['3 févr. 1990', '1990-02-03'],
    ['25 décembre 1985', '1985-12-25'],
    ['March 7, 1985', '1985-03-07'],
    ['march 7 1985', '1985-03-07'],
    ['Mar 7, 1985', '1985-03-07'],
    ['7 Mar 1985', '1985-03-07'],
    ['7th March 1985', '1985-03-07'],
    ['Thursday, March 7th, 1985', '1985-03-07'],
    ['07-MAR-1985', '1985-03-07'],
    ['07-MAR-85', '1985-03-07'],
    ['1 Sept 2001', '2001-09-01'],
    ['7. März 1985', '1985-03-07'],
    ['1985 Mar 07', '1985-03-07'],
  ])('normalizeDate(%j) = %j', (raw, expected) => {
    expect(normalizeDate(raw, { now })).toEqual({ value: expected });
  });

  describe('day/month order by country', () => {
    it.each([
      ['03/07/1985', 'FR', '1985-07-03'],
      ['03/07/1985', 'GB', '1985-07-03'],
      ['03/07/1985', 'DE', '1985-07-03'],
      ['03.07.1985', 'DE', '1985-07-03'],
      ['03/07/1985', 'AU', '1985-07-03'],
      ['03/07/1985', 'US', '1985-03-07'],
      ['3/7/85', 'US', '1985-03-07'],
      ['03/07/1985', 'PH', '1985-03-07'],
      ['07031985', 'US', '1985-07-03'],
      // First number above 12: day first whatever the country.
      ['25/12/1985', 'US', '1985-12-25'],
      ['13/01/1985', 'US', '1985-01-13'],
      ['12/25/1985', 'US', '1985-12-25'],
    ] as const)('%j in %s → %j', (raw, country, expected) => {
      expect(normalizeDate(raw, { country, now })).toEqual({ value: expected });
    });

    it('defaults to day first (FR)', () => {
      expect(normalizeDate('03/07/1985', { now })).toEqual({ value: '1985-07-03' });
    });
  });

  it.each([
    ['1985-02-30', 'no day 30 in month 2'],
    ['1985-02-29', 'no day 29 in month 2'],
    ['1900-02-29', 'no day 29 in month 2'],
    ['1985-04-31', 'no day 31 in month 4'],
    ['1985-13-01', 'no month 13'],
    ['1985-00-10', 'no month 0'],
    ['33/01/1985', 'no day 33'],
    ['00/01/1985', 'no day 0'],
    ['07/13/1985', 'no month 13'],
    ['01/13/1985', 'no month 13'],
    ['13/13/1985', 'no month 13'],
    ['12/25/1985', 'no month 25'],
    ['31 février 1985', 'no day 31 in month 2'],
    ['February 30, 1985', 'no day 30 in month 2'],
    ['19850230', 'no day 30 in month 2'],
    ['0985-03-07', 'year 985'],
    ['1985', 'unrecognised'],
    ['03/1985', 'unrecognised'],
    ['7 mars', 'unrecognised'],
    ['mars 1985', 'unrecognised'],
    ['31113', 'unrecognised'],
    ['hier', 'unrecognised'],
    ['7 mars 1985 à 10h', 'unrecognised'],
    ['07/03-1985', 'unrecognised'],
  ])('flags %j (%s)', (raw, reason) => {
    const r = normalizeDate(raw, { now });
    expect(r.value).toBeNull();
    expect(r.problem).toMatch(/^invalid date: /);
    expect(r.problem).toContain(reason);
  });

  it.each(['', '  ', 'n/a', 'inconnue', '-', '00/00/0000', '0000-00-00', '00000000'])('%j is missing', (raw) => {
    expect(normalizeDate(raw, { now })).toEqual({ value: null });
  });

  it('round-trips every real calendar day written in each format', () => {
    const day = fc.date({ min: new Date(1900, 0, 1), max: new Date(2025, 11, 31), noInvalidDate: true });
    const p2 = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(day, fc.constantFrom('FR', 'US', 'GB') as fc.Arbitrary<'FR'>, (d, country) => {
        const y = d.getFullYear();
        const m = d.getMonth() + 1;
        const dd = d.getDate();
        const iso = `${y}-${p2(m)}-${p2(dd)}`;
        const numeric = country === 'FR' || country === 'GB' ? `${p2(dd)}/${p2(m)}/${y}` : `${p2(m)}/${p2(dd)}/${y}`;
        for (const raw of [iso, `${y}${p2(m)}${p2(dd)}`, numeric, `${iso}T00:00:00Z`]) {
          expect(normalizeDate(raw, { country, now }), raw).toEqual({ value: iso });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent', () => {
    const raw = fc.oneof(
      fc.stringMatching(/^\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})$/),
      fc.stringMatching(/^\d{4}-\d{1,2}-\d{1,2}$/),
      fc.stringMatching(/^\d{8}$/),
      fc.string({ maxLength: 16 }),
    );
    fc.assert(
      fc.property(raw, fc.constantFrom('FR', 'US') as fc.Arbitrary<'FR'>, (s, country) => {
        const first = normalizeDate(s, { country, now });
        if (first.value !== null) {
          expect(first.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(normalizeDate(first.value, { country, now })).toEqual(first);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('dateParts', () => {
  it.each([
    ['1985-03-07', { year: 1985, month: 3, day: 7 }],
    ['2000-12-31', { year: 2000, month: 12, day: 31 }],
    ['07/03/1985', null],
    ['1985-3-7', null],
    ['', null],
  ])('dateParts(%j)', (value, expected) => {
    expect(dateParts(value)).toEqual(expected);
  });
});

describe('dates as the matcher reads them (normalizerFor)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads two-digit years as of a fixed date, whatever the clock says: the same facts normalize the same way later', () => {
    const normalize = normalizerFor({ kind: 'date' }, 'FR');
    expect(normalize('12/03/27').value).toBe('1927-03-12');
    expect(normalize('12/03/24').value).toBe('2024-03-12');
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-06-01T00:00:00Z'));
    expect(normalize('12/03/27').value).toBe('1927-03-12');
    expect(normalizerFor({ kind: 'date' }, 'FR')('12/03/27').value).toBe('1927-03-12');
  });

  it('reads them the same in any time zone, whether the process started in it or moved to it', async () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/New_York', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(normalizerFor({ kind: 'date' }, 'FR')('01/12/26').value).toBe('2026-12-01');
        expect(normalizerFor({ kind: 'date' }, 'FR')('02/12/26').value).toBe('1926-12-02');
        vi.resetModules(); // the module loads again, as in a process started in that zone
        const fresh = await import('../../src/identity/normalizers.js');
        expect(fresh.normalizerFor({ kind: 'date' }, 'FR')('01/12/26').value).toBe('2026-12-01');
        expect(fresh.normalizerFor({ kind: 'date' }, 'FR')('02/12/26').value).toBe('1926-12-02');
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('French abbreviations as fr-FR writes them', () => {
  it.each([
    ['3 juill. 1971', '1971-07-03'],
    ['ven. 12 mars 1971', '1971-03-12'],
    ['mar. 12 mars 1971', '1971-03-12'],
    ['mar. 3 juill. 1971', '1971-07-03'],
    ['lun. 1 févr. 2021', '2021-02-01'],
    ['12 mar 1971', '1971-03-12'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeDate(raw).value).toBe(expected);
  });
});
