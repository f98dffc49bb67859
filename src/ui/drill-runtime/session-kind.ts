/**
 * Which kind of drill-server link this window's session came from, per drill (issue 9): the app's
 * menu offers the console only to those meant to see it, the facilitator (who runs it) and the
 * observer/projector (whose link opens it, read-only). A participant's or DoIT reviewer's phone does
 * not list it. Set when the server welcomes the window (useDrill), kept for the window's life
 * (sessionStorage) so the menu stays right on a page that holds no connection (the debrief).
 * Served without a drill server there are no sessions: nothing is known and nothing is hidden.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Identity } from '@/runtime/server-protocol';

type Kind = Identity['kind'];

interface SessionKinds {
  byDrill: Record<string, Kind>;
  remember: (drillId: string, kind: Kind) => void;
}

export const useSessionKinds = create<SessionKinds>()(
  persist(
    (set) => ({
      byDrill: {},
      remember: (drillId, kind) => set((s) => (s.byDrill[drillId] === kind ? s : { byDrill: { ...s.byDrill, [drillId]: kind } })),
    }),
    { name: 'tdrill.session-kinds', version: 1, storage: createJSONStorage(() => sessionStorage), partialize: (s) => ({ byDrill: s.byDrill }) },
  ),
);

/** Whether the console belongs in this window's menu for a drill. */
export function consoleInMenu(kind: Kind | undefined): boolean {
  return kind === undefined || kind === 'facilitator' || kind === 'observer';
}

/** The console's entry in the menu for a drill, as this window's session allows. */
export function useConsoleInMenu(drillId: string | undefined): boolean {
  return useSessionKinds((s) => (drillId ? consoleInMenu(s.byDrill[drillId]) : true));
}
