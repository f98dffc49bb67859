/**
 * What the console adds when served by the drill server: the connection status and the join
 * links panel (lazy: it brings the QR code library). Nothing in the browser-only mode.
 */
import { lazy, Suspense } from 'react';
import { isServerMode, type Connection } from '@/ui/drill-runtime';
import { ConnectionStatus } from '@/ui/components/connection/connection-status';

const ServerLinksPanel = lazy(() => import('./server-links-panel'));

/** `links`: the join links panel (the facilitator's only). */
export function ServerConsoleExtras({ drillId, drillTitle, connection, links = true }: { drillId: string; drillTitle?: string; connection: Connection | undefined; links?: boolean }) {
  if (!isServerMode()) return null;
  return (
    <>
      <ConnectionStatus connection={connection} />
      {links && (
        <Suspense fallback={null}>
          <ServerLinksPanel drillId={drillId} {...(drillTitle ? { drillTitle } : {})} />
        </Suspense>
      )}
    </>
  );
}
