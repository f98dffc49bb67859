/** P10: the reporting contact judges the level with the wizard; the CISO approves it before the report. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Level } from '@/engine/record/vocabulary';
import { useDesk } from '../desk-context';
import { formatAt } from '../desk-model';
import { ActionForm, LevelSelect, RadioGroup, SubmitButton, TextField } from './form-parts';
import { EMPTY_WIZARD, LevelWizard, assessWizard, wizardImpact, type WizardState } from './level-wizard';

export function LevelAssessmentForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act } = useDesk();
  const [wizard, setWizard] = useState<WizardState>(EMPTY_WIZARD);
  const [level, setLevel] = useState<Level | ''>('');
  const result = assessWizard(wizard);
  const chosen: Level | '' = level === '' ? (result.level ?? '') : level;
  return (
    <ActionForm
      title={t('level.title')}
      intro={t('level.intro')}
      onSubmit={() => {
        if (chosen === '') return;
        void act('level.assessed', {
          level: chosen,
          ...(result.c !== null ? { c: result.c } : {}),
          ...(result.i !== null ? { i: result.i } : {}),
          ...(result.a !== null ? { a: result.a } : {}),
          wizardLevel: result.level,
          impact: wizardImpact(wizard, result),
        });
      }}
    >
      <LevelWizard value={wizard} onChange={setWizard} />
      <LevelSelect label={t('level.assessed')} value={chosen} onChange={setLevel} />
      {result.level !== null && chosen !== '' && chosen !== result.level && <p className="desk-warn">{t('website.overallDiffers')}</p>}
      <SubmitButton>{t('level.submit')}</SubmitButton>
    </ActionForm>
  );
}

export function CisoApprovalForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act, events } = useDesk();
  const latest = [...events].reverse().find((e) => e.type === 'level.assessed');
  const latestLevel = (latest?.data as { level?: Level } | undefined)?.level;
  const [level, setLevel] = useState<Level | ''>(latestLevel ?? '');
  const [by, setBy] = useState('ciso');
  const [note, setNote] = useState('');
  return (
    <ActionForm
      title={t('approval.title')}
      intro={t('approval.intro')}
      onSubmit={() => {
        if (level !== '') void act('level.approved', { level, by, note });
      }}
    >
      <p>
        {t('common.colon', { a: t('approval.latest'), b: '' })}
        {latest && latestLevel ? (
          <strong>
            {t('approval.latestAt', {
              level: t('common.levelN', { n: latestLevel }),
              at: [formatAt(latest.at), latest.actor.name].filter(Boolean).join(t('common.listSep')),
            })}
          </strong>
        ) : (
          <span className="empty">{t('approval.none')}</span>
        )}
      </p>
      <LevelSelect label={t('approval.level')} value={level} onChange={setLevel} />
      <RadioGroup
        legend={t('approval.by')}
        value={by}
        onChange={setBy}
        options={[
          ['ciso', t('approval.byCiso')],
          ['authorized', t('approval.byAuthorized')],
        ]}
      />
      <TextField label={t('common.note')} value={note} onChange={setNote} />
      <SubmitButton>{t('approval.submit')}</SubmitButton>
    </ActionForm>
  );
}
