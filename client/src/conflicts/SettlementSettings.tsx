/**
 * The settings that govern disagreements (`maybeAs`, `autoSettle`), as a group of fields for the
 * lead's settings form and as read-only text for everyone else. Kept here so SettingsPage only
 * needs a few lines to include them.
 */
import { createSignal, Show } from 'solid-js';
import type { Project, ProjectSettings } from '../../../shared/api';
import { t } from '../i18n';
import { Checkbox, RadioGroup, TextField } from '../ui/fields';
import { percent } from './ProtocolPanel';

/** Server field paths these fields show errors for. */
export const SETTLEMENT_FIELDS = ['maybeAs', 'autoSettle', 'autoSettle.quorum', 'autoSettle.majority'];

/** State for the fields, started from the project's current settings. */
export function settlementFields(p: Project) {
  const [maybeAs, setMaybeAs] = createSignal<string>(p.maybeAs);
  const [enabled, setEnabled] = createSignal(p.autoSettle.enabled);
  const [quorum, setQuorum] = createSignal(String(p.autoSettle.quorum));
  const [majority, setMajority] = createSignal(String(Math.round(p.autoSettle.majority * 100)));
  /** The values to send; invalid numbers are left for the shared schema to report. */
  const values = () => ({
    maybeAs: maybeAs(),
    autoSettle: {
      enabled: enabled(),
      quorum: quorum().trim() === '' ? Number.NaN : Number(quorum()),
      majority: majority().trim() === '' ? Number.NaN : Number(majority()) / 100,
    },
  });
  /** The fieldset; `errors` uses the server's dotted field names. */
  const Fields = (props: { errors: Record<string, string> }) => (
    <fieldset class="group">
      <legend>{t('settings.settling')}</legend>
      <RadioGroup id="settings-maybe-as" legend={t('settings.maybeAs')} hint={t('settings.maybeAsHint')} value={maybeAs()} onValue={setMaybeAs}
        error={props.errors.maybeAs}
        choices={[
          { value: 'include', label: t('settings.maybeAs.include') },
          { value: 'exclude', label: t('settings.maybeAs.exclude') },
        ]} />
      <Checkbox id="settings-auto-settle" label={t('settings.autoSettle')} checked={enabled()} onChecked={setEnabled} />
      <Show when={enabled()}>
        <TextField id="settings-quorum" label={t('settings.quorum')} hint={t('settings.quorumHint')} type="number" inputmode="numeric"
          min={1} max={50} step={1} class="short" value={quorum()} onValue={setQuorum} error={props.errors['autoSettle.quorum']} />
        <TextField id="settings-majority" label={t('settings.majority')} hint={t('settings.majorityHint')} type="number" inputmode="numeric"
          min={50} max={100} step={1} class="short" value={majority()} onValue={setMajority}
          error={props.errors['autoSettle.majority'] || props.errors.autoSettle ? t('settings.majorityError') : undefined} />
      </Show>
    </fieldset>
  );
  return { values, Fields };
}

/** Read-only rows for the settings list (a fragment of <dt>/<dd> pairs). */
export function SettlementView(props: { project: Project }) {
  const a = (): ProjectSettings['autoSettle'] => props.project.autoSettle;
  return (
    <>
      <dt>{t('settings.maybeAs')}</dt>
      <dd>{props.project.maybeAs === 'exclude' ? t('settings.maybeAs.exclude') : t('settings.maybeAs.include')}</dd>
      <dt>{t('settings.autoSettle')}</dt>
      <dd>{a().enabled ? t('settings.autoSettle.on', { quorum: a().quorum, percent: percent(a().majority) }) : t('settings.autoSettle.off')}</dd>
    </>
  );
}
