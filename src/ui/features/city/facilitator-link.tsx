/**
 * An agency's facilitator link on DoIT's live city page (issue 11): its QR code and address when
 * this browser holds it, and a reissue that works from any browser and any server process. The
 * server keeps only each token's hash, so a link made elsewhere cannot be shown again: reissuing
 * revokes the agency's open facilitator link (its sessions end on every process) and issues a new
 * one, shown here, kept in this browser and printed on the link sheet. A second click confirms,
 * since the agency's facilitator then needs the new link.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LinkQr } from '@/ui/components/link-qr/link-qr';
import './city-live-strings';

/** Where this browser keeps the facilitator links it holds, per exercise: drill id → path. */
export const facilitatorKey = (exerciseId: string): string => `tdrill-city-facilitators:${exerciseId}`;

function remember(exerciseId: string, drillId: string, path: string): void {
  try {
    const held = JSON.parse(localStorage.getItem(facilitatorKey(exerciseId)) ?? '{}') as Record<string, string>;
    localStorage.setItem(facilitatorKey(exerciseId), JSON.stringify({ ...held, [drillId]: path }));
  } catch {
    // A browser that keeps nothing still shows the link now.
  }
}

interface Reply {
  ok: boolean;
  path?: string;
  reason?: { zh: string; en: string };
}

export function AgencyFacilitatorLink({ exerciseId, drillId, name, path: held }: { exerciseId: string; drillId: string; name: string; path: string | undefined }) {
  const { t, i18n } = useTranslation('cityLive');
  const [path, setPath] = useState(held);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; failed: boolean } | null>(null);

  const reissue = async () => {
    setBusy(true);
    setNote(null);
    try {
      const res = await fetch(`/api/city/exercises/${encodeURIComponent(exerciseId)}/drills/${encodeURIComponent(drillId)}/facilitator-link`, { method: 'POST', credentials: 'same-origin' });
      const body = (await res.json().catch(() => ({ ok: false }))) as Reply;
      if (!res.ok || !body.ok || !body.path) {
        const why = body.reason ? (i18n.language === 'en' ? body.reason.en : body.reason.zh) : `HTTP ${res.status}`;
        setNote({ text: t('agencies.reissueFailed', { why }), failed: true });
        return;
      }
      remember(exerciseId, drillId, body.path);
      setPath(body.path);
      setNote({ text: t('agencies.reissued', { name }), failed: false });
    } catch (e) {
      setNote({ text: t('agencies.reissueFailed', { why: (e as Error).message }), failed: true });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const url = path ? `${location.origin}${path}` : null;
  return (
    <div className="city-facilitator-link">
      {url ? (
        <>
          <LinkQr url={url} label={t('agencies.qr', { name })} size={96} />
          <code>{url}</code>
        </>
      ) : (
        <span className="muted">{t('agencies.linkElsewhere')}</span>
      )}{' '}
      {confirming ? (
        <span role="group" aria-label={t('agencies.reissueOf', { name })}>
          <span>{t('agencies.reissueConfirm', { name })}</span>{' '}
          <button type="button" className="danger" disabled={busy} onClick={() => void reissue()}>
            {t('agencies.reissueYes')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            {t('agencies.reissueCancel')}
          </button>
        </span>
      ) : (
        <button type="button" aria-label={t('agencies.reissueOf', { name })} onClick={() => setConfirming(true)}>
          {t('agencies.reissue')}
        </button>
      )}
      {note && (
        <p role={note.failed ? 'alert' : 'status'} className={note.failed ? 'warn' : 'ok'}>
          {note.text}
        </p>
      )}
    </div>
  );
}
