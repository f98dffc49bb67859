/**
 * P25's containment and recovery steps, each recorded as it is done, in whatever order the team
 * does them: rebuilding before imaging is possible here, and scoring catches it.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../desk-context';
import { Field, Intro } from './form-parts';

const METHODS = ['disconnect', 'shutdown-service', 'restrict-connections', 'restrict-privileges', 'limited-patch'] as const;

export function ContainmentForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act, pending, scenario } = useDesk();
  const [method, setMethod] = useState<string>('disconnect');
  const [what, setWhat] = useState<string>('disk');
  const [cleanMedia, setCleanMedia] = useState(true);
  const [switchTo, setSwitchTo] = useState<string>('backup');
  const backup = scenario.backup ?? 'none';

  const step = (title: string, children: ReactNode) => (
    <fieldset className="desk-step">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );

  return (
    <div className="desk-form">
      <h3 id="desk-containment">{t('forms.containment')}</h3>
      <Intro>{t('containment.intro')}</Intro>
      <details className="desk-branches">
        <summary>{t('containment.branches')}</summary>
        <ul>
          <li>{t('containment.branchNone')}</li>
          <li>{t('containment.branchAvailable')}</li>
          <li>{t('containment.branchCompromised')}</li>
        </ul>
        <p>{t('containment.scenarioBackup', { backup: t(`glossary:backupKinds.${backup}`) })}</p>
      </details>
      <div className="desk-steps">
        {step(
          t('containment.isolate'),
          <>
            <Field label={t('containment.method')}>
              {(id) => (
                <select id={id} value={method} onChange={(e) => setMethod(e.target.value)}>
                  {METHODS.map((m) => (
                    <option key={m} value={m}>
                      {t(`glossary:isolationMethods.${m}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="button" disabled={pending} onClick={() => void act('action.isolated', { method })}>
              {t('containment.doIsolate')}
            </button>
            <button type="button" disabled={pending} onClick={() => void act('containment.initial', {})}>
              {t('containment.doInitial')}
            </button>
          </>,
        )}
        {step(
          t('containment.image'),
          <>
            <Field label={t('containment.imageWhat')}>
              {(id) => (
                <select id={id} value={what} onChange={(e) => setWhat(e.target.value)}>
                  <option value="disk">{t('glossary:imageKinds.disk')}</option>
                  <option value="vm-image">{t('glossary:imageKinds.vm-image')}</option>
                </select>
              )}
            </Field>
            <button type="button" disabled={pending} onClick={() => void act('media.imaged', { what })}>
              {t('containment.doImage')}
            </button>
          </>,
        )}
        {step(
          t('containment.rebuild'),
          <>
            <label className="desk-inline">
              <input type="checkbox" checked={cleanMedia} onChange={(e) => setCleanMedia(e.target.checked)} />
              {t('containment.cleanMedia')}
            </label>
            <button type="button" disabled={pending} onClick={() => void act('system.rebuilt', { cleanMedia })}>
              {t('containment.doRebuild')}
            </button>
            <button type="button" disabled={pending} onClick={() => void act('system.tested', {})}>
              {t('containment.doTest')}
            </button>
          </>,
        )}
        {step(
          t('containment.switchTo'),
          <>
            <Field label={t('containment.switchTo')}>
              {(id) => (
                <select id={id} value={switchTo} onChange={(e) => setSwitchTo(e.target.value)}>
                  <option value="backup">{t('glossary:switchTargets.backup')}</option>
                  <option value="primary">{t('glossary:switchTargets.primary')}</option>
                </select>
              )}
            </Field>
            <button type="button" disabled={pending} onClick={() => void act('service.switched', { to: switchTo })}>
              {t('containment.doSwitch')}
            </button>
            <button type="button" disabled={pending} onClick={() => void act('service.minimal', {})}>
              {t('containment.doMinimal')}
            </button>
          </>,
        )}
        {step(
          t('containment.recoveryTitle'),
          <>
            <p className="desk-hint">{t('containment.recoveryNote')}</p>
            <button type="button" disabled={pending} onClick={() => void act('recovery.completed', { registeredOnWebsite: false })}>
              {t('containment.doRecovered')}
            </button>
          </>,
        )}
      </div>
    </div>
  );
}
