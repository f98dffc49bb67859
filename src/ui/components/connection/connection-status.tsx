/**
 * The drill server connection, said plainly (shown only when the page is served by the drill
 * server). Offline, the desk greys out its actions: nothing is sent, nothing pretends to be recorded.
 */
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { Connection } from '@/ui/drill-runtime';
import { registerStrings } from '@/ui/i18n';
import './connection.css';

registerStrings('connection', {
  'zh-TW': {
    offline: '與演練伺服器斷線，正在重新連線… 斷線期間無法操作；已送出但未確認的動作會在恢復後自動重送一次，不會重複記錄。',
    connecting: '正在連線到演練伺服器…',
    followsServer: '此畫面與演練伺服器同步（由伺服器排序與儲存演練紀錄）',
  },
  en: {
    offline: 'Disconnected from the drill server; reconnecting… You cannot act until it is back. Actions sent but not yet confirmed are sent again once, automatically, and never recorded twice.',
    connecting: 'Connecting to the drill server…',
    followsServer: 'This screen follows the drill server (which orders and stores the log)',
  },
});

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
