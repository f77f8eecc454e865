/**
 * Configuration of identity resolution: which attributes exist, how each is normalized and compared,
 * the match model, the rules and vetoes, blocking and the decision thresholds.
 *
 * Every field has a default, so `resolveConfig({})` gives a working setup for the usual customer
 * attributes (`firstName`, `lastName`, `email`, `phone`, `birthDate`, `address`, `postcode`, `city`,
 * `loyaltyCard`). Configurations are plain JSON, validated with zod.
 * @module
 */
import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import { getCountries } from 'libphonenumber-js/core';
// The phone normalizer's own metadata: one copy in a bundle ("min" would add a second).
import maxMetadata from 'libphonenumber-js/max/metadata';
import { IdentikitError } from '../errors.js';
import { validationError } from './zod-issues.js';

/**
 * How an attribute is normalized and compared.
 *
 * | kind | normalized to | compared with |
 * |---|---|---|
 * | `email` | trimmed lower-case address | exact, edit distance 1, same local part |
 * | `phone` | E.164 via libphonenumber-js | exact, one digit off or transposed |
 * | `givenName`, `familyName` | folded words (`jean pierre`) | Jaro-Winkler, initials, swapped given/family |
 * | `fullName` | folded words | token-set Jaro-Winkler |
 * | `date` | `YYYY-MM-DD` (two-digit years as of 2026-12-01, a fixed date: `27` is 1927) | exact, one component off or day/month swapped, same year |
 * | `address` | canonical French-style street line | token similarity |
 * | `postcode` | compact postcode | exact, one digit off, same district |
 * | `city` | folded name (`saint-…`) | Jaro-Winkler |
 * | `identifier` | upper-case code without spaces, `.`, `-`, `_` or `/` (all zeros: missing) | exact, edit distance 1 |
 * | `text` | folded text | Jaro-Winkler |
 * | `category` | folded text | exact only |
 */
export const attributeKinds = [
  'email',
  'phone',
  'givenName',
  'familyName',
  'fullName',
  'date',
  'address',
  'postcode',
  'city',
  'identifier',
  'text',
  'category',
] as const;

/** See {@link attributeKinds}. */
export type AttributeKind = (typeof attributeKinds)[number];

/** Comparison levels, from strongest agreement to none. `missing` has weight 0. */
export const comparisonLevels = ['exact', 'close', 'partial', 'far', 'missing'] as const;
/** See {@link comparisonLevels}. */
export type ComparisonLevel = (typeof comparisonLevels)[number];

const countries = new Set<string>(getCountries(maxMetadata));
const countryCode = z
  .string()
  .transform((s) => s.toUpperCase())
  .refine((s) => countries.has(s), { error: 'must be an ISO 3166-1 alpha-2 country code such as FR' })
  .transform((s) => s as CountryCode);

const probability = z.number().gt(0, { error: 'must be > 0' }).lt(1, { error: 'must be < 1' });

const levelProbabilities = z
  .object({
    /** Probability of the `exact` level, strictly between 0 and 1. */
    exact: probability.optional(),
    /** Probability of the `close` level, strictly between 0 and 1. */
    close: probability.optional(),
    /** Probability of the `partial` level, strictly between 0 and 1. */
    partial: probability.optional(),
    /** Probability of the `far` level, strictly between 0 and 1. */
    far: probability.optional(),
  })
  .strict();

/** zod schema of one attribute's configuration. */
export const attributeConfigSchema = z
  .object({
    /** How the attribute is normalized and compared: one of {@link attributeKinds}. Required. */
    kind: z.enum(attributeKinds, { error: `must be one of ${attributeKinds.join(', ')}` }),
    /** E-mail only: apply provider rules (gmail dots, `+tags`). Off by default. */
    providerRules: z.boolean().optional(),
    /**
     * Prior probability of each level among true matches (m) and non-matches (u). Used as they are
     * when `model.estimate` is `none`, as starting points for EM otherwise.
     */
    m: levelProbabilities.optional(),
    /**
     * Prior probability of each level among non-matches (u); see `m`. Used as they are when
     * `model.estimate` is `none`, as starting points for EM otherwise.
     */
    u: levelProbabilities.optional(),
    /** Scale exact-agreement weight by how common the value is (a rare surname says more). Default true except for categories. */
    termFrequency: z.boolean().optional(),
    /**
     * The value may be shared by several people: a family loyalty card, a household landline.
     * A shared identifier never lifts a veto. Default false.
     */
    shared: z.boolean().optional(),
  })
  .strict();

/** Configuration of one attribute. */
export type AttributeConfig = z.infer<typeof attributeConfigSchema>;

