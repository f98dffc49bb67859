/**
 * The facilitator's join links (drill server only): one per role holder, the observer/projector
 * and DoIT's reviewer, each with its QR code; revoke and reissue; a printable sheet of them all.
 * The server keeps only each token's hash, so a link can be shown again only in the browser that
 * issued it; elsewhere the facilitator reissues it. QR codes: `qrcode`, loaded on first use.
 */
import { LinkQr, qrDataUrl } from '@/ui/components/link-qr/link-qr';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { joinUrl, knownTokens, listLinks, reissueLink, revokeLink, type ServerLink } from '@/ui/drill-runtime/server-mode';
import type { ActorRole } from '@/engine/record/vocabulary';
import { linksSheetHtml, sheetLinks } from './links-sheet';
import './server-links-strings';
import './server-links.css';


function useLinks(drillId: string) {
  const [links, setLinks] = useState<ServerLink[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tokens, setTokens] = useState<Record<string, string>>({});
  const reload = useCallback(() => {
    listLinks(drillId).then(
      (l) => {
        setLinks(l);
        setTokens(knownTokens(drillId));
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [drillId]);
  useEffect(reload, [reload]);
  return { links, tokens, error, reload };
}


/** Loopback: a link to this address opens on this computer only (no other device reaches it). */
const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/;

export default function ServerLinksPanel({ drillId, drillTitle }: { drillId: string; drillTitle?: string }) {
  const { t, i18n } = useTranslation(['serverLinks', 'glossary']);
  const tc = useTranslation(['common', 'glossary']).t;
  const { links, tokens, error, reload } = useLinks(drillId);
  const [busy, setBusy] = useState(false);
  const lang = i18n.language;

  const who = (l: ServerLink): string => {
    const roles = l.roles.map((r) => tc(`glossary:roles.${r as ActorRole}`)).join(lang === 'en' ? ', ' : '、');
    if (l.kind === 'participant') return lang === 'en' ? `${l.name ?? ''} (${roles})` : `${l.name ?? ''}（${roles}）`;
    // Role words have one home (the glossary's roles.*); only "observer / projector" is this panel's.
    const kind = l.kind === 'observer' ? t('kind.observer') : tc(l.kind === 'reviewer' ? 'glossary:roles.doit-reviewer' : 'glossary:roles.facilitator');
    return kind + (l.name ? (lang === 'en' ? `: ${l.name}` : `：${l.name}`) : '');
  };

  const act = (fn: () => Promise<unknown>) => {
    setBusy(true);
    void fn()
      .catch(() => undefined)
      .finally(() => {
        setBusy(false);
        reload();
      });
  };

  const printSheet = async () => {
    const cards = await Promise.all(sheetLinks(links ?? [], tokens).map(async (l) => ({ who: who(l), url: joinUrl(tokens[l.id]), qr: await qrDataUrl(joinUrl(tokens[l.id])) })));
    const w = window.open('', '_blank');
    if (!w) return;
    const title = drillTitle ? t('sheetTitleOf', { title: drillTitle }) : t('sheetTitle');
    w.document.write(linksSheetHtml({ lang, title, help: t('sheetHelp'), cards }) + '<script>window.onload=()=>window.print()</script></html>');
    w.document.close();
  };

  return (
    <details className="panel server-links" aria-labelledby="server-links-title">
      <summary>
        <h2 id="server-links-title">{t('title')}</h2>
      </summary>
      <p className="muted">{t('help')}</p>
      {LOOPBACK.test(location.hostname) && (
        <p className="callout local-only" role="note">
          {t('localOnly', { host: location.host })}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {!links && !error && <p aria-busy="true">{t('loading')}</p>}
      {links && (
        <>
          <button type="button" onClick={() => void printSheet()} disabled={busy}>
            {t('print')}
          </button>
          <ul className="link-list">
            {links
              .filter((l) => !l.revokedWall)
              .map((l) => {
                const token = tokens[l.id];
                const url = token ? joinUrl(token) : null;
                return (
                  <li key={l.id} className="link-row">
                    {url ? <LinkQr url={url} label={t('qrOf', { who: who(l) })} size={120} /> : null}
                    <div>
                      <strong>{who(l)}</strong>
                      <br />
                      {url ? <code className="link-url">{url}</code> : <span className="muted">{t('notHere')}</span>}
                      <div className="link-actions">
                        <button type="button" disabled={busy} onClick={() => act(() => reissueLink(drillId, l.id))} aria-label={t('reissueOf', { who: who(l) })}>
                          {t('reissue')}
                        </button>
                        <button type="button" disabled={busy} className="danger" onClick={() => window.confirm(t('revokeConfirm', { who: who(l) })) && act(() => revokeLink(drillId, l.id))} aria-label={t('revokeOf', { who: who(l) })}>
                          {t('revoke')}
                        </button>
                      </div>
                    </div>
                  </li>
                );
              })}
          </ul>
        </>
      )}
    </details>
  );
}
