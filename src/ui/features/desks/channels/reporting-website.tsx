/**
 * The national reporting website (通報應變網站), simulated: 初報 with the fields procedure.md lists
 * and the level wizard, 續報 with a level change, recovery registration and 結報. During a network
 * or power outage the site fails to load, as the real one would, and points to the phone fallback (P11).
 */
import { term } from '@/engine/text/glossary';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Level } from '@/engine/record/vocabulary';
import { useDesk } from '../desk-context';
import { formatClock, isoToLocalInput, localInputToIso } from '../desk-model';
import { ActionForm, CheckGroup, Field, LevelSelect, RadioGroup, SubmitButton, TextField } from '../forms/form-parts';
import { EMPTY_WIZARD, LevelWizard, assessWizard, wizardImpact, type WizardState } from '../forms/level-wizard';

/** Categories and their symptoms, exactly as procedure.md lists them ("The reporting website's forms"). */
export const CATEGORY_SYMPTOMS = {
  web: ['defacement', 'malicious-comment', 'malicious-page', 'phishing-page', 'web-trojan', 'web-pii-leak'],
  intrusion: ['system-intrusion', 'malware-planted', 'abnormal-connection', 'spam', 'data-leak', 'abnormal-login', 'outbound-attack', 'unauthorized-access'],
  dos: ['service-down', 'performance-degraded'],
  equipment: ['device-damaged', 'power-abnormal', 'network-down', 'device-lost'],
  other: [],
} as const;
type Category = keyof typeof CATEGORY_SYMPTOMS;

/** An optional time field as event data: left out when empty (never stored as ""). */
export function optionalTime(key: string, local: string): Record<string, string> {
  return local ? { [key]: localInputToIso(local) } : {};
}

const TABS = ['initial', 'followup', 'recovery', 'closure'] as const;
type Tab = (typeof TABS)[number];

export function ReportingWebsite({ initialTab = 'initial' }: { initialTab?: Tab }) {
  const { t } = useTranslation(['desks', 'glossary']);
  const { outage, openForm, guidance } = useDesk();
  const [tab, setTab] = useState<Tab>(initialTab);

  return (
    <section className="desk-site" aria-label={t('website.title')}>
      <div className="desk-site-bar" aria-hidden="true">
        <span className="desk-site-dots">● ● ●</span>
        <span className="desk-site-address">{t('website.address')}</span>
      </div>
      {outage ? (
        <div className="desk-site-down">
          <h3>{t('website.unreachable')}</h3>
          <p>{t('website.unreachableDetail')}</p>
          {/* Assessment: what to do instead (P11) is for the participant to know, not for the page to say. */}
          {guidance === 'coaching' && (
            <>
              <p role="note" className="desk-fallback">
                {t('website.fallback')}
              </p>
              <button type="button" className="primary" onClick={() => openForm('contacts')}>
                {t('desk.goFallback')}
              </button>
            </>
          )}
        </div>
      ) : (
        <div className="desk-site-body">
          <h3 className="desk-site-title">{t('website.title')}</h3>
          <div role="group" aria-label={t('website.title')} className="desk-subtabs">
            {TABS.map((id) => (
              <button key={id} type="button" aria-pressed={tab === id} onClick={() => setTab(id)}>
                {t(`website.tabs.${id}`)}
              </button>
            ))}
          </div>
          {tab === 'initial' && <InitialReport />}
          {tab === 'followup' && <FollowUp />}
          {tab === 'recovery' && <RecoveryRegistration />}
          {tab === 'closure' && <ClosureReport />}
        </div>
      )}
    </section>
  );
}

