/**
 * What one finished import did: counts, a warning when the very same file was imported before
 * (and what that means for PRISMA), and its problems — the first few listed, all of them behind a
 * disclosure for moderate counts, and always as a CSV download.
 */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { ParseProblem } from '../../../shared/records';
import { formatDate, formatNumber, t } from '../i18n';
import { formatName } from './FileCard';
import { problemsCsvUrl, type ImportSummary } from './upload';

const FIRST_PROBLEMS = 20;
// Beyond this many, a list on the page helps no one: the CSV is the way to read them.
const MAX_LISTED = 2000;

/** One problem, with its line where one line is to blame. */
export function ProblemItem(props: { problem: ParseProblem }) {
  return (
    <li>
      <Show when={props.problem.line > 0}>{t('imports.problemLine', { line: props.problem.line })} </Show>
      <bdi>{props.problem.message}</bdi>
    </li>
  );
}

/** The summary of a finished import. */
export function ImportResult(props: { pid: string; result: ImportSummary }) {
  const r = () => props.result;
  const count = () => r().errors.length;
  return (
    <div data-testid="import-summary">
      <p class="status-message">{t('imports.done', { source: r().source, format: formatName(r().format) })}</p>
      <Show when={r().repeatOf}>
        {(rep) => (
          <div class="form-alert" data-testid="import-repeat">
            <p>{t('imports.repeat.after', { date: formatDate(rep().at), name: rep().by, source: rep().source })}</p>
            <p>{t('imports.repeat.afterHint', { count: r().parsed, dups: r().duplicates })}</p>
          </div>
        )}
      </Show>
      <dl class="summary-list">
        <div><dt>{t('imports.parsed')}</dt><dd>{formatNumber(r().parsed)}</dd></div>
        <div><dt>{t('imports.added')}</dt><dd>{formatNumber(r().added)}</dd></div>
        <div><dt>{t('imports.duplicates')}</dt><dd>{formatNumber(r().duplicates)}</dd></div>
        <div><dt>{t('imports.problems')}</dt><dd>{formatNumber(count())}</dd></div>
      </dl>
      <Show when={count()}>
        <h4>{t('imports.problemsTitle')}</h4>
        <p class="hint">{t('imports.problemsHint', { count: count() })}</p>
        <ul class="plain-list">
          <For each={r().errors.slice(0, FIRST_PROBLEMS)}>{(p) => <ProblemItem problem={p} />}</For>
        </ul>
        <Show when={count() > FIRST_PROBLEMS}>
          <Show when={count() <= MAX_LISTED} fallback={<p class="meta">{t('imports.moreProblems', { count: count() - FIRST_PROBLEMS })}</p>}>
            <details>
              <summary>{t('imports.showMoreProblems', { count: count() - FIRST_PROBLEMS })}</summary>
              <ul class="plain-list">
                <For each={r().errors.slice(FIRST_PROBLEMS)}>{(p) => <ProblemItem problem={p} />}</For>
              </ul>
            </details>
          </Show>
        </Show>
        <p>
          <a href={problemsCsvUrl(props.pid, r().importId)} download="">{t('imports.downloadProblems', { count: count() })}</a>
        </p>
      </Show>
      <p>
        <A href={`/projects/${encodeURIComponent(props.pid)}/records?import=${encodeURIComponent(r().importId)}`}>{t('imports.seeRecords')}</A>
      </p>
    </div>
  );
}
