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
  /** Discriminant of {@link ReferentialEvent}. */
  type: 'record.ingested';
  /** The record's source and key. */
  record: RecordRef;
  /** 1 for the first version. */
  version: number;
  /** The profile holding the record after the ingestion. */
  profileId: string;
  /**
   * How the record was resolved (in `ingestMany`, relative to the profiles before the call); never
   * `unchanged`: a record sent again with nothing new emits no event.
   */
  outcome: IngestOutcome;
}

/** A profile came into existence. */
export interface ProfileCreatedEvent {
  /** Discriminant of {@link ReferentialEvent}. */
  type: 'profile.created';
  /** The new profile's id. */
  profileId: string;
  /** Every record it holds when created. */
  records: RecordRef[];
}

/** A profile's records or golden values changed. */
export interface ProfileUpdatedEvent {
  /** Discriminant of {@link ReferentialEvent}. */
  type: 'profile.updated';
  /** The profile's id. */
  profileId: string;
  /** Golden attributes whose chosen value changed, or (multi-valued ones) whose known values did: a new one, a changed spelling or status. */
  changed: string[];
  /** Records that joined the profile. */
  added: RecordRef[];
  /** Records that left the profile. */
  removed: RecordRef[];
}

/** Profiles merged: `profileId` survives, the absorbed ids redirect to it from now on. */
export interface ProfileMergedEvent {
  /** Discriminant of {@link ReferentialEvent}. */
  type: 'profile.merged';
  /** The surviving profile's id. */
  profileId: string;
  /**
   * The absorbed profiles, each with the records it brought to the survivor (to split them out again
   * if needed): all it held, unless it also split in the same change (see `profile.split`).
   */
  absorbed: {
    /** The absorbed profile's id, which resolves to the survivor from now on. */
    profileId: string;
    /** The records it brought to the survivor. */
    records: RecordRef[];
  }[];
  /** `manual` when a human decision caused it. */
  cause: 'automatic' | 'manual';
}

/** A profile split: some of its records now form other profiles. */
export interface ProfileSplitEvent {
  /** Discriminant of {@link ReferentialEvent}. */
  type: 'profile.split';
  /** The profile split (it keeps the records around its anchor, if any remain). */
  profileId: string;
  /** The profiles its records went to (the profile itself included when it lives on). */
  into: string[];
  /** `manual` when a human decision caused it. */
  cause: 'automatic' | 'manual';
}

/** A pair of records waits for a human. */
export interface ReviewCreatedEvent {
  /** Discriminant of {@link ReferentialEvent}. */
  type: 'review.created';
  /** The review's id, stable for the pair: the `id` that `reviews()` lists and `accept` or `reject` take. */
  reviewId: string;
  /** The record of the pair whose `recordRef` sorts first. */
  left: RecordRef;
  /** The other record of the pair. */
  right: RecordRef;
  /** Posterior match probability (0–1) of the pair's weight, before rules and vetoes. */
  probability: number;
}

/** A human decision was recorded (or revoked). */
export interface DecisionRecordedEvent {
  /** Discriminant of {@link ReferentialEvent}. */
  type: 'decision.recorded';
  /** The decision's id (a ULID): the `decisionId` the operation returned, which `revoke` takes. */
  decisionId: string;
  /** What was decided; `revoke` for a revocation. */
  kind: DecisionKind;
}

/** Kinds of human decisions. */
export type DecisionKind = 'merge' | 'split' | 'separate' | 'accept' | 'reject' | 'revoke';

/** A value was flagged invalid (or cleared). */
export interface ValueFlaggedEvent {
  /** Discriminant of {@link ReferentialEvent}. */
  type: 'value.flagged';
  /** The attribute's name in the configuration. */
  attribute: string;
  /** The value's normalized form: the flag concerns every record whose value normalizes to it. */
  normalized: string;
  /** `invalid` from `flagValue`, `valid` again from `clearFlag`. */
  status: 'invalid' | 'valid';
  /** Why the value is invalid (`NPAI`, `bounced`…); present only when `status` is `invalid`. */
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

/**
 * An entry of the change log: an event, its sequence number (the cursor) and its time.
 *
 * The events of one operation are logged together, in one commit, in this order: what the
 * operation was (`record.ingested` for each record, in input order; `decision.recorded`;
 * `value.flagged`), then what it did to profiles (`profile.split`, then `profile.created`,
 * `profile.merged` and `profile.updated`), then `review.created`. A `record.ingested` names its
 * profile as the operation leaves it, which the profile events after it introduce: a consumer that
 * reads the log a few entries at a time may see the record before its profile.
 */
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
  /** Per type, one entry per subscription (the same function subscribed twice is called twice). */
  private readonly handlers = new Map<string, { handler: (event: ChangeEntry) => unknown; active: boolean }[]>();
  constructor(private readonly onHandlerError: (error: unknown, event: ChangeEntry) => void) {}

  /** Subscribes; returns the function that ends this subscription (and only this one). */
  on<T extends ReferentialEventType | '*'>(
    type: T,
    handler: (event: T extends ReferentialEventType ? EventOf<T> : ChangeEntry) => unknown,
  ): () => void {
    let list = this.handlers.get(type);
    if (!list) this.handlers.set(type, (list = []));
    const entry = { handler: handler as (event: ChangeEntry) => unknown, active: true };
    list.push(entry);
    return () => {
      entry.active = false;
      const at = list.indexOf(entry);
      if (at >= 0) list.splice(at, 1);
    };
  }

  /**
   * Delivers events in order. A handler that throws, or returns a promise that rejects, is reported
   * to `onHandlerError` and never stops the others nor the operation (the change is stored already);
   * a reporter that throws itself is ignored.
   */
  emit(events: readonly ChangeEntry[]): void {
    if (this.handlers.size === 0) return;
    for (const event of events) {
      // The subscriptions as they stand when the event starts: a handler unsubscribed by an earlier
      // one is not called; one subscribed now waits for the next event.
      const entries = [...(this.handlers.get(event.type) ?? []), ...(this.handlers.get('*') ?? [])];
      for (const entry of entries) {
        if (!entry.active) continue;
        try {
          const result = entry.handler(event);
          if (isThenable(result)) result.then(undefined, (error: unknown) => this.report(error, event));
        } catch (error) {
          this.report(error, event);
        }
      }
    }
  }

  private report(error: unknown, event: ChangeEntry): void {
    try {
      this.onHandlerError(error, event);
    } catch {
      // The reporter failed too: nothing else can be told, and the operation stands.
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
