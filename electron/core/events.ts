import type { EventName, Events } from '../../shared/contract';

/** Receives every event the core announces (transports forward them to pages). */
export type EventSink = <E extends EventName>(event: E, payload: Events[E]) => void;
