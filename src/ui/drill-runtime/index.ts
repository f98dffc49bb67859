/**
 * The drill runtime's public entry: `useDrill(drillId)` for views, the protocol types, and the
 * runtime class for tests and benchmarks. Importing it wires the browser environment and the
 * engine's drill session into the per-window registry.
 */
import { configureRuntimes } from './runtime-registry';
import { browserEnvironment } from './transport';
import { sessionFactory } from '@/runtime/session-host';
import type { SessionFactory } from '@/runtime/session-host';

configureRuntimes(browserEnvironment, sessionFactory as () => SessionFactory);

export { useDrill, recordOf, type UseDrill, type DrillControls, type DispatchResult } from './use-drill';
export { DrillRuntime, type DrillRuntimeView, type RuntimeState } from './drill-runtime';
export type { SessionFactory, SessionHost } from '@/runtime/session-host';
export { sessionFactory, injectsOf, type DrillSnapshot } from '@/runtime/session-host';
export { acquireRuntime, retainRuntime, releaseRuntime, runtimeFor, disposeAllRuntimes } from './runtime-registry';
export * from '@/runtime/protocol';
export { ServerDrillRuntime, offlineReason, type Connection, type DrillRuntimeLike } from './ws-runtime';
export { isServerMode, saveNewDrill } from './server-mode';
export type { RuntimeEnvironment, ChannelLike, RequestLock } from './transport';