/** A deterministic rule: when every listed attribute agrees exactly, the pair is a match. */
export const ruleSchema = z
  .object({
    /** Name of the rule, listed in explanations when it fires. Non-empty. */
    name: z.string().min(1),
    /** Attributes that must all be present and agree at `exact` level. */
    exact: z.array(z.string().min(1)).min(1),
  })
  .strict();
/** See {@link ruleSchema}. */
export type Rule = z.infer<typeof ruleSchema>;

/**
 * A veto: when the attribute is present on both sides and compares at one of `levels`, the pair is
 * never merged automatically (at most sent to review), and no cluster may hold both records —
 * unless one of the `unless` attributes agrees (see `unless`), which lifts the veto.
 */
export const vetoSchema = z
  .object({
    /** Name of the veto, listed in explanations when it fires. Non-empty. */
    name: z.string().min(1),
    /** The attribute compared: a name from `attributes`. */
    attribute: z.string().min(1),
    /** Comparison levels (`close`, `partial`, `far`; at least one) at which the veto applies. */
    levels: z.array(z.enum(['close', 'partial', 'far'])).min(1),
    /**
     * Attributes whose agreement lifts the veto, e.g. a national id number: exact, or (identifiers)
     * one typing slip away, unless they differ only in the last character (sequence neighbours).
     */
    unless: z.array(z.string().min(1)).optional(),
  })
  .strict();
/** See {@link vetoSchema}. */
export type Veto = z.infer<typeof vetoSchema>;

/** A blocking key: records sharing the key's value are compared. */
export const blockingKeySchema = z
  .object({
    /** Name of the blocking key. Non-empty. */
    name: z.string().min(1),
    /** Each part is `attribute` or `attribute:transform` (`exact`, `phonetic`, `prefix3`, `year`, `initial`, `sorted`). */
    parts: z.array(z.string().min(1)).min(1),
    /** Sort the parts' values before joining them, so swapped fields (given ↔ family name) share the key. */
    unordered: z.boolean().optional(),
  })
  .strict();
/** See {@link blockingKeySchema}. */
export type BlockingKey = z.infer<typeof blockingKeySchema>;

/** zod schema of the whole configuration. */
export const identityConfigSchema = z
  .object({
    /** Default country for phones, dates (day/month order) and addresses. Default `FR`. */
    country: countryCode.default('FR'),
    /** Attribute name → how it is normalized and compared. Default: the usual customer attributes. */
    attributes: z
      .record(
        z.string().regex(/^[^:]+$/, { error: 'attribute names must be non-empty and must not contain ":"' }),
        attributeConfigSchema,
      )
      .optional(),
    /** Match probability thresholds. */
    thresholds: z
      .object({
        /** Match probability at or above which a pair is merged automatically. Default 0.9. */
        match: probability.default(0.9),
        /** Match probability at or above which a pair below `match` is sent to review; must be ≤ `match`. Default 0.6. */
        review: probability.default(0.6),
      })
      .strict()
      .refine((t) => t.review <= t.match, { error: 'review must be ≤ match' })
      .default({ match: 0.9, review: 0.6 }),
    /** The match model: how m, u and the match rate are obtained. */
    model: z
      .object({
        /** `em`: estimate m, u and the match rate from the data (no labels); `none`: use configured priors. `auto`: EM when there are enough candidate pairs. */
        estimate: z.enum(['auto', 'em', 'none']).default('auto'),
        /** Prior share of candidate pairs that are matches (starting point for EM). */
        matchRate: probability.default(0.1),
      })
      .strict()
      .default({ estimate: 'auto', matchRate: 0.1 }),
    /** Deterministic rules (see {@link ruleSchema}). Default: none. */
    rules: z.array(ruleSchema).optional(),
    /** Vetoes (see {@link vetoSchema}). Default: derived from the attributes (see {@link defaultVetoes}). */
    vetoes: z.array(vetoSchema).optional(),
    /** Blocking: which records are compared with each other. */
    blocking: z
      .object({
        /** Blocking keys (at least one). Default: derived from the attributes (see {@link defaultBlockingKeys}). */
        keys: z.array(blockingKeySchema).min(1).optional(),
        /**
         * Blocks larger than this are not compared all-pairs but through a sorted window. Default 200.
         * (An e-mail or phone key is compared all-pairs up to 30 records, and not at all beyond.)
         */
        maxBlockSize: z.number().int().min(2).default(200),
        /** Window of the sorted neighbourhood used inside oversized blocks. Default 20. */
        window: z.number().int().min(2).default(20),
      })
      .strict()
      .default({ maxBlockSize: 200, window: 20 }),
  })
  .strict();

/** Configuration as written by a user (every field optional). */
export type IdentityConfigInput = z.input<typeof identityConfigSchema>;

