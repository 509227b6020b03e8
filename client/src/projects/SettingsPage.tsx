/**
 * /projects/:pid/settings — the review protocol and screening set-up (DESIGN §4 names).
 * Leads get a form; everyone else reads the same information as text.
 */
import { createSignal, For, Show } from 'solid-js';
import { patchProjectBody, type Project, type ProjectSettings } from '../../../shared/api';
import { canManageProject } from '../../../shared/roles';
import { formatNumber, t, type MessageKey } from '../i18n';
import { FormAlert, focusFirstInvalid, StatusMessage, showServerError } from '../ui/alerts';
import { RadioGroup, TextArea, TextField } from '../ui/fields';
import { Page } from '../ui/Page';
import { validate, type FieldErrors } from '../ui/validate';
import { patchProject } from './api';
import { useLocationInProject, useProject } from './context';
import { SETTLEMENT_FIELDS, SettlementView, settlementFields } from '../conflicts/SettlementSettings';

/** One entry per line, trimmed, blanks and repeats dropped. */
const lines = (text: string) => [...new Set(text.split('\n').map((l) => l.trim()).filter(Boolean))];
/** Field names the form shows errors for (server paths without array indexes). */
const FIELDS = ['title', 'question', 'criteria', 'exclusionReasons', 'highlightTerms.include', 'highlightTerms.exclude', 'highlightTerms', 'reviewersPerRecord', 'assignment', 'pilotSize', ...SETTLEMENT_FIELDS];
const ASSIGNMENT_KEY: Record<ProjectSettings['assignment'], MessageKey> = {
  all: 'settings.assignment.all',
  balanced: 'settings.assignment.balanced',
};

/** The settings page. */
export function SettingsPage() {
  const { project, role } = useProject();
  useLocationInProject('settings');
  return (
    <Page title={t('settings.title')}>
      <Show when={canManageProject(role())} fallback={<SettingsView project={project()} />}>
        <SettingsForm />
      </Show>
    </Page>
  );
}

/** Read-only view for reviewers, co-researchers and observers. */
function SettingsView(props: { project: Project }) {
  const p = () => props.project;
  const list = (items: string[]) => (
    <Show when={items.length} fallback={<span class="meta">{t('settings.none')}</span>}>
      <ul class="plain-list">
        <For each={items}>{(i) => <li><bdi>{i}</bdi></li>}</For>
      </ul>
    </Show>
  );
  const text = (value: string) => (
    <Show when={value} fallback={<span class="meta">{t('settings.none')}</span>}>
      <p class="prose"><bdi>{value}</bdi></p>
    </Show>
  );
  return (
    <>
      <p class="meta">{t('settings.readOnly')}</p>
      <dl class="settings-list">
        <dt>{t('projects.field.title')}</dt>
        <dd><bdi>{p().title}</bdi></dd>
        <dt>{t('projects.field.question')}</dt>
        <dd>{text(p().question)}</dd>
        <dt>{t('settings.criteria')}</dt>
        <dd>{text(p().criteria)}</dd>
        <dt>{t('settings.exclusionReasons')}</dt>
        <dd>{list(p().exclusionReasons)}</dd>
        <dt>{t('settings.highlightInclude')}</dt>
        <dd>{list(p().highlightTerms.include)}</dd>
        <dt>{t('settings.highlightExclude')}</dt>
        <dd>{list(p().highlightTerms.exclude)}</dd>
        <dt>{t('settings.reviewersPerRecord')}</dt>
        <dd>{formatNumber(p().reviewersPerRecord)}</dd>
        <dt>{t('settings.assignment')}</dt>
        <dd>{t(ASSIGNMENT_KEY[p().assignment])}</dd>
        <dt>{t('settings.pilotSize')}</dt>
        <dd>{formatNumber(p().pilotSize)}</dd>
        <SettlementView project={p()} />
      </dl>
    </>
  );
}

