/**
 * /projects/:pid/synthesis/code/:sourceId — line-by-line coding of one source, live: the text with
 * every coded span, the selection panel to apply codes, the list of this source's coded spans, the
 * codes panel, and who else is here (reading, or selecting — their selection shows in the text).
 */
import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { useProject } from '../projects/context';
import { Page } from '../ui/Page';
import { CodedList } from './CodedList';
import { CodesPanel } from './CodesPanel';
import { createCodingState } from './coding';
import { createAnnouncer, peerRange, setEditing, useMe, usePeers, useSynthesisLocation, useWs, type Peer } from './live';
import { useHideSensitive } from './prefs';
import { SelectionPanel } from './SelectionPanel';
import { SourceText, type PeerSelection } from './SourceText';
import { SynthesisNav } from './SynthesisNav';
import { splitSentences } from './text';
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
          const focusText = () => document.getElementById('coding-text')?.querySelector<HTMLElement>('[role=listbox]')?.focus();
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
          const folded = () => src().sensitive && hide() && !revealed();
          return (
            <div class="syn-coding">
              <div class="syn-coding-main">
                <HereNow peers={here()} text={text} sid={sid} />
                <Show when={src().sensitive}>
                  <p class="syn-note">
                    <span class="syn-badge">{t('syn.sensitive.badge')}</span> <bdi>{src().contentNote}</bdi>
                  </p>
                </Show>
                <section id="coding-text" aria-labelledby="text-h" class="syn-text-wrap">
                  <h2 id="text-h">{t('syn.code.text')}</h2>
                  <Show
                    when={!folded()}
                    fallback={
                      <div class="panel">
                        <p>{t('syn.code.folded')}</p>
                        <button type="button" class="btn" onClick={() => setRevealed(true)}>
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
                    />
                  </Show>
                </section>
              </div>
              <div class="syn-coding-side">
                <Show when={me().canEdit}>
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
                  />
                </Show>
                <CodedList
                  annotations={annotations()}
                  text={text}
                  codeName={(id) => codeById().get(id)?.name ?? '?'}
                  canEdit={me().canEdit}
                  onSelect={(a) => {
                    state.select(a);
                    (firstControl() ?? panelHeading)?.focus();
                  }}
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
