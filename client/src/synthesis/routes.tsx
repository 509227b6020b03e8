/**
 * The synthesis pages, as App.tsx mounts them. Loaded on first visit (their own chunk), so people
 * who only screen do not download the coding and theme editors; /synthesis opens the sources.
 */
import { Navigate, useParams } from '@solidjs/router';
import { lazy } from 'solid-js';

/** /synthesis/code/:sourceId */
export const CodingPage = lazy(() => import('./CodingPage').then((m) => ({ default: m.CodingPage })));
/** /synthesis/sense-check */
export const SenseCheckPage = lazy(() => import('./SenseCheckPage').then((m) => ({ default: m.SenseCheckPage })));
/** /synthesis/sources */
export const SourcesPage = lazy(() => import('./SourcesPage').then((m) => ({ default: m.SourcesPage })));
/** /synthesis/summary */
export const SummaryPage = lazy(() => import('./SummaryPage').then((m) => ({ default: m.SummaryPage })));
/** /synthesis/themes */
export const ThemesPage = lazy(() => import('./ThemesPage').then((m) => ({ default: m.ThemesPage })));

/** /projects/:pid/synthesis: goes on to the sources page. */
export function SynthesisHome() {
  const params = useParams<{ pid: string }>();
  return <Navigate href={`/projects/${encodeURIComponent(params.pid)}/synthesis/sources`} />;
}
