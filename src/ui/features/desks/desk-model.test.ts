import { describe, expect, it } from 'vitest';
import type { DrillEvent } from '@/engine/record/schema';
import { actionsBy, holdersOf, inboxItems, incomingReports, localInputToIso } from './desk-model';
import { ROLE_FORMS, formForAction, otherFormsFor } from './desk-forms';
import { DESK_ACTIONS } from '@/engine/drill/desk-actions';
import { PEOPLE, startedSession } from './desk-test-utils';

const ev = (seq: number, type: string, role: DrillEvent['actor']['role'], data: Record<string, unknown> = {}): DrillEvent => ({
  seq,
  at: `2026-03-02T09:${String(seq).padStart(2, '0')}:00+08:00`,
  actor: { role },
  type,
  data,
});

describe('desk model', () => {
  it('inbox: the engine inbox newest first, unread after the last seen seq', () => {
    const session = startedSession(12);
    const items = inboxItems(session.inbox('reporting-contact'), 0);
    expect(items.map((i) => i.inject.id)).toEqual(['vendor-call', 'soc-alert']);
    expect(items.every((i) => i.unread)).toBe(true);
    const seen = inboxItems(session.inbox('reporting-contact'), items[1].seq);
    expect(seen.map((i) => i.unread)).toEqual([true, false]);
  });

  it('own actions and DoIT’s incoming reports, newest first', () => {
    const events = [ev(1, 'incident.aware', 'facilitator'), ev(2, 'level.assessed', 'reporting-contact', { level: 3 }), ev(3, 'level.approved', 'ciso', { level: 3 }), ev(4, 'report.submitted', 'reporting-contact', { level: 3 }), ev(5, 'report.phoned', 'reporting-contact')];
    expect(actionsBy(events, 'reporting-contact').map((e) => e.seq)).toEqual([5, 4, 2]);
    expect(incomingReports(events).map((e) => e.seq)).toEqual([5, 4]);
  });

  it('holders of a role are the participants holding it', () => {
    expect(holdersOf(PEOPLE, 'commander').map((p) => p.name)).toEqual(['陳志明']);
    expect(holdersOf(PEOPLE, 'acs')).toEqual([]);
  });

  it('datetime-local values become ISO with +08:00', () => {
    expect(localInputToIso('2026-03-02T09:40')).toBe('2026-03-02T09:40:00+08:00');
    expect(localInputToIso('')).toBe('');
  });

  it('every action the engine offers a desk opens a form of that desk', () => {
    for (const action of DESK_ACTIONS) {
      for (const role of action.roles) {
        if (role === 'facilitator') continue;
        expect(formForAction(role, action.type), `${role} → ${action.type}`).toBeDefined();
      }
    }
  });

  it('team roles may open every team form; the DoIT desk and the facilitator-played desks only their own', () => {
    expect(otherFormsFor('commander')).toContain('website');
    expect(otherFormsFor('commander')).not.toContain('review');
    expect(otherFormsFor('doit-reviewer')).toEqual([]);
    expect(ROLE_FORMS.acs).toEqual(['note']);
  });
});
