/**
 * The level wizard: C/I/A answers in, the engine's assessLevel (national regulation art. 2) out,
 * with its reasons shown. The wizard suggests; the person reporting still decides the level.
 */
import { useTranslation } from 'react-i18next';
import { assessLevel, type LevelAnswers, type LevelAssessment } from '@/engine/rules/levels';
import { pick } from '@/ui/i18n';
import { Field, TextField } from './form-parts';

export interface WizardState extends LevelAnswers {
  basis: { c: string; i: string; a: string };
}

export const EMPTY_WIZARD: WizardState = {
  c: { affected: false, asset: 'non-core', severity: 'minor' },
  i: { affected: false, asset: 'non-core', severity: 'minor' },
  // Nothing ticked in advance: a pre-ticked "restored within tolerable downtime" nudged the level down.
  a: { affected: false, system: 'non-core', restoredWithinTolerable: false },
  basis: { c: '', i: '', a: '' },
};

export function assessWizard(state: WizardState): LevelAssessment {
  return assessLevel({ c: state.c, i: state.i, a: state.a });
}

/** The wizard's answers as they go into an event: each dimension's level, answers and basis. */
export function wizardImpact(state: WizardState, result: LevelAssessment) {
  return {
    c: { level: result.c, ...state.c, basis: state.basis.c },
    i: { level: result.i, ...state.i, basis: state.basis.i },
    a: { level: result.a, ...state.a, basis: state.basis.a },
  };
}

const ASSETS = ['non-core', 'core', 'core-ci', 'official-secret', 'national-secret'] as const;
const SYSTEMS = ['non-core', 'core', 'core-ci'] as const;

export function LevelWizard({ value, onChange }: { value: WizardState; onChange: (v: WizardState) => void }) {
  const { t, i18n } = useTranslation(['desks', 'glossary']);
  const result = assessWizard(value);
  const dims = [
    ['c', result.c],
    ['i', result.i],
    ['a', result.a],
  ] as const;

  const info = (k: 'c' | 'i') => {
    const ans = value[k];
    const set = (patch: Partial<typeof ans>) => onChange({ ...value, [k]: { ...ans, ...patch } });
    return (
      <fieldset className="desk-wizard-dim" key={k}>
        <legend>{t(`wizard.${k}`)}</legend>
        <label className="desk-inline">
          <input type="checkbox" checked={ans.affected} onChange={(e) => set({ affected: e.target.checked })} />
          {t('wizard.affected')}
        </label>
        {ans.affected && (
          <>
            <Field label={t('wizard.asset')} context={t(`wizard.${k}`)}>
              {(id) => (
                <select id={id} value={ans.asset} onChange={(e) => set({ asset: e.target.value as (typeof ASSETS)[number] })}>
                  {ASSETS.map((a) => (
                    <option key={a} value={a}>
                      {t(`glossary:infoAssets.${a}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('wizard.severity')} context={t(`wizard.${k}`)}>
              {(id) => (
                <select id={id} value={ans.severity} onChange={(e) => set({ severity: e.target.value as 'minor' | 'serious' })}>
                  <option value="minor">{t('glossary:severities.minor')}</option>
                  <option value="serious">{t('glossary:severities.serious')}</option>
                </select>
              )}
            </Field>
            <TextField
              label={t('wizard.basis')}
              context={t(`wizard.${k}`)}
              value={value.basis[k]}
              onChange={(v) => onChange({ ...value, basis: { ...value.basis, [k]: v } })}
            />
          </>
        )}
      </fieldset>
    );
  };

  const a = value.a;
  const setA = (patch: Partial<typeof a>) => onChange({ ...value, a: { ...a, ...patch } });

  return (
    <section className="desk-wizard" aria-label={t('wizard.title')}>
      <h4>{t('wizard.title')}</h4>
      <div className="desk-wizard-grid">
        {info('c')}
        {info('i')}
        <fieldset className="desk-wizard-dim">
          <legend>{t('wizard.a')}</legend>
          <label className="desk-inline">
            <input type="checkbox" checked={a.affected} onChange={(e) => setA({ affected: e.target.checked })} />
            {t('wizard.affected')}
          </label>
          {a.affected && (
            <>
              <Field label={t('wizard.system')} context={t('wizard.a')}>
                {(id) => (
                  <select id={id} value={a.system} onChange={(e) => setA({ system: e.target.value as (typeof SYSTEMS)[number] })}>
                    {SYSTEMS.map((s) => (
                      <option key={s} value={s}>
                        {t(`glossary:systemKinds.${s}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <label className="desk-inline">
                <input type="checkbox" checked={a.restoredWithinTolerable} onChange={(e) => setA({ restoredWithinTolerable: e.target.checked })} />
                {t('wizard.restored')}
              </label>
              <TextField
                label={t('wizard.basis')}
                context={t('wizard.a')}
                value={value.basis.a}
                onChange={(v) => onChange({ ...value, basis: { ...value.basis, a: v } })}
              />
            </>
          )}
        </fieldset>
      </div>
      <div className="desk-wizard-result" role="status" aria-live="polite">
        <strong>{result.level === null ? t('wizard.resultNone') : t('wizard.result', { n: result.level })}</strong>
        <ul>
          {dims.map(([k, n]) => (
            <li key={k}>{n === null ? t('wizard.dimensionNone', { what: t(`wizard.${k}`) }) : t('wizard.dimension', { what: t(`wizard.${k}`), n })}</li>
          ))}
        </ul>
        {result.reasons.length > 0 && (
          <>
            <span>{t('wizard.reasons')}</span>
            <ul>
              {result.reasons.map((r) => (
                <li key={r.zh}>{pick(r, i18n.language)}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