/** Configuration with every default filled in. */
export interface IdentityConfig {
  /** Default country for phones, dates (day/month order) and addresses. Default `FR`. */
  country: CountryCode;
  /** Attribute name → how it is normalized and compared. Default: the usual customer attributes ({@link defaultAttributes}). */
  attributes: Record<string, AttributeConfig>;
  /** Match probability thresholds. */
  thresholds: {
    /** Match probability at or above which a pair is merged automatically. Default 0.9. */
    match: number;
    /** Match probability at or above which a pair below `match` is sent to review; ≤ `match`. Default 0.6. */
    review: number;
  };
  /** The match model: how m, u and the match rate are obtained. */
  model: {
    /** `em`: estimate m, u and the match rate from the data (no labels); `none`: use configured priors. `auto`: EM when there are enough candidate pairs. Default `auto`. */
    estimate: 'auto' | 'em' | 'none';
    /** Prior share of candidate pairs that are matches (starting point for EM). Default 0.1. */
    matchRate: number;
  };
  /** Deterministic rules (see {@link ruleSchema}). Default: none. */
  rules: Rule[];
  /** Vetoes (see {@link vetoSchema}). Default: derived from the attributes (see {@link defaultVetoes}). */
  vetoes: Veto[];
  /** Blocking: which records are compared with each other. */
  blocking: {
    /** Blocking keys (at least one). Default: derived from the attributes (see {@link defaultBlockingKeys}). */
    keys: BlockingKey[];
    /**
     * Blocks larger than this are not compared all-pairs but through a sorted window. Default 200.
     * (An e-mail or phone key is compared all-pairs up to 30 records, and not at all beyond.)
     */
    maxBlockSize: number;
    /** Window of the sorted neighbourhood used inside oversized blocks. Default 20. */
    window: number;
  };
}

/** The default customer attributes. */
export const defaultAttributes: Record<string, AttributeConfig> = {
  firstName: { kind: 'givenName' },
  lastName: { kind: 'familyName' },
  email: { kind: 'email' },
  phone: { kind: 'phone' },
  birthDate: { kind: 'date' },
  address: { kind: 'address' },
  postcode: { kind: 'postcode' },
  city: { kind: 'city' },
  loyaltyCard: { kind: 'identifier', shared: true },
};

/**
 * Validates a configuration and fills in defaults. Blocking keys, rules and vetoes that are not given
 * are derived from the attributes (see {@link defaultBlockingKeys}). Throws an `INVALID_CONFIG`
 * {@link IdentikitError} naming each faulty field, or one that names an unknown attribute.
 */
export function resolveConfig(input: IdentityConfigInput = {}): IdentityConfig {
  const parsed = identityConfigSchema.safeParse(input);
  if (!parsed.success) throw validationError('INVALID_CONFIG', 'Invalid configuration', parsed.error);
  const c = parsed.data;
  const attributes = c.attributes ?? defaultAttributes;
  const config: IdentityConfig = {
    country: c.country,
    attributes,
    thresholds: c.thresholds,
    model: c.model,
    rules: c.rules ?? defaultRules(attributes),
    vetoes: c.vetoes ?? defaultVetoes(attributes),
    blocking: {
      keys: c.blocking.keys ?? defaultBlockingKeys(attributes),
      maxBlockSize: c.blocking.maxBlockSize,
      window: c.blocking.window,
    },
  };
  checkReferences(config);
  return config;
}

function namesOfKind(attributes: Record<string, AttributeConfig>, ...kinds: AttributeKind[]): string[] {
  return Object.keys(attributes)
    .filter((name) => kinds.includes(attributes[name]!.kind))
    .sort();
}

/**
 * Default rules: none. An exact identifier alone is strong evidence but households and re-issued
 * cards share them, so identifiers are weighted by the model, not forced, unless a rule says so.
 */
export function defaultRules(_attributes: Record<string, AttributeConfig>): Rule[] {
  return [];
}

/**
 * Default vetoes: two clearly different birth dates, or two clearly different given names (not a
 * typo, a nickname, initials or a compound form), are two different people, whatever else they
 * share: this is what keeps relatives who share an address, a landline or a family e-mail apart.
 * Either veto is lifted when a personal identifier (kind `identifier`, not `shared`: a national
 * id, a personal account number) agrees, and the given-name veto also when the birth date agrees: then the differing value is
 * a data-entry slip, not another person. (Twins with the same birth date then rest on the other
 * attributes' evidence.)
 */
export function defaultVetoes(attributes: Record<string, AttributeConfig>): Veto[] {
  const identifiers = namesOfKind(attributes, 'identifier').filter((name) => !attributes[name]!.shared);
  const dates = namesOfKind(attributes, 'date');
  return [
    ...namesOfKind(attributes, 'date').map((attribute): Veto => ({
      name: `different ${attribute}`,
      attribute,
      levels: ['far'],
      ...(identifiers.length > 0 ? { unless: identifiers } : {}),
    })),
    ...namesOfKind(attributes, 'givenName').map((attribute): Veto => ({
      name: `different ${attribute}`,
      attribute,
      levels: ['far'],
      ...(dates.length + identifiers.length > 0 ? { unless: [...dates, ...identifiers] } : {}),
    })),
  ];
}

