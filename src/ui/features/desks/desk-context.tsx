/**
 * What every form and channel of a desk needs: the log, the setup facts, the clock, and `act`,
 * which sends one action to the engine as this desk's role and the person acting. Provided by
 * DeskView; forms read it with useDesk().
 */
import { createContext, useContext } from 'react';
import type { Agency, DrillEvent, ScenarioFacts } from '@/engine/record/schema';
import type { ActorRole, Level } from '@/engine/record/vocabulary';
import type { DeskParticipant, DispatchResult } from './desk-model';
import type { FormId } from './desk-forms';
import type { Guidance } from '@/ui/persistence/drill-header';

export interface DeskEnv {
  role: ActorRole;
  actorName?: string;
  events: readonly DrillEvent[];
  agency: Agency;
  scenario: ScenarioFacts;
  participants: readonly DeskParticipant[];
  nowMs: number;
  /** The outage in progress (the engine's), if any: the reporting website cannot be reached (P11). */
  outage: { what: string } | null;
  /** The engine's level in force, once the drill runs. */
  levelInForce: Level | null;
  /** Records an action of this desk; the desk shows the engine's answer. */
  act: (type: string, data?: Record<string, unknown>) => Promise<DispatchResult>;
  pending: boolean;
  /** Assessment: no hints, nothing filled in for the participant. Coaching: hints (training). */
  guidance: Guidance;
  openForm: (id: FormId) => void;
}

export const DeskEnvContext = createContext<DeskEnv | null>(null);

export function useDesk(): DeskEnv {
  const env = useContext(DeskEnvContext);
  if (!env) throw new Error('useDesk() outside a desk');
  return env;
}
