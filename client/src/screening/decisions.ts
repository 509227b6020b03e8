/**
 * The reviewer's own decisions at one stage, read from and written to their private document
 * (`p/<pid>/u/<uid>`, map `decisions:<stage>`), plus the server's refusals (map `rejected`).
 * Writing to the document is all it takes: y-indexeddb keeps it on this device and y-websocket
 * sends it to the server, now or when the connection returns.
 */
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { Stage } from '../../../shared/api';
import { decisionsMapName, DECISIONS, type DecisionValue, type RejectedEntry } from '../../../shared/screening';
import type { SyncHandle } from '../sync/docs';

/** Reactive access to one stage's decisions in the private document. */
export interface DecisionStore {
  /** This person's decision on a record (reactive). */
  get(recordId: string): DecisionValue | undefined;
  /** Whether this person decided a record (reactive; cheaper than `get` for counting). */
  has(recordId: string): boolean;
  /** Changes whenever any decision changes (for counts and lists). */
  version: Accessor<number>;
  /** Writes (or, with null, withdraws) a decision. */
  set(recordId: string, value: DecisionValue | null): void;
  /** Refusals the server wrote for this stage, by record id (reactive). */
  rejected: Accessor<ReadonlyMap<string, RejectedEntry>>;
}

/** Accepts only well-formed values, whatever another device or an old client wrote. */
function asDecision(v: unknown): DecisionValue | undefined {
  const d = v as DecisionValue | null;
  if (!d || typeof d !== 'object' || !DECISIONS.includes(d.decision)) return undefined;
  return { decision: d.decision, reasons: Array.isArray(d.reasons) ? d.reasons.filter((r) => typeof r === 'string') : [], note: typeof d.note === 'string' ? d.note : '', at: String(d.at ?? '') };
}

/** Binds to `handle`'s document; re-binds if the document is ever replaced. */
export function createDecisionStore(handle: SyncHandle, stage: Stage): DecisionStore {
  const mapName = decisionsMapName(stage);
  const prefix = `${mapName}:`;
  const [version, setVersion] = createSignal(0);
  const [rejected, setRejected] = createSignal<ReadonlyMap<string, RejectedEntry>>(new Map());
  let map: Y.Map<unknown> = handle.doc.getMap(mapName);

  createEffect(
    on(handle.generation, () => {
      const doc = handle.doc;
      map = doc.getMap(mapName);
      const rej = doc.getMap<RejectedEntry>('rejected');
      const onDecisions = () => setVersion((v) => v + 1);
      const onRejected = () => {
        const next = new Map<string, RejectedEntry>();
        for (const [k, v] of rej) if (k.startsWith(prefix) && v && typeof v.message === 'string') next.set(k.slice(prefix.length), v);
        setRejected(next);
      };
      map.observe(onDecisions);
      rej.observe(onRejected);
      onDecisions();
      onRejected();
      onCleanup(() => {
        map.unobserve(onDecisions);
        rej.unobserve(onRejected);
      });
    }),
  );

  return {
    get(recordId) {
      version();
      return asDecision(map.get(recordId));
    },
    has(recordId) {
      version();
      return DECISIONS.includes((map.get(recordId) as DecisionValue | undefined)?.decision as DecisionValue['decision']);
    },
    version,
    set(recordId, value) {
      handle.doc.transact(() => (value ? map.set(recordId, value) : map.delete(recordId)));
    },
    rejected,
  };
}
