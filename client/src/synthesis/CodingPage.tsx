/**
 * /projects/:pid/synthesis/code/:sourceId — line-by-line coding of one source, live: the text with
 * every coded span, the selection panel to apply codes, comments on passages, the list of this
 * source's coded spans, the codes panel, and who else is here (reading, or selecting — their
 * selection shows in the text). Other people's new comments and changes to the source's content
 * note are announced politely.
 */
import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { useProject } from '../projects/context';
import { Page } from '../ui/Page';
import { CodedList } from './CodedList';
import { CodesPanel } from './CodesPanel';
import { createCodingState } from './coding';
import { announceNewComments, sameJson, snippet, spanThreads } from './comments';
import { createAnnouncer, peerRange, setEditing, useMe, usePeers, useSynthesisLocation, useWs, type Peer } from './live';
import { useHideSensitive } from './prefs';
import { SelectionPanel } from './SelectionPanel';
import { SPAN_COMMENT_BOX, SpanComments } from './SpanComments';
import { SourceText, type PeerSelection } from './SourceText';
import { SynthesisNav } from './SynthesisNav';
import { splitSentences, type Range } from './text';
import './synthesis.css';

/** The coding page (keyed on the source, so switching source rebuilds it). */
export function CodingPage() {
  const params = useParams<{ sourceId: string }>();
  return (
    <Show when={params.sourceId} keyed>
      {(sid) => <CodingSource sourceId={sid} />}
    </Show>
  );
}

