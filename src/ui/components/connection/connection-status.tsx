/**
 * The drill server connection, said plainly (shown only when the page is served by the drill
 * server). Offline, the desk greys out its actions: nothing is sent, nothing pretends to be recorded.
 */
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { Connection } from '@/ui/drill-runtime';
import { registerStrings } from '@/ui/i18n';
import zh from '@/locales/zh-TW/connection.json';
import en from '@/locales/en/connection.json';
import './connection.css';

registerStrings('connection', { 'zh-TW': zh, en });

export function ConnectionStatus({ connection }: { connection: Connection | undefined }) {
  const { t } = useTranslation('connection');
  if (!connection || connection === 'online') return null;
  return (
    <p role="alert" className={`callout connection-${connection}`}>
      {t(connection)}
    </p>
  );
}

/** Greys out and disables every control inside while the drill server is not reachable. */
export function OfflineGuard({ connection, children }: { connection: Connection | undefined; children: ReactNode }) {
  const offline = connection === 'offline' || connection === 'connecting';
  return (
    <fieldset className="offline-guard" disabled={offline} aria-disabled={offline || undefined} data-offline={offline || undefined}>
      {children}
    </fieldset>
  );
}
