/** P20: the response meeting (chair, topics, who was invited, minutes). A meeting without the scope topic is allowed, and scored. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_INVITEES as INVITED, MEETING_TOPICS as TOPICS, TEAM_ROLES } from '@/engine/record/vocabulary';
import { useDesk } from '../desk-context';
import { ActionForm, CheckGroup, Field, SubmitButton, TextField } from './form-parts';



export function MeetingForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { t: tc } = useTranslation(['common', 'glossary']);
  const { act, role } = useDesk();
  const [chair, setChair] = useState<string>((TEAM_ROLES as readonly string[]).includes(role) ? role : 'commander');
  const [topics, setTopics] = useState<string[]>([]);
  const [invited, setInvited] = useState<string[]>([]);
  const [minutes, setMinutes] = useState('');
  return (
    <ActionForm title={t('forms.meeting')} intro={t('meeting.intro')} onSubmit={() => void act('meeting.held', { chair, topics, invited, minutes })}>
      <Field label={t('meeting.chair')}>
        {(id) => (
          <select id={id} value={chair} onChange={(e) => setChair(e.target.value)}>
            {[...TEAM_ROLES, 'ciso' as const].map((r) => (
              <option key={r} value={r}>
                {tc(`glossary:roles.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <CheckGroup legend={t('meeting.topics')} value={topics} onChange={setTopics} options={TOPICS.map((k) => [k, t(`glossary:meetingTopics.${k}`)] as const)} />
      <CheckGroup legend={t('meeting.invited')} value={invited} onChange={setInvited} options={INVITED.map((k) => [k, t(`glossary:recipients.${k}`)] as const)} />
      <TextField label={t('meeting.minutes')} multiline value={minutes} onChange={setMinutes} />
      <SubmitButton>{t('meeting.submit')}</SubmitButton>
    </ActionForm>
  );
}
