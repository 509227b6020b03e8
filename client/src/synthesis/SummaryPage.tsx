/**
 * /projects/:pid/synthesis/summary — the lead's view of sense-checking: per theme, how many people
 * said it rings true, partly, not, or skipped; their comments with names; which feedback was given
 * on an earlier version of the theme, and which themes changed after feedback. Read live from the
 * board document (`senseCheck`, written by the server). Also the themes export (JSON, CSV, REFI-QDA).
 */
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { boardDocName } from '../../../shared/docnames';
import * as W from '../../../shared/workspace';
import { errorMessage } from '../api/errors';
import { formatDateTime, t } from '../i18n';
import { useProject } from '../projects/context';
import { downloadExport } from '../records/api';
import { openDoc } from '../sync/docs';
import { StatusMessage } from '../ui/alerts';
import { Page } from '../ui/Page';
import { EXPORT_FORMATS, themesExportUrl, type ExportFormat } from './api';
import { useMe, useSynthesisLocation, useWs } from './live';
import { RESONANCE_LABEL } from './SenseCheckCard';
import { SynthesisNav } from './SynthesisNav';
import './synthesis.css';
import './themes.css';

const FORMAT_LABEL: Record<ExportFormat, 'syn.export.json' | 'syn.export.csv' | 'syn.export.qdc'> = {
  json: 'syn.export.json',
  csv: 'syn.export.csv',
  qdc: 'syn.export.qdc',
};

/** The summary page. */
export function SummaryPage() {
  const { project } = useProject();
  const me = useMe();
  useSynthesisLocation('synthesis-summary');
  const pid = project().id;
  const board = openDoc(boardDocName(pid), { userId: me().id, persist: false });
  onCleanup(() => board.release());
  const [summaries, setSummaries] = createSignal<W.SenseCheckSummary[]>([]);
  createEffect(() => {
    // After a 4409 the handle holds a fresh document: observe that one.
    board.generation();
    const map = board.doc.getMap<W.SenseCheckSummary>(W.SENSE_CHECK_MAP);
    const read = () => setSummaries([...map.values()]);
    read();
    map.observe(read);
    onCleanup(() => map.unobserve(read));
  });
  // The tree's order when the workspace has it; themes it does not know yet go last.
  const order = useWs((d) => W.flattenThemes(W.themeTree(d)).map((x) => x.theme.id), [], (a, b) => a.join() === b.join());
  const sorted = createMemo(() => {
    const rank = new Map(order().map((id, i) => [id, i]));
    return [...summaries()].sort((a, b) => (rank.get(a.themeId) ?? 1e9) - (rank.get(b.themeId) ?? 1e9) || a.name.localeCompare(b.name));
  });
  const [status, setStatus] = createSignal('');
  const [failure, setFailure] = createSignal('');
  const download = async (format: ExportFormat) => {
    setFailure('');
    try {
      const name = await downloadExport(themesExportUrl(pid, format));
      setStatus(t('syn.export.done', { file: name }));
    } catch (err) {
      setStatus('');
      setFailure(errorMessage(err));
    }
  };

  return (
    <Page title={t('syn.summary.title')}>
      <SynthesisNav pid={pid} />
      <p>{t('syn.summary.intro')}</p>
      <Show when={sorted().length} fallback={<p class="panel">{board.synced() ? t('syn.summary.none') : t('app.loading')}</p>}>
        <ul class="card-list" data-testid="summary">
          <For each={sorted()}>
            {(s) => (
              <li class="card syn-summary" data-theme-id={s.themeId}>
                <h2 class="syn-summary-name">
                  <bdi>{s.name}</bdi> <span class="syn-kind">{s.kind === 'analytical' ? t('syn.theme.analytical') : t('syn.theme.descriptive')}</span>
                </h2>
                <Show when={s.changedAfterFeedback}>
                  <p class="syn-note" data-testid="changed">
                    <strong>{t('syn.summary.changed')}</strong> {t('syn.summary.changedHint', { count: s.onEarlierVersion })}
                  </p>
                </Show>
                <dl class="syn-counts" data-testid="counts">
                  <div><dt>{t('syn.check.resonates')}</dt><dd>{s.counts.resonates}</dd></div>
                  <div><dt>{t('syn.check.partly')}</dt><dd>{s.counts.partly}</dd></div>
                  <div><dt>{t('syn.check.not')}</dt><dd>{s.counts.not}</dd></div>
                  <div><dt>{t('syn.summary.skipped')}</dt><dd>{s.counts.skipped}</dd></div>
                </dl>
                <p class="meta">{t('syn.summary.versions', { current: s.onCurrentVersion, earlier: s.onEarlierVersion })}</p>
                <Show when={s.comments.length} fallback={<p class="meta">{t('syn.summary.noComments')}</p>}>
                  <h3>{t('syn.summary.comments')}</h3>
                  <ul class="syn-comments">
                    <For each={s.comments}>
                      {(c) => (
                        <li>
                          <p class="meta">
                            <bdi>{c.name}</bdi> · {c.skipped || !c.resonance ? t('syn.summary.skipped') : t(RESONANCE_LABEL[c.resonance])} · {formatDateTime(c.at)}
                            <Show when={!c.onCurrentVersion}>
                              {' · '}
                              <strong>{t('syn.summary.earlier')}</strong>
                            </Show>
                          </p>
                          <p class="prose">
                            <bdi>{c.comment}</bdi>
                          </p>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <section aria-labelledby="export-h" class="panel">
        <h2 id="export-h">{t('syn.export.title')}</h2>
        <p>{t('syn.export.intro')}</p>
        <div class="inline-form">
          <For each={EXPORT_FORMATS}>
            {(f) => (
              <a class="btn" href={themesExportUrl(pid, f)} onClick={(e) => (e.preventDefault(), void download(f))}>
                {t(FORMAT_LABEL[f])}
              </a>
            )}
          </For>
        </div>
        <div role="alert" class="alert-region">
          <Show when={failure()}>
            <p class="form-alert">{failure()}</p>
          </Show>
        </div>
        <StatusMessage message={status()} />
      </section>
    </Page>
  );
}
