/**
 * Who may send what, from the socket's session (never from the message). This is access control,
 * not the procedure: which roles a person holds and what each role may do stay in the engine, which
 * checks the named person against the roster (drill-rules.ts, "role-not-held"). The server only
 * puts the session's name on the action, and keeps the facilitator's controls for the facilitator.
 */
import { reason, type Reason } from '@/engine/base/reason';
import type { RuntimeCommand } from '@/runtime/protocol';
import type { Identity } from '@/runtime/server-protocol';
import { serverPair } from './server-text';

export const readOnlyReason: Reason = reason('read-only', ...serverPair('authorize.readOnly'));
export const facilitatorOnlyReason: Reason = reason('facilitator-only', ...serverPair('authorize.facilitatorOnly'));

/** The command as the session allows it (the actor's name from the session), or why not. */
export function authorize(me: Identity, command: RuntimeCommand): { ok: true; command: RuntimeCommand } | { ok: false; reason: Reason } {
  if (me.kind === 'observer') return { ok: false, reason: readOnlyReason };
  if (command.kind !== 'action') {
    // The clock, injects, start and end are the facilitator's.
    return me.kind === 'facilitator' ? { ok: true, command } : { ok: false, reason: facilitatorOnlyReason };
  }
  const { actor } = command.action;
  // The facilitator acts unnamed: the session host names them from the roster (and as the roles
  // they play). A participant always acts under their own name; the engine refuses a role they
  // do not hold.
  const name = me.kind === 'facilitator' ? undefined : me.name;
  return { ok: true, command: { kind: 'action', action: { ...command.action, actor: { role: actor.role, ...(name ? { name } : {}) } } } };
}