function CodingSource(props: { sourceId: string }) {
  const { project, workspace } = useProject();
  const me = useMe();
  const pid = () => project().id;
  const sid = props.sourceId;
  useSynthesisLocation('synthesis-code', () => sid);
  // The text never changes, so only its presence is tracked; a source is read once it syncs.
  const source = useWs((d) => W.getSource(d, sid), null, (a, b) => a?.id === b?.id && a?.title === b?.title && a?.sensitive === b?.sensitive && a?.contentNote === b?.contentNote);
  const annotations = useWs((d) => W.annotationsOf(d, sid), []);
  const codes = useWs((d) => W.listCodes(d).sort((a, b) => a.name.localeCompare(b.name)), []);
  const codeById = createMemo(() => new Map(codes().map((c) => [c.id, c])));
  const peers = usePeers();
  const here = createMemo(() => peers().filter((p) => p.page === 'synthesis-code' && p.detail === sid));
  const [hide] = useHideSensitive(me().id);
  const [revealed, setRevealed] = createSignal(false);
  const announcer = createAnnouncer();

  return (
    <Page title={source()?.title ?? t('syn.code.title')} heading={<bdi>{source()?.title ?? t('syn.code.title')}</bdi>}>
      <SynthesisNav pid={pid()} />
      <p>
        <A href={`/projects/${encodeURIComponent(pid())}/synthesis/sources`}>{t('syn.code.back')}</A>
      </p>
      <div class="visually-hidden" aria-live="polite" data-testid="announcer">
        {announcer.message()}
      </div>
      <Show when={source()} fallback={<p class="panel">{workspace()?.synced() ? t('syn.code.missing') : t('app.loading')}</p>}>
        {(src) => {
          const text = src().text;
          const state = createCodingState(text, splitSentences(text));
          let panelHeading: HTMLHeadingElement | undefined;
          let firstControl: () => HTMLElement | undefined = () => undefined;
          const pane = () => document.getElementById('coding-text')?.querySelector<HTMLElement>('[role=listbox]');
          const focusText = () => pane()?.focus();
          // Others see what this person selects, as it changes.
          createEffect(() => {
            const r = me().canEdit ? state.selection() : null;
            setEditing(workspace(), { target: 'source', id: sid, ...(r ? { range: { start: r.start, end: r.end } } : {}) });
          });
          const peerSelections = createMemo<PeerSelection[]>(() =>
            here().flatMap((p) => {
              const r = peerRange(p, sid, text.length);
              return r ? [{ ...r, name: p.name, color: p.color }] : [];
            }),
          );
          // Text already on screen stays there if someone marks the source sensitive later: the
          // reader has met it already, so they are told and may hide it, rather than have it vanish.
          if (!src().sensitive) setRevealed(true);
          const folded = () => src().sensitive && hide() && !revealed();
          createEffect(
            on(
              () => [src().sensitive, src().contentNote] as const,
              ([sensitive, note], before) => {
                if (sensitive) announcer.say(t('syn.code.nowSensitive', { note: note || t('syn.quote.noNote') }));
                else if (before?.[0]) announcer.say(t('syn.code.noLongerSensitive'));
              },
              { defer: true },
            ),
          );

          // Comments on passages: the box opens on a chosen passage; "Show in the text" selects one.
          const threads = useWs((d) => spanThreads(d, sid, text), [], sameJson);
          const [commentOn, setCommentOn] = createSignal<Range | null>(null);
          let cameFrom: Element | null = null;
          const startComment = (r: Range | null) => {
            if (!r) return;
            cameFrom = document.activeElement;
            setCommentOn({ start: r.start, end: r.end });
            queueMicrotask(() => document.getElementById(SPAN_COMMENT_BOX)?.focus());
          };
          const jump = (r: Range) => {
            state.select(r);
            focusText();
            pane()?.querySelector(`#sent-${state.active()}`)?.scrollIntoView({ block: 'center' });
          };
          const openEndingIn = (from: number, to: number) =>
            threads().reduce((n, x) => n + (x.quote !== null && x.end > from && x.end <= to ? x.conversations.filter((c) => !c.root.resolved).length : 0), 0);
          const commentsOn = (r: Range) => threads().find((x) => x.start === r.start && x.end === r.end)?.conversations.length ?? 0;
          announceNewComments(
            () => me().id,
            announcer.say,
            (c) => {
              const tg = c.target;
              if (tg?.kind === 'code') return codeById().has(tg.codeId) ? t('syn.comments.onCode', { name: codeById().get(tg.codeId)!.name }) : null;
              if (tg?.kind !== 'span' || tg.sourceId !== sid) return null;
              const quote = text.slice(tg.start, tg.end);
              // Never read out text the person chose not to see.
              return folded() || !quote ? t('syn.comments.onPassage') : t('syn.comments.onSpan', { quote: snippet(quote, 60) });
            },
          );

          return (
            <div class="syn-coding">
              <div class="syn-coding-main">
                <HereNow peers={here()} text={text} sid={sid} />
                <Show when={src().sensitive}>
                  <p class="syn-note" data-testid="content-note">
                    <span class="syn-badge">{t('syn.sensitive.badge')}</span> <bdi>{src().contentNote}</bdi>
                    <Show when={hide() && revealed()}>
                      {' '}
                      <button type="button" class="link-button" onClick={() => (setRevealed(false), queueMicrotask(() => document.getElementById('show-text')?.focus()))}>
                        {t('syn.code.hideText')}
                      </button>
                    </Show>
                  </p>
                </Show>
                <section id="coding-text" aria-labelledby="text-h" class="syn-text-wrap">
                  <h2 id="text-h">{t('syn.code.text')}</h2>
                  <Show
                    when={!folded()}
                    fallback={
                      <div class="panel">
                        <p>{t('syn.code.folded')}</p>
                        <button type="button" class="btn" id="show-text" onClick={() => (setRevealed(true), queueMicrotask(focusText))}>
                          {t('syn.code.showText')}
                        </button>
                      </div>
                    }
                  >
                    <p id="coding-keys" class="hint">
                      {me().canEdit ? t('syn.code.keys') : t('syn.code.keysRead')}
                    </p>
                    <SourceText
                      state={state}
                      annotations={annotations()}
                      codeName={(id) => codeById().get(id)?.name ?? '?'}
                      codeColour={(id) => codeById().get(id)?.colour ?? '#4a5260'}
                      peers={peerSelections()}
                      labelledBy="text-h"
                      onCode={() => (firstControl() ?? panelHeading)?.focus()}
                      commentsEndingIn={openEndingIn}
                    />
                  </Show>
                </section>
              </div>
              <div class="syn-coding-side">
                <Show when={me().canEdit && !folded()}>
                  <SelectionPanel
                    state={state}
                    sourceId={sid}
                    codes={codes()}
                    annotations={annotations()}
                    me={me()}
                    say={announcer.say}
                    afterApply={focusText}
                    headingRef={(el) => (panelHeading = el)}
                    firstControl={(fn) => (firstControl = fn)}
                    onComment={() => startComment(state.selection())}
                  />
                </Show>
                <SpanComments
                  sourceId={sid}
                  text={text}
                  threads={threads()}
                  me={me()}
                  say={announcer.say}
                  folded={folded()}
                  pending={commentOn()}
                  onClose={() => {
                    setCommentOn(null);
                    // Cancelled: back to the button that opened the box (or the text, if it went).
                    queueMicrotask(() => ((cameFrom instanceof HTMLElement && cameFrom.isConnected ? cameFrom : pane()) ?? undefined)?.focus());
                  }}
                  onPosted={(r) => {
                    setCommentOn(null);
                    // Done with that passage: clear it, so others stop seeing it as being selected.
                    const s = state.selection();
                    if (s?.start === r.start && s.end === r.end) state.select(null);
                  }}
                  onJump={jump}
                />
                <CodedList
                  annotations={annotations()}
                  text={text}
                  codeName={(id) => codeById().get(id)?.name ?? '?'}
                  canEdit={me().canEdit}
                  folded={folded()}
                  comments={commentsOn}
                  onSelect={(a) => {
                    state.select(a);
                    (firstControl() ?? panelHeading)?.focus();
                  }}
                  onComment={startComment}
                  say={announcer.say}
                />
                <CodesPanel codes={codes()} me={me()} say={announcer.say} />
              </div>
            </div>
          );
        }}
      </Show>
    </Page>
  );
}

/** Who else has this source open, and what they are selecting. */
function HereNow(props: { peers: Peer[]; text: string; sid: string }) {
  const quote = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);
  return (
    <section aria-labelledby="here-h" class="syn-here" data-testid="here-now">
      <h2 id="here-h" class="visually-hidden">{t('syn.code.here')}</h2>
      <Show when={props.peers.length} fallback={<p class="meta">{t('syn.code.aloneHere')}</p>}>
        <ul class="plain-list">
          <For each={props.peers}>
            {(p) => {
              const r = () => peerRange(p, props.sid, props.text.length);
              return (
                <li>
                  <span class="presence-dot syn-dot" aria-hidden="true" style={{ 'background-color': p.color }} />{' '}
                  {r() ? t('syn.code.peerSelectingQuote', { name: p.name, quote: quote(props.text.slice(r()!.start, r()!.end)) }) : t('syn.code.peerReading', { name: p.name })}
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}
