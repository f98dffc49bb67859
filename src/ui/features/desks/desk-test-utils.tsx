/**
 * Test support for the desks: a real engine drill session (so the inbox, the level in force and
 * the available actions are the engine's), a recording dispatch double, and a render helper.
 */
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { vi } from 'vitest';
import { createDrillSession, type DrillSession } from '@/engine/drill/drill-session';
import type { ScheduledInject } from '@/engine/drill/inject';
import type { Agency, DrillEvent, ScenarioFacts } from '@/engine/record/schema';
import type { ActorRole } from '@/engine/record/vocabulary';
import { parseIsoMs } from '@/engine/time/taipei';
import { i18n } from '@/ui/i18n';
import type { DeskCommand, DeskParticipant, Dispatch, DispatchResult } from './desk-model';
import type { Guidance } from '@/ui/persistence/drill-header';
import { DeskView, type DeskSnapshot } from './desk-view';

export const T0 = '2026-03-02T09:00:00+08:00';
export const T0_MS = parseIsoMs(T0);
const MIN = 60_000;

export const AGENCY: Agency = { name: '臺北市政府測試局', type: 'agency', hasItUnit: true, hasSecurityOfficer: true };
export const SCENARIO: ScenarioFacts = {
  id: 'desk-test',
  referenceLevel: 3,
  affectedAgencies: ['臺北市政府警察局'],
  malware: true,
  personalData: true,
  backup: 'none',
};

export const PEOPLE: DeskParticipant[] = [
  { name: '王大明', position: 'security-officer', roles: ['reporting-contact'] },
  { name: '李小華', position: 'deputy-reporting-contact', roles: ['reporting-contact'] },
  { name: '陳志明', position: 'ciso', roles: ['ciso', 'commander'] },
  { name: '林美玲', position: 'it-unit-head', roles: ['intel-planning'] },
  { name: '張建國', position: 'affected-unit-head', roles: ['response-execution'] },
  { name: '黃新聞', position: 'press-officer', roles: ['press-contact'] },
  { name: '周秘書', position: 'it-unit-head', roles: ['executive-secretary'] },
  { name: '趙廠商', position: 'vendor', roles: [], vendor: true },
  { name: '主持人甲', position: 'staff', roles: ['facilitator'] },
];

const inject = (id: string, offsetMin: number, to: ActorRole, zh: string, en: string, extra: Partial<ScheduledInject> = {}): ScheduledInject => ({
  id,
  offsetMs: offsetMin * MIN,
  title: { zh, en },
  message: { zh: `${zh}：詳細內容`, en: `${en}: details` },
  sender: 'soc',
  to,
  channel: 'phone',
  expected: [],
  ...extra,
});

export const INJECTS: ScheduledInject[] = [
  inject('soc-alert', 5, 'reporting-contact', '資安監控中心來電', 'SOC calls'),
  inject('vendor-call', 10, 'reporting-contact', '廠商回報加密情形', 'Vendor reports encryption', {
    sender: 'vendor',
    senderName: { zh: '維護廠商甲公司', en: 'Vendor A Ltd.' },
    channel: 'email',
  }),
  inject('doit-ask', 15, 'doit-reviewer', '資訊局收到通報', 'DoIT gets the report'),
  inject('network-down', 30, 'reporting-contact', '機房網路中斷', 'Network down', { world: [{ kind: 'outage.start', what: 'network' }] }),
];

/** A started drill (T0 at start), advanced `minutes` past T0 so injects up to then are delivered. */
export function startedSession(minutes = 12, injects: ScheduledInject[] = INJECTS): DrillSession {
  const session = createDrillSession({
    header: { agency: AGENCY, scenario: SCENARIO, participants: PEOPLE.map((p) => ({ ...p, roles: [...p.roles] })), mode: 'tabletop' },
    injects,
    t0Ms: T0_MS,
  });
  const started = session.start();
  if (!started.ok) throw new Error(started.reason.en);
  if (minutes > 0) session.jumpBy(minutes * MIN);
  session.pause();
  return session;
}

export function snapshotOf(session: DrillSession): DeskSnapshot {
  const snap = session.snapshot();
  const roles: ActorRole[] = ['commander', 'executive-secretary', 'press-contact', 'reporting-contact', 'intel-planning', 'response-execution', 'ciso', 'doit-reviewer', 'acs', 'vendor', 'facilitator'];
  return {
    machine: snap.machine,
    inbox: Object.fromEntries(roles.map((r) => [r, session.inbox(r)])),
    availableActions: Object.fromEntries(roles.map((r) => [r, session.availableActions(r)])),
    t0Ms: snap.t0Ms,
    started: snap.started,
    ended: snap.ended,
  };
}

/** A dispatch double that records every command and answers with `answer` (default: accepted). */
export function recordingDispatch(answer?: (cmd: DeskCommand) => DispatchResult) {
  const calls: DeskCommand[] = [];
  let seq = 100;
  const dispatch = vi.fn<Dispatch>(async (cmd) => {
    calls.push(cmd);
    if (answer) return answer(cmd);
    seq += 1;
    const event: DrillEvent = { seq, at: '2026-03-02T09:12:00+08:00', actor: { ...cmd.actor }, type: cmd.type, data: cmd.data ?? {} };
    return { ok: true, event, events: [event] };
  });
  return { dispatch, calls };
}

/** Dispatch through the real engine session (accepts mistakes, refuses the impossible). */
export function engineDispatch(session: DrillSession): Dispatch {
  return async (cmd) => {
    return session.dispatch(cmd);
  };
}

export function renderDesk(
  role: ActorRole,
  options: { session?: DrillSession; dispatch?: Dispatch; events?: DrillEvent[]; guidance?: Guidance; identityKey?: string } = {},
) {
  const session = options.session ?? startedSession();
  const dispatch = options.dispatch ?? recordingDispatch().dispatch;
  const view = (s: DrillSession) => (
    <I18nextProvider i18n={i18n}>
      <DeskView
        role={role}
        agency={AGENCY}
        scenario={SCENARIO}
        participants={PEOPLE}
        events={options.events ?? (s.events() as DrillEvent[])}
        snapshot={snapshotOf(s)}
        clock={{ simNowMs: s.now(), running: false }}
        dispatch={dispatch}
        directoryHref="#/drill/d1/desks"
        {...(options.guidance ? { guidance: options.guidance } : {})}
        {...(options.identityKey ? { identityKey: options.identityKey } : {})}
      />
    </I18nextProvider>
  );
  const utils = render(view(session));
  return { ...utils, session, rerenderFrom: (s: DrillSession) => utils.rerender(view(s)) };
}
