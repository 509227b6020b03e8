/**
 * The diagram as nested lists, in reading order (column → phase → box → lines), each number a link
 * to its records: the same content for people who cannot use the drawing.
 */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { PrismaReport } from '../../../shared/prisma/report';
import { t, type MessageKey } from '../i18n';

const COLUMNS: { id: 'databases' | 'other'; key: MessageKey }[] = [
  { id: 'databases', key: 'prisma.column.databases' },
  { id: 'other', key: 'prisma.column.other' },
];
const PHASES: { id: 'identification' | 'screening' | 'included'; key: MessageKey }[] = [
  { id: 'identification', key: 'prisma.phase.identification' },
  { id: 'screening', key: 'prisma.phase.screening' },
  { id: 'included', key: 'prisma.phase.included' },
];

/** A collapsible text version of the diagram. */
export function AsList(props: { report: PrismaReport }) {
  const boxes = (column: string, phase: string) => props.report.boxes.filter((b) => b.column === column && b.phase === phase);
  return (
    <details class="as-list" data-testid="prisma-list">
      <summary>{t('prisma.asList')}</summary>
      <p class="hint">{t('prisma.asList.hint')}</p>
      <For each={COLUMNS.filter((c) => props.report.boxes.some((b) => b.column === c.id))}>
        {(column) => (
          <section aria-labelledby={`list-${column.id}`}>
            <h3 id={`list-${column.id}`}>{t(column.key)}</h3>
            <For each={PHASES.filter((p) => boxes(column.id, p.id).length)}>
              {(phase) => (
                <>
                  <h4>{t(phase.key)}</h4>
                  <ul class="plain-list">
                    <For each={boxes(column.id, phase.id)}>
                      {(box) => (
                        <li>
                          <ul class="box-lines">
                            <For each={box.lines}>
                              {(line) => (
                                <li>
                                  <Show when={line.href} fallback={<bdi>{line.text}</bdi>}>
                                    {(href) => (
                                      <A href={href()}>
                                        <bdi>{line.text}</bdi>
                                      </A>
                                    )}
                                  </Show>
                                </li>
                              )}
                            </For>
                          </ul>
                        </li>
                      )}
                    </For>
                  </ul>
                </>
              )}
            </For>
          </section>
        )}
      </For>
    </details>
  );
}
