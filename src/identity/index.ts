/**
 * identikit/identity: normalize what people type, find and score candidate pairs with an
 * explainable Fellegi–Sunter model, and cluster records into profiles.
 *
 * Start with {@link dedupe}; configure with {@link IdentityConfigInput}; normalizers are usable on
 * their own (`normalizePhone`, `normalizeName`…).
 * @module
 */
export { dedupe } from './dedupe.js';
export { IdentikitError, isIdentikitError } from '../errors.js';
export type { IdentikitErrorCode, ValidationIssue } from '../errors.js';
export type { Assignment, DedupeOptions, DedupeProgress, DedupeResult, DedupeStats } from './dedupe.js';
export {
  attributeConfigSchema,
  attributeKinds,
  blockingKeySchema,
  comparisonLevels,
  defaultAttributes,
  defaultBlockingKeys,
  defaultVetoes,
  identityConfigSchema,
  resolveConfig,
  ruleSchema,
  vetoSchema,
} from './config.js';
export type {
  AttributeConfig,
  AttributeKind,
  BlockingKey,
  ComparisonLevel,
  IdentityConfig,
  IdentityConfigInput,
  Rule,
  Veto,
} from './config.js';
export type { Decision, FieldComparison, PairExplanation, RecordRef } from './explanation.js';
export { parseSourceRecord, recordRef, sourceRecordSchema } from './record.js';
export type { AttributeValue, SourceRecord } from './record.js';
export { normalizerFor } from './normalizers.js';
export type { AttributeNormalizer } from './normalizers.js';
export { profileIdOf } from './profile-id.js';
export { trainModel, trainedModelSchema, UNTRAINED_MATCH_RATE } from './train.js';
export type { TrainedFrequencies, TrainedModel } from './train.js';
export type { HumanVerdict } from './graph.js';
export { jaroWinkler, tokenSimilarity, withinOneEdit } from './similarity.js';
export * from './normalize/index.js';
