/**
 * The referential's events: what happened to records, profiles, reviews and human decisions. Each
 * is delivered to typed subscribers and appended to an ordered change log that another system can
 * read from a cursor (its sequence number), so the referential can feed every channel's system.
 * @module
 */
import type { RecordRef } from '../identity/explanation.js';

/** How an ingested record was resolved. */
export type IngestOutcome =
  /** A new profile was created for it. */
  | 'created'
  /** It joined an existing profile. */
  | 'attached'
  /** It bridged several profiles, which merged. */
  | 'merged'
  /** It has a profile of its own for now, with pairs waiting for a human. */
  | 'review'
  /** A new version of a record already there (its profile may have changed). */
  | 'updated'
  /** The same values as the record's current version: nothing changed. */
  | 'unchanged';

/** A record was ingested (new or a new version). */
export interface RecordIngestedEvent {
  type: 'record.ingested';
  record: RecordRef;
  /** 1 for the first version. */
  version: number;
  profileId: string;
  outcome: IngestOutcome;
}

/** A profile came into existence. */
export interface ProfileCreatedEvent {
  type: 'profile.created';
  profileId: string;
  records: RecordRef[];
}

/** A profile's records or golden values changed. */
export interface ProfileUpdatedEvent {
  type: 'profile.updated';
  profileId: string;
  /** Golden attributes whose chosen value changed, or (multi-valued ones) whose known values did: a new one, a changed spelling or status. */
  changed: string[];
  /** Records that joined or left the profile. */
  added: RecordRef[];
  removed: RecordRef[];
}

/** Profiles merged: `profileId` survives, the absorbed ids redirect to it from now on. */
export interface ProfileMergedEvent {
  type: 'profile.merged';
  profileId: string;
  /**
   * The absorbed profiles, each with the records it brought to the survivor (to split them out again
   * if needed): all it held, unless it also split in the same change (see `profile.split`).
   */
  absorbed: { profileId: string; records: RecordRef[] }[];
  /** `manual` when a human decision caused it. */
  cause: 'automatic' | 'manual';
}

/** A profile split: some of its records now form other profiles. */
export interface ProfileSplitEvent {
  type: 'profile.split';
  /** The profile split (it keeps the records around its anchor, if any remain). */
  profileId: string;
  /** The profiles its records went to (the profile itself included when it lives on). */
  into: string[];
  cause: 'automatic' | 'manual';
}

/** A pair of records waits for a human. */
export interface ReviewCreatedEvent {
  type: 'review.created';
  reviewId: string;
  left: RecordRef;
  right: RecordRef;
  probability: number;
}

/** A human decision was recorded (or revoked). */
export interface DecisionRecordedEvent {
  type: 'decision.recorded';
  decisionId: string;
  kind: DecisionKind;
}

/** Kinds of human decisions. */
export type DecisionKind = 'merge' | 'split' | 'separate' | 'accept' | 'reject' | 'revoke';

/** A value was flagged invalid (or cleared). */
export interface ValueFlaggedEvent {
  type: 'value.flagged';
  attribute: string;
  normalized: string;
  status: 'invalid' | 'valid';
  reason?: string;
}

/** Every event the referential emits. */
export type ReferentialEvent =
  | RecordIngestedEvent
  | ProfileCreatedEvent
  | ProfileUpdatedEvent
  | ProfileMergedEvent
  | ProfileSplitEvent
  | ReviewCreatedEvent
  | DecisionRecordedEvent
  | ValueFlaggedEvent;

/** Event type names. */
export type ReferentialEventType = ReferentialEvent['type'];

/** An entry of the change log: an event, its sequence number (the cursor) and its time. */
export type ChangeEntry = ReferentialEvent & {
  /** Strictly increasing from 1, without gaps. */
  seq: number;
  /** ISO 8601 time it was recorded. */
  at: string;
};

/** The event of one type, e.g. `EventOf<'profile.merged'>`. */
export type EventOf<T extends ReferentialEventType> = Extract<ChangeEntry, { type: T }>;

/** Typed subscriptions: `on('profile.merged', (e) => …)` or `on('*', …)`. */
export class EventHub {
  private readonly handlers = new Map<string, Set<(event: ChangeEntry) => void>>();
  constructor(private readonly onHandlerError: (error: unknown, event: ChangeEntry) => void) {}

  /** Subscribes; returns the function that unsubscribes. */
  on<T extends ReferentialEventType | '*'>(
    type: T,
    handler: (event: T extends ReferentialEventType ? EventOf<T> : ChangeEntry) => void,
  ): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    const h = handler as (event: ChangeEntry) => void;
    set.add(h);
    return () => set.delete(h);
  }

  /** Delivers events in order; a failing handler never stops the others. */
  emit(events: readonly ChangeEntry[]): void {
    if (this.handlers.size === 0) return;
    for (const event of events) {
      for (const type of [event.type, '*']) {
        for (const h of this.handlers.get(type) ?? []) {
          try {
            h(event);
          } catch (error) {
            this.onHandlerError(error, event);
          }
        }
      }
    }
  }
}
