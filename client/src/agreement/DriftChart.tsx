/**
 * Agreement over time for one pair: an inline SVG line chart of percent agreement and Cohen's kappa
 * per batch, drawn here (no chart library). Accessible as an image with a title and a summary, with
 * the figures as a data table beside it; the two lines differ in dash and marker shape, not colour alone.
 */
import { For, Show } from 'solid-js';
import type { AgreementBatch } from '../../../shared/agreement/drift';
import { t } from '../i18n';
import { ScrollBox } from '../ui/ScrollBox';
import { formatCoef, formatCount, formatPercent } from './format';

const W = 640;
const H = 260;
const M = { start: 52, end: 16, top: 16, bottom: 44 };
const PLOT_W = W - M.start - M.end;
const PLOT_H = H - M.top - M.bottom;

/** Point coordinates of a series, split into runs where a value is undefined (null). */
function runs(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): { x: number; y: number }[][] {
  const out: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) out.push(current);
      current = [];
    } else current.push({ x: x(i), y: y(v) });
  });
  if (current.length) out.push(current);
  return out;
}

const pathOf = (pts: { x: number; y: number }[]) => pts.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');

/** The chart and its table for one pair's batches. */
export function DriftChart(props: { id: string; a: string; b: string; batches: AgreementBatch[]; batchSize: number }) {
  const n = () => props.batches.length;
  const kappas = () => props.batches.map((b) => b.kappa);
  const percents = () => props.batches.map((b) => b.percentAgreement);
  // Kappa can be negative: extend the scale below 0 in quarter steps when it is.
  const yMin = () => Math.min(0, Math.floor(Math.min(...kappas().map((k) => k ?? 0)) * 4) / 4);
  const y = (v: number) => M.top + ((1 - v) / (1 - yMin())) * PLOT_H;
  const x = (i: number) => (n() <= 1 ? M.start + PLOT_W / 2 : M.start + (i / (n() - 1)) * PLOT_W);
  const ticks = () => {
    const out: number[] = [];
    for (let v = yMin(); v <= 1.0001; v += 0.25) out.push(Math.round(v * 100) / 100);
    return out;
  };
  // Label every batch when there are few, else about ten evenly spaced ones.
  const xLabelEvery = () => Math.max(1, Math.ceil(n() / 10));
  const first = () => props.batches[0];
  const last = () => props.batches[n() - 1];
  const summary = () =>
    t('agreement.drift.summary', {
      count: n(),
      pctFrom: formatPercent(first()?.percentAgreement),
      pctTo: formatPercent(last()?.percentAgreement),
      kFrom: formatCoef(first()?.kappa),
      kTo: formatCoef(last()?.kappa),
    }).replace(/[\u2068\u2069]/g, '');

  return (
    <Show when={n() > 0} fallback={<p class="hint">{t('agreement.drift.tooFew')}</p>}>
      <figure class="drift">
        {/* On a narrow screen the chart keeps a readable size and scrolls in its own box. */}
        <ScrollBox labelledby={`${props.id}-t`}>
          <svg class="drift-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${props.id}-t ${props.id}-d`} data-testid="drift-chart">
            <title id={`${props.id}-t`}>{t('agreement.drift.title', { a: props.a, b: props.b })}</title>
            <desc id={`${props.id}-d`}>{summary()}</desc>
            <For each={ticks()}>
              {(v) => (
                <g>
                  <line x1={M.start} x2={W - M.end} y1={y(v)} y2={y(v)} class={v === 0 ? 'axis' : 'grid'} />
                  <text x={M.start - 8} y={y(v) + 4} text-anchor="end" class="tick">
                    {formatCoef(v)}
                  </text>
                </g>
              )}
            </For>
            <For each={props.batches}>
              {(b, i) => (
                <Show when={i() % xLabelEvery() === 0 || i() === n() - 1}>
                  <text x={x(i())} y={H - M.bottom + 18} text-anchor="middle" class="tick">
                    {formatCount(b.batch + 1)}
                  </text>
                </Show>
              )}
            </For>
            <text x={M.start + PLOT_W / 2} y={H - 6} text-anchor="middle" class="axis-label">
              {t('agreement.drift.axis.batch')}
            </text>
            <For each={runs(percents(), x, y)}>{(pts) => <path d={pathOf(pts)} class="series percent" />}</For>
            <For each={runs(kappas(), x, y)}>{(pts) => <path d={pathOf(pts)} class="series kappa" />}</For>
            {/* Circles are larger than squares, so where both figures are equal each marker still shows. */}
            <For each={runs(percents(), x, y).flat()}>{(p) => <circle cx={p.x} cy={p.y} r="6.5" class="marker percent" />}</For>
            <For each={runs(kappas(), x, y).flat()}>{(p) => <rect x={p.x - 3.5} y={p.y - 3.5} width="7" height="7" class="marker kappa" />}</For>
          </svg>
        </ScrollBox>
        <figcaption>
          <ul class="legend">
            <li>
              <svg class="swatch" viewBox="0 0 32 12" aria-hidden="true">
                <path d="M1 6 H31" class="series percent" />
                <circle cx="16" cy="6" r="4.5" class="marker percent" />
              </svg>
              {t('agreement.drift.legend.percent')}
            </li>
            <li>
              <svg class="swatch" viewBox="0 0 32 12" aria-hidden="true">
                <path d="M1 6 H31" class="series kappa" />
                <rect x="12.5" y="2.5" width="7" height="7" class="marker kappa" />
              </svg>
              {t('agreement.drift.legend.kappa')}
            </li>
          </ul>
        </figcaption>
      </figure>
      <details class="drift-table">
        <summary>{t('agreement.drift.showTable')}</summary>
        <ScrollBox>
          <table class="figures" data-testid="drift-table">
            <caption>{t('agreement.drift.caption', { a: props.a, b: props.b })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agreement.drift.col.batch')}</th>
                <th scope="col">{t('agreement.drift.col.records')}</th>
                <th scope="col">{t('agreement.drift.col.percent')}</th>
                <th scope="col">{t('agreement.drift.col.kappa')}</th>
                <th scope="col">{t('agreement.drift.col.runningPercent')}</th>
                <th scope="col">{t('agreement.drift.col.runningKappa')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.batches}>
                {(b) => (
                  <tr>
                    <th scope="row">{formatCount(b.batch + 1)}</th>
                    <td>{t('agreement.drift.range', { from: b.start + 1, to: b.end })}</td>
                    <td>{formatPercent(b.percentAgreement)}</td>
                    <td>{formatCoef(b.kappa)}</td>
                    <td>{formatPercent(b.cumulative.percentAgreement)}</td>
                    <td>{formatCoef(b.cumulative.kappa)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </ScrollBox>
      </details>
    </Show>
  );
}
