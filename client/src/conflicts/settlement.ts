/**
 * Settlements by vote in plain words. The server records them as one English sentence with
 * "quorum" and "majority" in it, which co-researchers should not have to decode; the numbers are
 * read back out of it, so the sentence says what the rule was when the votes settled the record.
 */
import { t } from '../i18n';
import { percent } from './ProtocolPanel';

const STORED = /^Settled by vote: (\d+) include, (\d+) exclude \(quorum (\d+), majority (\d+)%\)\.?$/;

/** The numbers in a stored settlement-by-vote reason, or null when it is not one. */
export function parseVoteSettlement(reason: string): { include: number; exclude: number; quorum: number; majority: number } | null {
  const m = STORED.exec(reason.trim());
  if (!m) return null;
  return { include: Number(m[1]), exclude: Number(m[2]), quorum: Number(m[3]), majority: Number(m[4]) / 100 };
}

/** "two-thirds", "three-quarters"…: the share of votes that must agree, as people say it. */
function shareInWords(majority: number): string {
  if (majority >= 0.995) return t('conflicts.share.all');
  if (Math.abs(majority - 0.75) < 0.006) return t('conflicts.share.threeQuarters');
  if (Math.abs(majority - 2 / 3) < 0.011) return t('conflicts.share.twoThirds');
  if (majority <= 0.5) return t('conflicts.share.half');
  return percent(majority);
}

/** A settlement by vote as a plain sentence; null when `reason` is not a stored settlement by vote. */
export function voteSettlementText(reason: string, decision: 'include' | 'exclude'): string | null {
  const v = parseVoteSettlement(reason);
  if (!v) return null;
  const rule = t('conflicts.settled.rule', { count: v.quorum, share: shareInWords(v.majority) });
  const params = { count: decision === 'include' ? v.include : v.exclude, total: v.include + v.exclude, rule };
  return t(decision === 'include' ? 'conflicts.settled.votedInclude' : 'conflicts.settled.votedExclude', params);
}