/**
 * Default blocking keys derived from the attributes: every identifier-like attribute on its own
 * (e-mail, phone, identifier), then names' phonetic keys combined with each other (in either
 * order), the birth date, the postcode (or the city where there is no postcode); the address with
 * the postcode (or alone where there is none); the birth date with the postcode.
 */
export function defaultBlockingKeys(attributes: Record<string, AttributeConfig>): BlockingKey[] {
  const keys: BlockingKey[] = [];
  for (const name of namesOfKind(attributes, 'email', 'phone', 'identifier')) {
    keys.push({ name, parts: [`${name}:exact`] });
  }
  const given = namesOfKind(attributes, 'givenName');
  const family = namesOfKind(attributes, 'familyName', 'fullName');
  const dates = namesOfKind(attributes, 'date');
  const postcodes = namesOfKind(attributes, 'postcode');
  // A city is the coarse stand-in for a postcode: keyed on only where there is no postcode.
  const cities = postcodes.length > 0 ? [] : namesOfKind(attributes, 'city');
  const addresses = namesOfKind(attributes, 'address');
  for (const f of family) {
    for (const g of given)
      keys.push({ name: `${g}+${f}`, parts: [`${g}:phonetic`, `${f}:phonetic`], unordered: true });
    for (const d of dates) keys.push({ name: `${f}+${d}`, parts: [`${f}:phonetic`, `${d}:exact`] });
    for (const p of postcodes) keys.push({ name: `${f}+${p}`, parts: [`${f}:phonetic`, `${p}:exact`] });
    for (const c of cities) keys.push({ name: `${f}+${c}`, parts: [`${f}:phonetic`, `${c}:phonetic`] });
  }
  for (const g of given) {
    for (const d of dates) keys.push({ name: `${g}+${d}`, parts: [`${g}:phonetic`, `${d}:exact`] });
    for (const p of postcodes) keys.push({ name: `${g}+${p}`, parts: [`${g}:phonetic`, `${p}:exact`] });
    for (const c of cities) keys.push({ name: `${g}+${c}`, parts: [`${g}:phonetic`, `${c}:phonetic`] });
  }
  for (const a of addresses) {
    for (const p of postcodes) keys.push({ name: `${a}+${p}`, parts: [`${a}:exact`, `${p}:exact`] });
    if (postcodes.length === 0) keys.push({ name: a, parts: [`${a}:exact`] });
  }
  for (const d of dates) {
    for (const p of postcodes) keys.push({ name: `${d}+${p}`, parts: [`${d}:exact`, `${p}:exact`] });
    for (const c of cities) keys.push({ name: `${d}+${c}`, parts: [`${d}:exact`, `${c}:phonetic`] });
  }
  return keys;
}

function checkReferences(config: IdentityConfig): void {
  const known = new Set(Object.keys(config.attributes));
  const issues: { path: (string | number)[]; message: string }[] = [];
  config.rules.forEach((rule, i) =>
    rule.exact.forEach((a, j) => {
      if (!known.has(a)) issues.push({ path: ['rules', i, 'exact', j], message: `unknown attribute "${a}"` });
    }),
  );
  config.vetoes.forEach((veto, i) => {
    if (!known.has(veto.attribute))
      issues.push({ path: ['vetoes', i, 'attribute'], message: `unknown attribute "${veto.attribute}"` });
    veto.unless?.forEach((a, j) => {
      if (!known.has(a)) issues.push({ path: ['vetoes', i, 'unless', j], message: `unknown attribute "${a}"` });
    });
  });
  const transforms = new Set(['exact', 'phonetic', 'prefix3', 'year', 'initial', 'sorted']);
  config.blocking.keys.forEach((key, i) =>
    key.parts.forEach((part, j) => {
      const [attribute, transform = 'exact', ...extra] = part.split(':');
      if (extra.length > 0) {
        issues.push({ path: ['blocking', 'keys', i, 'parts', j], message: `"${part}" is not attribute or attribute:transform` });
        return;
      }
      if (!attribute || !known.has(attribute))
        issues.push({ path: ['blocking', 'keys', i, 'parts', j], message: `unknown attribute "${attribute}"` });
      else if (!transforms.has(transform))
        issues.push({
          path: ['blocking', 'keys', i, 'parts', j],
          message: `unknown transform "${transform}" (use ${[...transforms].join(', ')})`,
        });
    }),
  );
  if (issues.length > 0) {
    const text = issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new IdentikitError('INVALID_CONFIG', `Invalid configuration: ${text}`, { issues });
  }
}

