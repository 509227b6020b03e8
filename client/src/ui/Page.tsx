/**
 * Every page's frame: sets document.title, renders the page's single h1, and after client-side
 * navigation moves focus to that h1 so screen-reader and keyboard users land at the new content.
 */
import { createEffect, onMount, type JSX } from 'solid-js';
import { t } from '../i18n';

let firstPage = true;

/** A page with one h1 (`heading`, defaulting to `title`) and its document title. */
export function Page(props: { title: string; heading?: JSX.Element; children?: JSX.Element; class?: string }) {
  let h1!: HTMLHeadingElement;
  createEffect(() => {
    document.title = t('app.titleSuffix', { page: props.title }).replace(/[\u2068\u2069]/g, '');
  });
  onMount(() => {
    // On the first page load the browser's own focus order (skip link first) is right;
    // after an in-app navigation nothing would otherwise tell the user the page changed.
    if (firstPage) firstPage = false;
    else h1.focus();
  });
  return (
    <div class={props.class ?? 'page'}>
      <h1 ref={h1} tabindex="-1">
        {props.heading ?? props.title}
      </h1>
      {props.children}
    </div>
  );
}

/** A placeholder shown while data loads; announced politely. */
export function Loading() {
  return (
    <p class="loading" role="status">
      {t('app.loading')}
    </p>
  );
}
