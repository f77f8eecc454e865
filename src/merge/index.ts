/**
 * identikit/merge: the referential (real-time resolution, golden records, cross-references, stable
 * ids, human decisions, events and a change log) and the survivorship policies behind golden records.
 *
 * Start with {@link createReferential}.
 * @module
 */
export { createReferential } from './referential.js';
export { IdentikitError, isIdentikitError } from '../errors.js';
export type { IdentikitErrorCode, ValidationIssue } from '../errors.js';
export type {
  DecisionNote,
  DecisionResult,
  IngestOptions,
  IngestResult,
  Profile,
  ProfileOrRecord,
  Referential,
  ReferentialOptions,
  ReferentialStats,
  ResolveCandidate,
  ResolveQuery,
  ReviewItem,
} from './referential.js';
export { EventHub } from './events.js';
export type {
  ChangeEntry,
  DecisionKind,
  DecisionRecordedEvent,
  EventOf,
  IngestOutcome,
  ProfileCreatedEvent,
  ProfileMergedEvent,
  ProfileSplitEvent,
  ProfileUpdatedEvent,
  RecordIngestedEvent,
  ReferentialEvent,
  ReferentialEventType,
  ReviewCreatedEvent,
  ValueFlaggedEvent,
} from './events.js';
export { goldenRecord, goldenRecords, goldenValues } from './golden.js';
export type { GoldenOptions, GoldenRecord } from './golden.js';
export { attributePolicySchema, chooseValue, knownValues, survivorshipRules } from './survivorship.js';
export type {
  AttributePolicy,
  CustomPolicy,
  GoldenValue,
  KnownValue,
  Observation,
  Provenance,
  SurvivorshipRule,
} from './survivorship.js';
export { memoryStore } from '../adapters/memory.js';
export type {
  Commit,
  ReferentialStore,
  ScanOptions,
  StoreCapabilities,
  StoredDecision,
  StoredFlag,
  StoredPair,
  StoredRecordVersion,
} from '../adapters/store.js';
