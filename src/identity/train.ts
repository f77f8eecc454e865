/**
 * Trained models: the match model fitted on a batch of records (m and u per attribute and level,
 * the match rate, the value frequencies behind term-frequency adjustments), frozen into plain JSON
 * so that an incremental referential weighs every pair with the same numbers whatever order records
 * arrive in, and exactly as the batch {@link dedupe} fitted on the same records would.
 * @module
 */
import { z } from 'zod';
import { IdentikitError } from '../errors.js';
import type { IdentityConfig, IdentityConfigInput } from './config.js';
import { resolveConfig } from './config.js';
import { prepareMatcher } from './matcher.js';
import { defaultPriors, withWeights, type MatchModel } from './model.js';
import { parseSourceRecords, recordRef, type SourceRecord } from './record.js';
import { validationError } from './zod-issues.js';

/** Value frequencies of one attribute at training time. */
export interface TrainedFrequencies {
  /** Σp²: the chance that two random records agree exactly. */
  agreement: number;
  /** Records holding a value. */
  present: number;
  /** Values held by two records or more, with their counts (a value absent here was held once, or never). */
  counts: Record<string, number>;
}

/** A frozen match model (JSON). Arrays are indexed `[attribute][level]`, levels exact, close, partial, far. */
export interface TrainedModel {
  /** Format version: `1`. */
  version: 1;
  /** The attribute names it was trained on, in configuration order; a referential's must be the same (else `INVALID_CONFIG`). */
  attributes: string[];
  /** m: the probability of each level among pairs of the same person, each in (0, 1). */
  m: number[][];
  /** u: the probability of each level among pairs of different people, each in (0, 1). */
  u: number[][];
  /** Prior probability that two random records are the same person. */
  matchRate: number;
  /** Per attribute; absent for an attribute without term-frequency adjustment data. */
  frequencies: Record<string, TrainedFrequencies>;
  /** How it was obtained. */
  trainedOn: {
    /** Records it was trained on. */
    records: number;
    /** Whether EM estimated m and the match rate; without it, m is the configured or default prior. */
    em: boolean;
    /** EM iterations run (0 without EM). */
    iterations: number;
  };
}

const levels4 = z.array(z.number().gt(0).lt(1)).length(4);

/** zod schema of a {@link TrainedModel}, to validate one read back from storage. */
export const trainedModelSchema = z
  .object({
    version: z.literal(1),
    attributes: z.array(z.string().min(1)),
    m: z.array(levels4),
    u: z.array(levels4),
    matchRate: z.number().gt(0).lt(1),
    frequencies: z.record(
      z.string(),
      z.object({
        agreement: z.number().min(0).max(1),
        present: z.number().int().min(0),
        counts: z.record(z.string(), z.number().int().min(1)),
      }),
    ),
    trainedOn: z.object({ records: z.number().int().min(0), em: z.boolean(), iterations: z.number().int().min(0) }),
  })
  .refine((m) => m.m.length === m.attributes.length && m.u.length === m.attributes.length, {
    error: 'm and u need one row per attribute',
  });

/** Prior probability that two random records are the same person, for an untrained model. */
export const UNTRAINED_MATCH_RATE = 1e-5;

/**
 * Fits the model on a batch of records, as {@link dedupe} would (u measured on the data, m and the
 * match rate by EM when there are enough pairs), and freezes it.
 *
 * @example
 * ```ts
 * const model = trainModel(history, { country: 'FR' });
 * const referential = await createReferential({ country: 'FR', model });
 * ```
 */
export function trainModel(records: readonly SourceRecord[], config: IdentityConfigInput = {}): TrainedModel {
  const resolved = resolveConfig(config);
  const valid = parseSourceRecords(records, 'trainModel');
  const refs = valid.map(recordRef);
  const order = valid.map((_, i) => i).sort((x, y) => (refs[x]! < refs[y]! ? -1 : refs[x]! > refs[y]! ? 1 : 0));
  const canonical = order.map((i) => valid[i]!);
  const matcher = prepareMatcher(canonical, resolved, () => {});
  const { model } = matcher;
  const frequencies: Record<string, TrainedFrequencies> = {};
  matcher.data.attributes.forEach((name, a) => {
    const column = matcher.data.columns[a]!;
    const counts = new Map<string, number>();
    let present = 0;
    for (const v of column) {
      if (v === null || v === undefined) continue;
      present++;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const repeated: Record<string, number> = {};
    for (const [v, c] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : 1))) if (c > 1) repeated[v] = c;
    frequencies[name] = { agreement: matcher.frequencies[a]!.agreement, present, counts: repeated };
  });
  return {
    version: 1,
    attributes: [...model.attributes],
    m: model.m.map((row) => [...row]),
    u: model.u.map((row) => [...row]),
    matchRate: model.matchRate,
    frequencies,
    trainedOn: { records: canonical.length, em: model.estimated.em, iterations: model.estimated.iterations },
  };
}

/** The weights and term-frequency adjustments of a frozen model, ready for scoring. */
export interface FrozenModel {
  model: MatchModel;
  /** Adjustment (bits) of an exact agreement on `value` of attribute `a`. */
  adjustment(a: number, value: string): number;
}

/**
 * Validates a trained model against a configuration and prepares it; without one, the configured
 * (or default) priors and {@link UNTRAINED_MATCH_RATE}, without term-frequency adjustments.
 */
export function freezeModel(config: IdentityConfig, trained?: TrainedModel): FrozenModel {
  const attributes = Object.keys(config.attributes);
  if (!trained) {
    const levelsOf = (given: Partial<Record<string, number>> | undefined, fallback: readonly number[]) =>
      (['exact', 'close', 'partial', 'far'] as const).map((l, k) => given?.[l] ?? fallback[k]!);
    const model = withWeights({
      attributes,
      m: attributes.map((a) => levelsOf(config.attributes[a]!.m, defaultPriors[config.attributes[a]!.kind].m)),
      u: attributes.map((a) => levelsOf(config.attributes[a]!.u, defaultPriors[config.attributes[a]!.kind].u)),
      matchRate: UNTRAINED_MATCH_RATE,
      estimated: { em: false, iterations: 0 },
    });
    return { model, adjustment: () => 0 };
  }
  const parsed = trainedModelSchema.safeParse(trained);
  if (!parsed.success) throw validationError('INVALID_CONFIG', 'Invalid trained model', parsed.error, { field: 'model' });
  if (parsed.data.attributes.join('\u0000') !== attributes.join('\u0000'))
    throw new IdentikitError(
      'INVALID_CONFIG',
      `Invalid trained model: it was trained on attributes [${parsed.data.attributes.join(', ')}], the configuration has [${attributes.join(', ')}]`,
      { field: 'model.attributes', expected: attributes, received: parsed.data.attributes },
    );
  const model = withWeights({
    attributes,
    m: trained.m,
    u: trained.u,
    matchRate: trained.matchRate,
    estimated: { em: trained.trainedOn.em, iterations: trained.trainedOn.iterations },
  });
  const tables = attributes.map((name) => {
    const f = trained.frequencies[name];
    if (!f || f.present === 0) return null;
    return { base: f.agreement * f.present, counts: new Map(Object.entries(f.counts)) };
  });
  return {
    model,
    // As the batch computes it (valueFrequencies), Float32-rounded like its adjustment arrays.
    adjustment(a, value) {
      const t = tables[a];
      if (!t) return 0;
      return Math.fround(Math.min(4, Math.max(-10, Math.log2(t.base / (t.counts.get(value) ?? 1)))));
    },
  };
}
