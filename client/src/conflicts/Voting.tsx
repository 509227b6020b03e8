/**
 * Votes on one disputed record: the live tally from the board, and this user's own vote, written
 * only into their private document (`votes`, key `<stage>:<recordId>`). Refusals the server wrote
 * into the document's `rejected` map are shown beside the form.
 */
import { createSignal, For, Show } from 'solid-js';
import type { ConflictItem, RejectedEntry, VoteValue } from '../../../shared/screening';
import { canVote } from '../../../shared/roles';
import { t, type MessageKey } from '../i18n';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { RadioGroup, TextArea } from '../ui/fields';
import { fromY, idPart, useConflicts } from './live';

/** The translation key of a decision or vote word. */
export const decisionWord = (d: string): MessageKey => `conflicts.decision.${d === 'exclude' ? 'exclude' : d === 'maybe' ? 'maybe' : 'include'}`;

/** Tally and vote form for one record. */
export function Voting(props: { item: ConflictItem }) {
  const ctx = useConflicts();
  const key = () => `${ctx.stage}:${props.item.recordId}`;
  const base = `vote-${idPart(props.item.recordId)}`;
  const votes = ctx.mine.doc.getMap<VoteValue>('votes');
  const rejected = ctx.mine.doc.getMap<RejectedEntry>('rejected');
  const myVote = fromY(votes, () => votes.get(key()));
  const refusal = fromY(rejected, () => rejected.get(`votes:${key()}`));
  const [choice, setChoice] = createSignal<string>(myVote()?.vote ?? '');
  const [comment, setComment] = createSignal(myVote()?.comment ?? '');
  const [error, setError] = createSignal<string>();
  const [saved, setSaved] = createSignal<string>();

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    setSaved(undefined);
    if (choice() !== 'include' && choice() !== 'exclude') { setError(t('conflicts.vote.choose')); return; }
    setError(undefined);
    votes.set(key(), { vote: choice() as 'include' | 'exclude', comment: comment().trim(), at: new Date().toISOString() });
    setSaved(t('conflicts.vote.saved', { vote: t(decisionWord(choice())) }));
  };
  const withdraw = () => {
    votes.delete(key());
    setChoice('');
    setComment('');
    setSaved(t('conflicts.vote.withdrawn'));
  };

  return (
    <section aria-labelledby={`${base}-h`} class="voting">
      <h3 id={`${base}-h`}>{t('conflicts.votes')}</h3>
      <p class="tally" data-testid="tally">
        {t('conflicts.tally.include', { count: props.item.votes.include })} · {t('conflicts.tally.exclude', { count: props.item.votes.exclude })}
      </p>
      <Show when={props.item.votes.voters.length}>
        <ul class="plain-list voters">
          <For each={props.item.votes.voters}>
            {(v) => (
              <li>
                {t('conflicts.voter', { name: v.name, vote: t(decisionWord(v.vote)) })}
                <Show when={v.comment}> — <bdi>{v.comment}</bdi></Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={canVote(ctx.role())}>
        <Show when={ctx.votingOpen()} fallback={<p class="meta">{t('conflicts.votingClosed')}</p>}>
          <form onSubmit={submit} class="stack" noValidate>
            <FormAlert message={error() ?? (refusal() ? t('conflicts.vote.refused', { reason: refusal()!.message }) : undefined)} />
            <Show when={myVote()}>{(v) => <p class="meta">{t('conflicts.vote.current', { vote: t(decisionWord(v().vote)) })}</p>}</Show>
            <RadioGroup id={`${base}-choice`} legend={t('conflicts.vote.legend')} value={choice()} onValue={setChoice}
              choices={[
                { value: 'include', label: t('conflicts.decision.include') },
                { value: 'exclude', label: t('conflicts.decision.exclude') },
              ]} />
            <TextArea id={`${base}-comment`} label={t('conflicts.vote.comment')} optional rows={2} value={comment()} onValue={setComment} maxLength={5000} />
            <StatusMessage message={saved()} />
            <div class="inline-form">
              <button type="submit" class="btn primary">{t('conflicts.vote.save')}</button>
              <Show when={myVote()}>
                <button type="button" class="btn" onClick={withdraw}>{t('conflicts.vote.withdraw')}</button>
              </Show>
            </div>
          </form>
        </Show>
      </Show>
    </section>
  );
}
