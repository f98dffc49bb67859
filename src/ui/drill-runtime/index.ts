/**
 * The drill runtime's public entry: `useDrill(drillId)` for views, the protocol types, and the
 * registry for tests. Importing it wires the browser environment and the
 * engine's drill session into the per-window registry.
 */
import { configureRuntimes } from './runtime-registry';
import { browserEnvironment } from './transport';
import { sessionFactory } from '@/runtime/session-host';
import type { SessionFactory } from '@/runtime/session-host';

configureRuntimes(browserEnvironment, sessionFactory as () => SessionFactory);

export { useDrill } from './use-drill';
export { runtimeFor, disposeAllRuntimes } from './runtime-registry';
export * from '@/runtime/protocol';
export { type Connection } from './ws-runtime';
export { isServerMode } from './server-mode';
