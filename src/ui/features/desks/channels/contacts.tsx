/**
 * Phone and TaipeiON contacts: ACS (the phone report of P11), DoIT (Att.1's phone call for L3/4,
 * P14's copy) and other agencies (P12). E-mail is offered too: people do send e-mail, and scoring
 * knows it is not a notification under P12.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Level } from '@/engine/record/vocabulary';
import { useDesk } from '../desk-context';
import { ActionForm, Field, LevelSelect, SubmitButton, TextField, Intro } from '../forms/form-parts';

const NOTIFY_CHANNELS = ['phone', 'taipeion', 'email'] as const;

export function Contacts() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act, levelInForce, scenario, outage, guidance } = useDesk();
  // Assessment fills in nothing: the P11 reason and the level are the participant's to give, so a
  // phone report without a reason can happen and scoring can flag it (report-fallback).
  const coaching = guidance === 'coaching';
  const [level, setLevel] = useState<Level | ''>(coaching ? (levelInForce ?? '') : '');
  const [reason, setReason] = useState(coaching && outage ? t('contacts.outageReason', { what: t(`glossary:outageCauses.${outage.what}`, { defaultValue: outage.what }) }) : '');
  const [summary, setSummary] = useState('');
  const [copyChannel, setCopyChannel] = useState('email');
  const affected = scenario.affectedAgencies ?? [];

  return (
    <div className="desk-stack">
      <ActionForm
        title={t('contacts.acs')}
        intro={t('contacts.acsIntro')}
        onSubmit={() => void act('report.phoned', { to: 'acs', reason, ...(level !== '' ? { level } : {}), summary })}
      >
        <div className="desk-grid">
          <LevelSelect label={t('common.level')} value={level} onChange={setLevel} />
          <TextField label={t('contacts.reason')} value={reason} onChange={setReason} />
        </div>
        <TextField label={t('contacts.summary')} multiline value={summary} onChange={setSummary} />
        <SubmitButton>{t('contacts.phoneAcs')}</SubmitButton>
      </ActionForm>

      <section className="desk-form" aria-labelledby="desk-contacts-doit">
        <h3 id="desk-contacts-doit">{t('contacts.doit')}</h3>
        <Intro>{t('contacts.doitIntro')}</Intro>
        <div className="row-actions">
          <button type="button" onClick={() => void act('doit.phoned', { channel: 'phone' })}>
            {t('contacts.phoneDoit')}
          </button>
          <Field label={t('contacts.copyChannel')}>
            {(id) => (
              <select id={id} value={copyChannel} onChange={(e) => setCopyChannel(e.target.value)}>
                {(['email', 'taipeion', 'phone', 'other'] as const).map((c) => (
                  <option key={c} value={c}>
                    {t(`glossary:channels.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" onClick={() => void act('doit.copied', { channel: copyChannel })}>
            {t('contacts.copyDoit')}
          </button>
        </div>
      </section>

      <section className="desk-form" aria-labelledby="desk-contacts-agencies">
        <h3 id="desk-contacts-agencies">{t('contacts.agencies')}</h3>
        <Intro>{t('contacts.agenciesIntro')}</Intro>
        <ul className="desk-contact-list">
          {affected.map((agency) => (
            <AgencyContact key={agency} agency={agency} />
          ))}
          <AgencyContact />
        </ul>
      </section>
    </div>
  );
}

function AgencyContact({ agency }: { agency?: string }) {
  const { t } = useTranslation(['desks', 'glossary']);
  const { act } = useDesk();
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<string>('phone');
  const target = agency ?? name;
  return (
    <li>
      {agency ? <strong>{agency}</strong> : <TextField label={t('contacts.otherAgency')} value={name} onChange={setName} />}
      <Field label={agency ? t('contacts.channelFor', { agency }) : t('contacts.channel')}>
        {(id) => (
          <select id={id} value={channel} onChange={(e) => setChannel(e.target.value)}>
            {NOTIFY_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`glossary:channels.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="button" disabled={!target.trim()} onClick={() => void act('agency.notified', { agency: target.trim(), channel })}>
        {agency ? t('contacts.notify', { agency }) : t('contacts.notifyOther')}
      </button>
    </li>
  );
}