/** The lead's editable form. */
function SettingsForm() {
  const { project, setProject } = useProject();
  const p = project();
  const [title, setTitle] = createSignal(p.title);
  const [question, setQuestion] = createSignal(p.question);
  const [criteria, setCriteria] = createSignal(p.criteria);
  const [reasons, setReasons] = createSignal(p.exclusionReasons.join('\n'));
  const [include, setInclude] = createSignal(p.highlightTerms.include.join('\n'));
  const [exclude, setExclude] = createSignal(p.highlightTerms.exclude.join('\n'));
  const [perRecord, setPerRecord] = createSignal(String(p.reviewersPerRecord));
  const [assignment, setAssignment] = createSignal<string>(p.assignment);
  const [pilot, setPilot] = createSignal(String(p.pilotSize));
  const settle = settlementFields(p);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string>();
  const [saved, setSaved] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let form!: HTMLFormElement;

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setSaved(undefined);
    setFormError(undefined);
    const pilotText = pilot().trim();
    const candidate = {
      title: title(),
      question: question(),
      criteria: criteria(),
      exclusionReasons: lines(reasons()),
      highlightTerms: { include: lines(include()), exclude: lines(exclude()) },
      reviewersPerRecord: Number(perRecord()),
      assignment: assignment(),
      pilotSize: pilotText === '' ? Number.NaN : Number(pilotText),
      ...settle.values(),
    };
    const v = validate(patchProjectBody, candidate, ['title']);
    if (!v.ok) {
      setErrors(v.errors);
      return focusFirstInvalid(form);
    }
    setErrors({});
    setBusy(true);
    try {
      const res = await patchProject(project().id, v.data);
      setProject(res.project, res.role);
      setSaved(t('settings.saved'));
    } catch (err) {
      showServerError(err, FIELDS, form, { setErrors, setFormError });
    } finally {
      setBusy(false);
    }
  };

  const numberChoices = ['1', '2', '3'].map((n) => ({ value: n, label: formatNumber(Number(n)) }));
  return (
    <form ref={form} onSubmit={onSubmit} noValidate class="stack">
      <FormAlert message={formError()} count={Object.keys(errors()).length} />
      <fieldset class="group">
        <legend>{t('settings.protocol')}</legend>
        <TextField id="settings-title" label={t('projects.field.title')} value={title()} onValue={setTitle} error={errors().title} autocomplete="off" />
        <TextArea id="settings-question" label={t('projects.field.question')} optional value={question()} onValue={setQuestion} error={errors().question} />
        <TextArea id="settings-criteria" label={t('settings.criteria')} hint={t('settings.criteriaHint')} optional rows={8}
          value={criteria()} onValue={setCriteria} error={errors().criteria} />
        <TextArea id="settings-reasons" label={t('settings.exclusionReasons')} hint={t('settings.exclusionReasonsHint')} optional rows={6}
          value={reasons()} onValue={setReasons} error={errors().exclusionReasons} />
        <TextArea id="settings-include" label={t('settings.highlightInclude')} hint={t('settings.highlightHint')} optional
          value={include()} onValue={setInclude} error={errors()['highlightTerms.include'] ?? errors().highlightTerms} />
        <TextArea id="settings-exclude" label={t('settings.highlightExclude')} hint={t('settings.highlightHint')} optional
          value={exclude()} onValue={setExclude} error={errors()['highlightTerms.exclude']} />
      </fieldset>
      <fieldset class="group">
        <legend>{t('settings.screening')}</legend>
        <RadioGroup id="settings-per-record" legend={t('settings.reviewersPerRecord')} hint={t('settings.reviewersPerRecordHint')}
          choices={numberChoices} value={perRecord()} onValue={setPerRecord} error={errors().reviewersPerRecord} />
        <RadioGroup id="settings-assignment" legend={t('settings.assignment')} value={assignment()} onValue={setAssignment}
          error={errors().assignment}
          choices={[
            { value: 'all', label: t('settings.assignment.all') },
            { value: 'balanced', label: t('settings.assignment.balanced'), hint: t('settings.assignment.balancedHint') },
          ]} />
        <TextField id="settings-pilot" label={t('settings.pilotSize')} hint={t('settings.pilotSizeHint')} type="number"
          inputmode="numeric" min={0} max={1000} step={1} class="short" value={pilot()} onValue={setPilot} error={errors().pilotSize} />
      </fieldset>
      <settle.Fields errors={errors()} />
      <StatusMessage message={saved()} />
      <button type="submit" class="btn primary" aria-disabled={busy() ? 'true' : undefined}>
        {busy() ? t('form.saving') : t('settings.save')}
      </button>
    </form>
  );
}
