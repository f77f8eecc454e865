import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emailDomain, emailLocal, normalizeEmail } from '../../src/identity/normalize/email.js';

describe('normalizeEmail', () => {
  it.each([
    [' Jean.Dupont@Example.FR ', 'jean.dupont@example.fr'],
    ['JEAN.DUPONT@ORANGE.FR', 'jean.dupont@orange.fr'],
    ['mailto:jean@example.fr', 'jean@example.fr'],
    ['MAILTO:Jean@Example.fr', 'jean@example.fr'],
    ['<jean@example.fr>', 'jean@example.fr'],
    ['Jean Dupont <Jean.Dupont@Example.fr>', 'jean.dupont@example.fr'],
    ['jean-pierre_o\'brien+news@sub.example.co.uk', "jean-pierre_o'brien+news@sub.example.co.uk"],
    ['j.dupont+shop@gmail.com', 'j.dupont+shop@gmail.com'],
    ['contact@xn--caf-dma.fr', 'contact@xn--caf-dma.fr'],
    ['contact@café.fr', 'contact@xn--caf-dma.fr'],
    ['a@b.io', 'a@b.io'],
  ])('normalizeEmail(%j) = %j', (raw, expected) => {
    expect(normalizeEmail(raw)).toEqual({ value: expected });
  });

  it.each([
    ['jean.dupont.example.fr', 'no @'],
    ['jean@@example.fr', 'several @'],
    ['jean@dupont@example.fr', 'several @'],
    ['@example.fr', 'nothing before the @'],
    ['jean@', 'nothing after the @'],
    ['jean@example', 'has no dot'],
    ['jean@example.c', 'top-level domain'],
    ['jean@example.123', 'top-level domain'],
    ['jean..dupont@example.fr', 'consecutive dots'],
    ['jean@example..fr', 'consecutive dots'],
    ['.jean@example.fr', 'starts or ends with a dot'],
    ['jean.@example.fr', 'starts or ends with a dot'],
    ['jean dupont@example.fr', 'contains a space'],
    ['jean@exa mple.fr', 'invalid domain'],
    ['jean@-example.fr', 'invalid domain'],
    ['jean@example-.fr', 'invalid domain'],
    ['jean@exam_ple.fr', 'invalid domain'],
    ['jean@gmail,com', 'has no dot'],
    ['jean@gmail,com.fr', 'invalid domain'],
    ['jéan@example.fr', 'invalid character "é"'],
    ['jean(at)example.fr', 'no @'],
    [`${'a'.repeat(65)}@example.fr`, 'longer than 64'],
    [`jean@${`${'a'.repeat(63)}.`.repeat(4)}fr`, 'longer than 253'],
  ])('flags %j (%s)', (raw, reason) => {
    const r = normalizeEmail(raw);
    expect(r.value).toBeNull();
    expect(r.problem).toMatch(/^invalid e-mail address: /);
    expect(r.problem).toContain(reason);
  });

  it.each(['', '   ', 'n/a', 'N/A', '-', 'aucun', 'néant', 'xxx'])('%j is missing, not invalid', (raw) => {
    expect(normalizeEmail(raw)).toEqual({ value: null });
  });

  describe('provider rules', () => {
    it.each([
      ['J.Dupont+shop@gmail.com', 'jdupont@gmail.com'],
      ['j.d.upont@googlemail.com', 'jdupont@gmail.com'],
      ['JDUPONT@GMAIL.COM', 'jdupont@gmail.com'],
      ['jean.dupont+promo@outlook.fr', 'jean.dupont@outlook.fr'],
      ['jean.dupont+x@hotmail.com', 'jean.dupont@hotmail.com'],
      ['jean+x@live.fr', 'jean@live.fr'],
      ['jean.dupont+apple@icloud.com', 'jean.dupont@icloud.com'],
      ['jean+x@protonmail.com', 'jean@protonmail.com'],
      // Yahoo `-` disposable addresses are not stripped, nor is `+`.
      ['jean-promo@yahoo.fr', 'jean-promo@yahoo.fr'],
      ['jean+promo@yahoo.com', 'jean+promo@yahoo.com'],
      // Other domains: untouched.
      ['jean.dupont+x@orange.fr', 'jean.dupont+x@orange.fr'],
      ['jean.dupont@free.fr', 'jean.dupont@free.fr'],
      // A tag that would leave an invalid address is kept.
      ['jean.+x@outlook.fr', 'jean.+x@outlook.fr'],
      ['jean.+x@gmail.com', 'jean@gmail.com'],
      // A leading + is not a tag.
      ['+33612345678@gmail.com', '+33612345678@gmail.com'],
    ])('normalizeEmail(%j, providerRules) = %j', (raw, expected) => {
      expect(normalizeEmail(raw, { providerRules: true })).toEqual({ value: expected });
    });

    it('is off by default', () => {
      expect(normalizeEmail('J.Dupont+shop@googlemail.com')).toEqual({ value: 'j.dupont+shop@googlemail.com' });
    });
  });

  it('is idempotent, with and without provider rules', () => {
    const local = fc.stringMatching(/^[A-Za-z0-9._+-]{1,12}$/);
    const domain = fc.constantFrom('gmail.com', 'GoogleMail.com', 'outlook.fr', 'example.fr', 'yahoo.com', 'x.co.uk');
    fc.assert(
      fc.property(local, domain, fc.boolean(), (l, d, providerRules) => {
        const first = normalizeEmail(`${l}@${d}`, { providerRules });
        if (first.value !== null) expect(normalizeEmail(first.value, { providerRules })).toEqual(first);
        // Refused (a problem), or a placeholder such as `x@x.co.uk` (missing, no problem).
        else if (first.problem === undefined) expect(normalizeEmail(`${l}@${d}`.toLowerCase())).toEqual({ value: null });
        else expect(first.problem).toMatch(/^invalid e-mail address: /);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('emailDomain / emailLocal', () => {
  it.each([
    ['jean@example.fr', 'jean', 'example.fr'],
    ['a.b+c@x.co.uk', 'a.b+c', 'x.co.uk'],
    ['no-at-sign', null, null],
  ])('%j → local %j, domain %j', (value, local, domain) => {
    expect(emailLocal(value)).toBe(local);
    expect(emailDomain(value)).toBe(domain);
  });
});

describe('Outlook.com in every country', () => {
  it.each(['jean+x@outlook.de', 'jean+x@outlook.be', 'jean+x@hotmail.ch', 'jean+x@live.ca', 'jean+x@hotmail.co.uk', 'jean+x@live.com.au'])(
    '%s drops its +tag with provider rules',
    (raw) => {
      expect(normalizeEmail(raw, { providerRules: true }).value).toBe(raw.replace('+x', ''));
    },
  );
  it('a domain that only starts like one keeps its +tag', () => {
    expect(normalizeEmail('jean+x@live.unc.edu', { providerRules: true }).value).toBe('jean+x@live.unc.edu');
  });
});

describe('addresses typed instead of leaving the field empty', () => {
  it.each(['aucun@aucun.fr', 'AUCUN@AUCUN.COM', 'noemail@noemail.com', 'no.email@mail.com', 'pas-de-mail@email.fr', 'test@test.fr', 'neant@neant.fr', 'jean@example.com', 'x@exemple.fr', 'a@b.test'])(
    '%s is missing',
    (raw) => {
      expect(normalizeEmail(raw)).toEqual({ value: null });
    },
  );
  it.each(['aucun@orange.fr', 'test@gmail.com', 'jean@aucun.fr', 'contact@boutique.fr', 'jean@example.fr'])('%s is an address', (raw) => {
    expect(normalizeEmail(raw).value).toBe(raw);
  });
});