function InitialReport() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act, agency, nowMs, actorName, events, guidance } = useDesk();
  // Coaching: prefilled with the moment of awareness (T0) the log holds; still editable, so a
  // participant can report a different (wrong) awareness time. Assessment: left for them to fill.
  const awareEvent = events.find((e) => e.type === 'incident.aware');
  const awareDefault = awareEvent && guidance === 'coaching' ? isoToLocalInput(awareEvent.at) : '';
  const [f, setF] = useState({
    // The national website is filled in zh-TW: DoIT's name as the glossary writes it.
    reviewingAgency: term('senders', 'doit', 'zh-TW'),
    // null until typed: follows whoever is acting at the desk.
    reporterName: null as string | null,
    reporterPhone: '',
    reporterEmail: '',
    onBehalf: false,
    onBehalfOf: '',
    vendor: '',
    // null until typed: follows the log's moment of awareness.
    awareAt: null as string | null,
    occurredAt: '',
    category: 'intrusion' as Category,
    symptom: 'malware-planted' as string,
    otherText: '',
    description: '',
    scope: '',
    othersAffected: 'none',
    detectedBy: '',
    supportNeeded: 'no',
    supportWhat: '',
  });
  const [wizard, setWizard] = useState<WizardState>(EMPTY_WIZARD);
  const [level, setLevel] = useState<Level | ''>('');
  const set = <K extends keyof typeof f>(k: K) => (v: (typeof f)[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const result = assessWizard(wizard);
  const chosen: Level | '' = level === '' ? (result.level ?? '') : level;

  const submit = () => {
    if (chosen === '') return;
    void act('report.submitted', {
      level: chosen,
      filedAt: formatClock(nowMs),
      agency: agency.name,
      reviewingAgency: f.reviewingAgency,
      reporter: { name: f.reporterName ?? actorName ?? '', phone: f.reporterPhone, email: f.reporterEmail },
      onBehalfOf: f.onBehalf ? f.onBehalfOf : null,
      vendor: f.vendor,
      ...optionalTime('awareAt', f.awareAt ?? awareDefault),
      ...optionalTime('occurredAt', f.occurredAt),
      category: f.category,
      symptom: f.category === 'other' ? f.otherText : f.symptom,
      description: f.description,
      scope: f.scope,
      othersAffected: f.othersAffected,
      detectedBy: f.detectedBy,
      impact: wizardImpact(wizard, result),
      wizardLevel: result.level,
      support: { needed: f.supportNeeded === 'yes', what: f.supportWhat },
    });
  };

  return (
    <ActionForm title={t('website.tabs.initial')} onSubmit={submit}>
      <fieldset>
        <legend>{t('website.basic')}</legend>
        <p>
          {t('common.colon', { a: t('website.filedAt'), b: '' })}
          <output>{formatClock(nowMs)}</output>
        </p>
        <p>
          {t('common.colon', { a: t('website.agency'), b: '' })}
          <strong>{agency.name}</strong>
        </p>
        <div className="desk-grid">
          <TextField label={t('website.reviewingAgency')} value={f.reviewingAgency} onChange={set('reviewingAgency')} />
          <TextField label={t('website.reporter')} value={f.reporterName ?? actorName ?? ''} onChange={set('reporterName')} />
          <TextField label={t('website.reporterPhone')} type="tel" value={f.reporterPhone} onChange={set('reporterPhone')} />
          <TextField label={t('website.reporterEmail')} type="email" value={f.reporterEmail} onChange={set('reporterEmail')} />
          <TextField label={t('website.vendor')} value={f.vendor} onChange={set('vendor')} />
        </div>
        <label className="desk-inline">
          <input type="checkbox" checked={f.onBehalf} onChange={(e) => set('onBehalf')(e.target.checked)} />
          {t('website.onBehalf')}
        </label>
        {f.onBehalf && <TextField label={t('website.onBehalfOf')} value={f.onBehalfOf} onChange={set('onBehalfOf')} />}
      </fieldset>

      <fieldset>
        <legend>{t('website.incident')}</legend>
        <div className="desk-grid">
          <TextField
            label={t('website.awareAt')}
            type="datetime-local"
            value={f.awareAt ?? awareDefault}
            onChange={set('awareAt')}
            {...(f.awareAt === null && awareDefault ? { hint: t('website.awareAtPrefilled') } : {})}
          />
          <TextField label={t('website.occurredAt')} type="datetime-local" value={f.occurredAt} onChange={set('occurredAt')} />
          <Field label={t('website.category')}>
            {(id) => (
              <select
                id={id}
                value={f.category}
                onChange={(e) => {
                  const category = e.target.value as Category;
                  setF((prev) => ({ ...prev, category, symptom: CATEGORY_SYMPTOMS[category][0] ?? '' }));
                }}
              >
                {(Object.keys(CATEGORY_SYMPTOMS) as Category[]).map((c) => (
                  <option key={c} value={c}>
                    {t(`glossary:incidentCategories.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {f.category === 'other' ? (
            <TextField label={t('website.otherText')} value={f.otherText} onChange={set('otherText')} />
          ) : (
            <Field label={t('website.symptom')}>
              {(id) => (
                <select id={id} value={f.symptom} onChange={(e) => set('symptom')(e.target.value)}>
                  {CATEGORY_SYMPTOMS[f.category].map((s) => (
                    <option key={s} value={s}>
                      {t(`symptoms.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </div>
        <TextField label={t('website.description')} multiline value={f.description} onChange={set('description')} />
        <TextField label={t('website.scope')} multiline value={f.scope} onChange={set('scope')} />
        <RadioGroup
          legend={t('website.othersAffected')}
          value={f.othersAffected}
          onChange={set('othersAffected')}
          options={[
            ['none', t('website.affected.none')],
            ['unsure', t('website.affected.unsure')],
            ['yes', t('website.affected.yes')],
          ]}
        />
        <TextField label={t('website.detectedBy')} value={f.detectedBy} onChange={set('detectedBy')} />
      </fieldset>

      <fieldset>
        <legend>{t('website.impact')}</legend>
        <LevelWizard value={wizard} onChange={setWizard} />
        <LevelSelect label={t('website.overall')} value={chosen} onChange={setLevel} />
        {result.level !== null && <p className="desk-hint">{t('website.overallHint', { n: result.level })}</p>}
        {result.level !== null && chosen !== '' && chosen !== result.level && <p className="desk-warn">{t('website.overallDiffers')}</p>}
      </fieldset>

      <fieldset>
        <legend>{t('website.support')}</legend>
        <RadioGroup
          legend={t('website.supportNeeded')}
          value={f.supportNeeded}
          onChange={set('supportNeeded')}
          options={[
            ['no', t('common.no')],
            ['yes', t('common.yes')],
          ]}
        />
        {f.supportNeeded === 'yes' && <TextField label={t('website.supportWhat')} value={f.supportWhat} onChange={set('supportWhat')} />}
      </fieldset>
      <SubmitButton>{t('website.submitInitial')}</SubmitButton>
    </ActionForm>
  );
}

function useResponseFields() {
  const [logs, setLogs] = useState<string[]>([]);
  const [findings, setFindings] = useState('');
  const [steps, setSteps] = useState('');
  const [status, setStatus] = useState('none');
  return { logs, setLogs, findings, setFindings, steps, setSteps, status, setStatus };
}

function FollowUp() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act, levelInForce } = useDesk();
  const r = useResponseFields();
  const stated = levelInForce;
  const [change, setChange] = useState(false);
  const [to, setTo] = useState<Level | ''>('');
  // The "from" level is the level in force (the engine's), never typed: a change is from what stands.
  const from = stated;
  const noChange = change && to !== '' && to === from;
  const fields = { logsKept: r.logs, findings: r.findings, steps: r.steps, recoveryStatus: r.status };

  return (
    <ActionForm
      title={t('website.followupTitle')}
      onSubmit={() => {
        if (change && to !== '' && !noChange) void act('level.change.requested', { ...(from !== null ? { from } : {}), to, ...fields });
        else if (!change) void act('ui.report.followup', fields);
      }}
    >
      <CheckGroup
        legend={t('website.logsKept')}
        value={r.logs}
        onChange={r.setLogs}
        options={(['host', 'firewall', 'web', 'malware'] as const).map((k) => [k, t(`website.logs.${k}`)] as const)}
      />
      <TextField label={t('website.findings')} multiline value={r.findings} onChange={r.setFindings} />
      <TextField label={t('website.steps')} multiline value={r.steps} onChange={r.setSteps} />
      <RadioGroup
        legend={t('website.recoveryStatus')}
        value={r.status}
        onChange={r.setStatus}
        options={(['none', 'contained', 'recovered'] as const).map((k) => [k, t(`website.status.${k}`)] as const)}
      />
      <label className="desk-inline">
        <input type="checkbox" checked={change} onChange={(e) => setChange(e.target.checked)} />
        {t('website.changeLevel')}
      </label>
      {change && (
        <div className="desk-grid">
          <p>
            {t('common.colon', { a: t('website.fromLevel'), b: '' })}
            <output>{from !== null ? t('common.levelN', { n: from }) : '—'}</output>
          </p>
          <LevelSelect label={t('website.toLevel')} value={to} onChange={setTo} />
        </div>
      )}
      {noChange && <p className="desk-warn">{t('website.sameLevel')}</p>}
      <SubmitButton>{t('website.submitFollowup')}</SubmitButton>
    </ActionForm>
  );
}

function RecoveryRegistration() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act } = useDesk();
  const [status, setStatus] = useState('recovered');
  const [completedAt, setCompletedAt] = useState('');
  const [steps, setSteps] = useState('');
  return (
    <ActionForm
      title={t('website.recoveryTitle')}
      onSubmit={() =>
        void act('recovery.completed', { registeredOnWebsite: true, recoveryStatus: status, ...optionalTime('completedAt', completedAt), steps })
      }
    >
      <RadioGroup
        legend={t('website.recoveryStatus')}
        value={status}
        onChange={setStatus}
        options={(['contained', 'recovered'] as const).map((k) => [k, t(`website.status.${k}`)] as const)}
      />
      <TextField label={t('website.completedAt')} type="datetime-local" value={completedAt} onChange={setCompletedAt} />
      <TextField label={t('website.steps')} multiline value={steps} onChange={setSteps} />
      <SubmitButton>{t('website.submitRecovery')}</SubmitButton>
    </ActionForm>
  );
}

const ROOT_CAUSES = ['os-vuln', 'weak-password', 'app-vuln', 'web-design', 'human-error', 'misconfig', 'other'] as const;

function ClosureReport() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act } = useDesk();
  const [f, setF] = useState({
    devices: '',
    ips: '',
    os: '',
    securityDevices: '',
    rootCause: 'app-vuln',
    hardening: '',
    management: '',
    handler: '',
    closedAt: '',
  });
  const set = (k: keyof typeof f) => (v: string) => setF((prev) => ({ ...prev, [k]: v }));
  return (
    <ActionForm title={t('website.closureTitle')} onSubmit={() => {
        const { closedAt, ...rest } = f;
        void act('closure.submitted', { ...rest, ...optionalTime('closedAt', closedAt) });
      }}>
      <div className="desk-grid">
        <TextField label={t('website.devices')} value={f.devices} onChange={set('devices')} />
        <TextField label={t('website.ips')} value={f.ips} onChange={set('ips')} />
        <TextField label={t('website.os')} value={f.os} onChange={set('os')} />
        <TextField label={t('website.securityDevices')} value={f.securityDevices} onChange={set('securityDevices')} />
        <Field label={t('website.rootCause')}>
          {(id) => (
            <select id={id} value={f.rootCause} onChange={(e) => set('rootCause')(e.target.value)}>
              {ROOT_CAUSES.map((c) => (
                <option key={c} value={c}>
                  {t(`website.rootCauses.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField label={t('website.handler')} value={f.handler} onChange={set('handler')} />
        <TextField label={t('website.closedAt')} type="datetime-local" value={f.closedAt} onChange={set('closedAt')} />
      </div>
      <TextField label={t('website.hardening')} multiline value={f.hardening} onChange={set('hardening')} />
      <TextField label={t('website.management')} multiline value={f.management} onChange={set('management')} />
      <SubmitButton>{t('website.submitClosure')}</SubmitButton>
    </ActionForm>
  );
}
