/**
 * The Earlier imports table: each import's source, file, counts (read, new, duplicates), problems
 * (how many, with all of them as CSV) and when; for a lead, per import, "Rename source" and
 * "Remove this import". What a change did is announced in the page's status region (which
 * outlives the table when the last import goes), and focus moves to where the reader can go on:
 * the renamed row's button, or the table's heading after a removal.
 */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { formatDate, formatNumber, t } from '../i18n';
import { ScrollBox } from '../ui/ScrollBox';
import type { PastImport } from './adminApi';
import { formatName } from './FileCard';
import { RemoveImport, RenameSource } from './ImportActions';
import { problemsCsvUrl } from './upload';

/** The table, and a lead's controls when `lead`. `onChange` receives the list after a change and what to announce. */
export function PastImports(props: { pid: string; lead: boolean; imports: PastImport[]; onChange: (next: PastImport[], status: string) => void }) {
  const pid = () => props.pid;
  const renamed = (next: PastImport, before: string) => {
    const status = next.source === before ? t('imports.rename.same') : t('imports.rename.done', { before, after: next.source });
    props.onChange(props.imports.map((i) => (i.id === next.id ? next : i)), status);
    queueMicrotask(() => document.getElementById(`rename-${next.id}-button`)?.focus());
  };
  const removed = (records: number, item: PastImport) => {
    const rest = props.imports.filter((i) => i.id !== item.id);
    props.onChange(rest, t('imports.removal.done', { count: records, source: item.source }));
    // the row and its button are gone: continue from the table's heading, or the page's when none is left
    queueMicrotask(() => (document.getElementById('past-imports') ?? document.querySelector<HTMLElement>('h1'))?.focus());
  };
  return (
    <section aria-labelledby="past-imports">
      <h2 id="past-imports" tabindex="-1">{t('imports.past')}</h2>
      <ScrollBox>
        <table class="members past-imports">
          <caption class="visually-hidden">{t('imports.past')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.col.source')}</th>
              <th scope="col">{t('imports.col.file')}</th>
              <th scope="col">{t('imports.parsed')}</th>
              <th scope="col">{t('imports.added')}</th>
              <th scope="col">{t('imports.duplicates')}</th>
              <th scope="col">{t('imports.col.problems')}</th>
              <th scope="col">{t('imports.col.when')}</th>
              <Show when={props.lead}><th scope="col">{t('imports.col.manage')}</th></Show>
            </tr>
          </thead>
          <tbody>
            <For each={props.imports}>
              {(i) => (
                <tr data-import={i.id}>
                  <th scope="row">
                    <A href={`/projects/${encodeURIComponent(pid())}/records?import=${encodeURIComponent(i.id)}`}><bdi>{i.source}</bdi></A>
                  </th>
                  <td><bdi>{i.filename ?? ''}</bdi> <span class="meta">{formatName(i.format)}</span></td>
                  <td>{formatNumber(i.parsed)}</td>
                  <td>{formatNumber(i.added)}</td>
                  <td>{formatNumber(i.duplicates)}</td>
                  <td>
                    <Show when={i.problems.length} fallback={t('imports.noProblems')}>
                      <div>{t('imports.problemCount', { count: i.problems.length })}</div>
                      {/* the visible words start the link's name (WCAG 2.5.3); the rest tells rows apart */}
                      <a href={problemsCsvUrl(pid(), i.id)} download="">
                        {t('imports.problemsCsv')}
                        <span class="visually-hidden"> {t('imports.problemsCsv.which', { count: i.problems.length, source: i.source })}</span>
                      </a>
                    </Show>
                  </td>
                  <td>{t('imports.when', { date: formatDate(i.createdAt), name: i.by })}</td>
                  <Show when={props.lead}>
                    <td>
                      <div class="import-actions">
                        <RenameSource pid={pid()} item={i} onRenamed={renamed} />
                        <RemoveImport pid={pid()} item={i} onRemoved={removed} />
                      </div>
                    </td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}
