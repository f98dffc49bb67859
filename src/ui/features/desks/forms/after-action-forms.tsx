/**
 * Forms after damage control: announcement (P22(2)), press statements, effectiveness (P23(1)),
 * PDPA (P23(2)), root cause (P28), improvement plan (P29), its submission (P30), progress (P31(4)),
 * sign-off (P32) and intelligence sharing (P34). Each records what the person chose, complete or not.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INTEL_KINDS, ROOTCAUSE_PERFORMERS } from '@/engine/record/vocabulary';
import { useDesk } from '../desk-context';
import { ActionForm, CheckGroup, Field, RadioGroup, SubmitButton, TextField, useRecipientOptions } from './form-parts';

export function AnnouncementForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act } = useDesk();
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      title={t('forms.announcement')}
      intro={t('announcement.intro')}
      onSubmit={() => {
        if (decision) void act('announcement.decided', { public: decision === 'public', reason });
      }}
    >
      <RadioGroup
        legend={t('announcement.decision')}
        value={decision}
        onChange={setDecision}
        options={[
          ['public', t('announcement.public')],
          ['private', t('announcement.notPublic')],
        ]}
      />
      <TextField label={t('announcement.reason')} multiline value={reason} onChange={setReason} />
      <SubmitButton>{t('announcement.submit')}</SubmitButton>
    </ActionForm>
  );
}

export function PressForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act } = useDesk();
  const [text, setText] = useState('');
  const [channel, setChannel] = useState('news');
  return (
    <ActionForm title={t('forms.press')} intro={t('press.intro')} onSubmit={() => void act('ui.press.statement', { text, channel })}>
      <TextField label={t('press.text')} multiline value={text} onChange={setText} />
      <Field label={t('press.channel')}>
        {(id) => (
          <select id={id} value={channel} onChange={(e) => setChannel(e.target.value)}>
            {(['news', 'reporting-website', 'email', 'other'] as const).map((c) => (
              <option key={c} value={c}>
                {t(`glossary:channels.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <SubmitButton>{t('press.submit')}</SubmitButton>
    </ActionForm>
  );
}

function RecipientsForm({ type, title, intro, submit, withTeam, summaryLabel }: { type: string; title: string; intro: string; submit: string; withTeam: boolean; summaryLabel?: string }) {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act } = useDesk();
  const options = useRecipientOptions(withTeam);
  const [to, setTo] = useState<string[]>([]);
  const [summary, setSummary] = useState('');
  return (
    <ActionForm title={title} intro={intro} onSubmit={() => void act(type, { to, ...(summaryLabel ? { summary } : {}) })}>
      <CheckGroup legend={t('common.recipients')} value={to} onChange={setTo} options={options} />
      {summaryLabel && <TextField label={summaryLabel} multiline value={summary} onChange={setSummary} />}
      <SubmitButton>{submit}</SubmitButton>
    </ActionForm>
  );
}

export function EffectivenessForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  return (
    <RecipientsForm
      type="effectiveness.reported"
      title={t('forms.effectiveness')}
      intro={t('effectiveness.intro')}
      submit={t('effectiveness.submit')}
      summaryLabel={t('effectiveness.summary')}
      withTeam
    />
  );
}

export function RootCauseReportForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  return <RecipientsForm type="rootcause.submitted" title={t('forms.rootcause-report')} intro={t('rcReport.intro')} submit={t('rcReport.submit')} withTeam={false} />;
}

export function ProgressForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  return (
    <RecipientsForm
      type="progress.reported"
      title={t('forms.progress')}
      intro={t('progress.intro')}
      submit={t('progress.submit')}
      summaryLabel={t('progress.summary')}
      withTeam={false}
    />
  );
}

export function PdpaForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act } = useDesk();
  const [notify, setNotify] = useState('');
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      title={t('forms.pdpa')}
      intro={t('pdpa.intro')}
      onSubmit={() => {
        if (notify) void act('pdpa.assessed', { notifySubjects: notify === 'yes', reason });
      }}
    >
      <RadioGroup
        legend={t('pdpa.notify')}
        value={notify}
        onChange={setNotify}
        options={[
          ['yes', t('pdpa.notifyYes')],
          ['no', t('pdpa.notifyNo')],
        ]}
      />
      <TextField label={t('pdpa.reason')} multiline value={reason} onChange={setReason} />
      <SubmitButton>{t('pdpa.submit')}</SubmitButton>
    </ActionForm>
  );
}

export function RootCauseForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act } = useDesk();
  const [by, setBy] = useState('vendor');
  const [malwareAnalysis, setMalwareAnalysis] = useState(false);
  const [summary, setSummary] = useState('');
  return (
    <ActionForm title={t('forms.rootcause')} intro={t('rootcause.intro')} onSubmit={() => void act('rootcause.completed', { by, malwareAnalysis, summary })}>
      <RadioGroup
        legend={t('rootcause.by')}
        value={by}
        onChange={setBy}
        options={ROOTCAUSE_PERFORMERS.map((k) => [k, t(`glossary:rootcausePerformers.${k}`)] as const)}
      />
      <label className="desk-inline">
        <input type="checkbox" checked={malwareAnalysis} onChange={(e) => setMalwareAnalysis(e.target.checked)} />
        {t('rootcause.malwareAnalysis')}
      </label>
      <TextField label={t('rootcause.summary')} multiline value={summary} onChange={setSummary} />
      <SubmitButton>{t('rootcause.submit')}</SubmitButton>
    </ActionForm>
  );
}

type Term = 'short' | 'medium' | 'long';
interface PlanItem {
  item: string;
  dueMonths: string;
}

export function ImprovementPlanForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act } = useDesk();
  const [plan, setPlan] = useState<Record<Term, PlanItem[]>>({
    short: [{ item: '', dueMonths: '1' }],
    medium: [{ item: '', dueMonths: '6' }],
    long: [],
  });
  const toData = (items: PlanItem[]) =>
    items.filter((x) => x.item.trim()).map((x) => ({ item: x.item.trim(), dueMonths: Number(x.dueMonths) || 0 }));
  const edit = (term: Term, i: number, patch: Partial<PlanItem>) =>
    setPlan((p) => ({ ...p, [term]: p[term].map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  return (
    <ActionForm
      title={t('forms.plan')}
      intro={t('plan.intro')}
      onSubmit={() => void act('improvement.planned', { short: toData(plan.short), medium: toData(plan.medium), long: toData(plan.long) })}
    >
      {(['short', 'medium', 'long'] as const).map((term) => (
        <fieldset key={term} className="desk-plan">
          <legend>{t(`plan.${term}`)}</legend>
          {plan[term].map((x, i) => {
            const label = t('plan.itemLabel', { term: t(`plan.${term}`), n: i + 1 });
            return (
              <div key={i} className="desk-plan-row">
                <input type="text" aria-label={`${label} · ${t('plan.item')}`} placeholder={t('plan.item')} value={x.item} onChange={(e) => edit(term, i, { item: e.target.value })} />
                <input
                  type="number"
                  min={0}
                  aria-label={`${label} · ${t('plan.dueMonths')}`}
                  value={x.dueMonths}
                  onChange={(e) => edit(term, i, { dueMonths: e.target.value })}
                />
                <span aria-hidden="true">{t('plan.dueMonths')}</span>
              </div>
            );
          })}
          <button type="button" onClick={() => setPlan((p) => ({ ...p, [term]: [...p[term], { item: '', dueMonths: '' }] }))}>
            {t('plan.addItem', { term: t(`plan.${term}`) })}
          </button>
        </fieldset>
      ))}
      <SubmitButton>{t('plan.submit')}</SubmitButton>
    </ActionForm>
  );
}

export function SignOffForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act, role } = useDesk();
  const [by, setBy] = useState<string[]>(role === 'ciso' ? ['ciso'] : []);
  return (
    <ActionForm title={t('forms.signoff')} intro={t('signoff.intro')} onSubmit={() => void act('records.signed', { by })}>
      <CheckGroup
        legend={t('signoff.by')}
        value={by}
        onChange={setBy}
        options={[
          ['responsible', t('glossary:signers.responsible')],
          ['ciso', t('glossary:signers.ciso')],
        ]}
      />
      <SubmitButton>{t('signoff.submit')}</SubmitButton>
    </ActionForm>
  );
}


export function IntelForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act } = useDesk();
  const [kinds, setKinds] = useState<string[]>([]);
  const [summary, setSummary] = useState('');
  return (
    <ActionForm title={t('forms.intel')} intro={t('intel.intro')} onSubmit={() => void act('intel.shared', { kinds, summary })}>
      <CheckGroup legend={t('intel.kinds')} value={kinds} onChange={setKinds} options={INTEL_KINDS.map((k) => [k, t(`glossary:intelKinds.${k}`)] as const)} />
      <TextField label={t('intel.summary')} multiline value={summary} onChange={setSummary} />
      <SubmitButton>{t('intel.submit')}</SubmitButton>
    </ActionForm>
  );
}
