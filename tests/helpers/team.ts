/** The review team most conflict and history tests need, built through the real sign-up and invitation routes. */
import { projectWith, signUp } from './http';
import { seedRecords } from './records';
import type { TestServer } from './server';

type User = Awaited<ReturnType<typeof signUp>>;

export interface ReviewTeam {
  /** the project's lead (who also imported the records) */
  lead: User;
  /** Alice and Bob: the two reviewers */
  a: User;
  b: User;
  /** Cora: a co-researcher (votes, does not screen) */
  co: User;
  /** Otto: an observer */
  obs: User;
  pid: string;
  /** the seeded records' ids, in order */
  ids: string[];
}

/** Lead, two reviewers, a co-researcher and an observer in one new project with `records` seeded records. */
export async function reviewTeam(server: TestServer, records: number): Promise<ReviewTeam> {
  const lead = await signUp(server.url, 'Lead');
  const a = await signUp(server.url, 'Alice');
  const b = await signUp(server.url, 'Bob');
  const co = await signUp(server.url, 'Cora');
  const obs = await signUp(server.url, 'Otto');
  const pid = await projectWith(lead, [
    { client: a, role: 'reviewer' },
    { client: b, role: 'reviewer' },
    { client: co, role: 'co_researcher' },
    { client: obs, role: 'observer' },
  ]);
  const ids = seedRecords(server.db, pid, lead.user.id, records);
  return { lead, a, b, co, obs, pid, ids };
}
