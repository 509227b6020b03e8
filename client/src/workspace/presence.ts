/**
 * Presence: turns raw awareness states into the list of people in the project right now.
 * Pure, so it can be tested without a browser.
 */
import type { AwarenessState } from '../../../shared/api';

/** One person present, however many tabs or devices they have open. */
export interface PresentPerson {
  id: string;
  name: string;
  color: string;
  isSelf: boolean;
  /** The pages they are on (one per open tab, deduplicated). */
  pages: string[];
}

/**
 * People present, self first, then by name. The server writes `user` into every state it relays,
 * so our own local state may lack it: the state under `selfClientId`, and any other state of the
 * same user (another tab), count as "you".
 */
export function presentPeople(
  states: Map<number, AwarenessState>,
  selfClientId: number,
  self: { id: string; name: string },
  collator: Intl.Collator = new Intl.Collator(),
): PresentPerson[] {
  const byId = new Map<string, PresentPerson>();
  byId.set(self.id, { id: self.id, name: self.name, color: '', isSelf: true, pages: [] });
  for (const [clientId, state] of states) {
    const user = clientId === selfClientId ? (state?.user ?? { id: self.id, name: self.name, color: '' }) : state?.user;
    if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') continue;
    let person = byId.get(user.id);
    if (!person) {
      person = { id: user.id, name: user.name, color: safeColor(user.color), isSelf: false, pages: [] };
      byId.set(user.id, person);
    }
    if (!person.color) person.color = safeColor(user.color);
    const page = state?.location?.page;
    if (typeof page === 'string' && !person.pages.includes(page)) person.pages.push(page);
  }
  return [...byId.values()].sort((a, b) => (a.isSelf !== b.isSelf ? (a.isSelf ? -1 : 1) : collator.compare(a.name, b.name)));
}

/** Only plain hex colours reach the style attribute, whatever a state claims. */
function safeColor(color: unknown): string {
  return typeof color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : '';
}

/** Who appeared and who went between two presence lists (for screen-reader announcements). */
export function presenceChanges(before: PresentPerson[], after: PresentPerson[]): { joined: PresentPerson[]; left: PresentPerson[] } {
  const had = new Set(before.map((p) => p.id));
  const has = new Set(after.map((p) => p.id));
  return {
    joined: after.filter((p) => !had.has(p.id) && !p.isSelf),
    left: before.filter((p) => !has.has(p.id) && !p.isSelf),
  };
}

/**
 * Turns presence changes into news of people joining or leaving the project. Moving between pages
 * can drop someone's state for a moment (their page lets go of the document, the next one picks it
 * up), so a departure is only told after `graceMs`, and a return within it is neither.
 */
export class PresenceNews {
  private away = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private say: (news: { joined: PresentPerson[]; left: PresentPerson[] }) => void,
    private isPresent: (id: string) => boolean,
    private graceMs = 5000,
  ) {}

  /** Takes one change; `announce` false while the list is only catching up (just connected). */
  change(changes: { joined: PresentPerson[]; left: PresentPerson[] }, announce: boolean): void {
    const joined = changes.joined.filter((p) => {
      const pending = this.away.get(p.id);
      if (pending === undefined) return true;
      clearTimeout(pending);
      this.away.delete(p.id);
      return false;
    });
    for (const p of changes.left) {
      clearTimeout(this.away.get(p.id));
      if (!announce) continue;
      this.away.set(p.id, setTimeout(() => {
        this.away.delete(p.id);
        if (!this.isPresent(p.id)) this.say({ joined: [], left: [p] });
      }, this.graceMs));
    }
    if (announce && joined.length) this.say({ joined, left: [] });
  }

  dispose(): void {
    for (const timer of this.away.values()) clearTimeout(timer);
    this.away.clear();
  }
}
