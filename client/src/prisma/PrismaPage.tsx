/**
 * /projects/:pid/prisma — the PRISMA 2020 flow from live counts: notices about unsettled records and
 * numbers that do not add up, the diagram (inline, every number a link to its records), SVG and PNG
 * downloads, the diagram as a list, and the lead's form for numbers Coreview cannot know. Fetched
 * again when the board's counts change. Hidden (calmly) while screening is blind for this user.
 */
import { createEffect, createMemo, createResource, createSignal, on, onCleanup, Show } from 'solid-js';
import { STAGES } from '../../../shared/api';
import type { PrismaReport } from '../../../shared/prisma/report';
import { canManageProject } from '../../../shared/roles';
import { errorMessage } from '../api/errors';
import { currentUser } from '../auth/session';
import { formatDateTime, t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { Loading, Page } from '../ui/Page';
import { latestOf, ReportStates } from '../ui/ReportStates';
import { ScrollBox } from '../ui/ScrollBox';
import { useBoardStages } from '../agreement/board';
import { getPrismaReport, getPrismaSvg, prismaSvgUrl } from './api';
import { AsList } from './AsList';
import { Diagram } from './Diagram';
import { ManualForm } from './ManualForm';
import { Notices } from './Notices';
import { saveBlob, svgToPng } from './png';
import './prisma.css';

/** Import sources a lead may mark as registers: those with records in Coreview, plus any already marked. */
function importSources(r: PrismaReport): string[] {
  const lines = r.boxes.flatMap((b) => b.lines).filter((l) => (l.countId === 'identified' || l.countId === 'registers') && l.href && l.item);
  return [...new Set([...lines.map((l) => l.item!), ...r.manual.registerSources])];
}

/** The PRISMA page. */
export function PrismaPage() {
  useLocationInProject('prisma');
  const { project, role } = useProject();
  const pid = project().id;
  const board = useBoardStages(pid, currentUser()!.id);
  const [report, { refetch }] = createResource(() => getPrismaReport(pid));
  const [svg, { refetch: refetchSvg }] = createResource(() => getPrismaSvg(pid));
  const svgText = () => latestOf(svg);
  const reload = () => {
    void refetch();
    void refetchSvg();
  };

  // Live: the board's counts move as decisions are settled; then the flow is asked for again.
  const liveKey = createMemo(() =>
    JSON.stringify(STAGES.map((s) => board()[s]).map((b) => (b ? [b.visible, b.total, b.counts ?? null, b.conflicts?.map((c) => c.status) ?? null] : null))),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(on(liveKey, () => {
    clearTimeout(timer);
    timer = setTimeout(reload, 300);
  }, { defer: true }));
  onCleanup(() => clearTimeout(timer));

  let svgEl: SVGSVGElement | null = null;
  const [pngDone, setPngDone] = createSignal<string>();
  const [pngError, setPngError] = createSignal<string>();
  const downloadPng = async () => {
    setPngDone(undefined);
    setPngError(undefined);
    try {
      if (!svgEl) throw new Error('no diagram');
      saveBlob(await svgToPng(svgEl), 'prisma-2020-flow.png');
      setPngDone(t('prisma.pngDone'));
    } catch {
      setPngError(t('prisma.pngFailed'));
    }
  };

  return (
    <Page title={t('prisma.title')}>
      <ReportStates report={report} messages="prisma">
        {(r) => (
          <div class="prisma-page stack">
            <p>{t('prisma.intro')}</p>
            <Notices report={r()} />
            <section aria-labelledby="diagram-h">
              <h2 id="diagram-h">{t('prisma.diagram')}</h2>
              <div class="actions">
                <a class="btn" href={prismaSvgUrl(pid, true)} download="prisma-2020-flow.svg">
                  {t('prisma.downloadSvg')}
                </a>
                <button type="button" class="btn" onClick={() => void downloadPng()} disabled={!svgText()}>
                  {t('prisma.downloadPng')}
                </button>
              </div>
              <FormAlert message={pngError()} />
              <StatusMessage message={pngDone()} />
              <figure class="prisma-figure">
                {/* On a narrow screen the drawing keeps a readable size and scrolls in its own box. */}
                <ScrollBox labelledby="diagram-h">
                  <Show when={svgText()} fallback={<Show when={svg.error} fallback={<Loading />}><p role="alert">{errorMessage(svg.error)}</p></Show>}>
                    {(text) => <Diagram svg={text()} report={r()} onReady={(el) => (svgEl = el)} />}
                  </Show>
                </ScrollBox>
                <figcaption class="meta">{t('prisma.figcaption', { time: formatDateTime(r().generatedAt) })}</figcaption>
              </figure>
              <AsList report={r()} />
            </section>
            <Show when={canManageProject(role())}>
              <ManualForm pid={pid} manual={r().manual} sources={importSources(r())} reasons={project().exclusionReasons} onSaved={reload} />
            </Show>
          </div>
        )}
      </ReportStates>
    </Page>
  );
}
