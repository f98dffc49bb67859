/**
 * Join links (issue 9): a random 128-bit token per link, of which only the SHA-256 is stored.
 * Shared by the drill routes (app.ts) and the city exercise routes (city/city-routes.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DrillHeader } from '@/runtime/drill-header';
import { wallIso } from '@/ui/lib/time-format';
import type { JoinLink, LinkKind } from './store/store';

export const ADMIN_COOKIE = 'tdrill_admin';
export const drillCookie = (drillId: string): string => `tdrill_d_${drillId}`;

export const newToken = (): string => randomBytes(16).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const publicLink = (l: JoinLink): Omit<JoinLink, 'tokenHash'> => {
  const { tokenHash: _hash, ...rest } = l;
  return rest;
};

export function makeLink(kind: LinkKind, roles: string[], name?: string): { link: JoinLink; token: string } {
  const token = newToken();
  return {
    token,
    link: { id: randomBytes(6).toString('hex'), kind, roles, ...(name ? { name } : {}), tokenHash: hashToken(token), createdWall: wallIso(Date.now()) },
  };
}

/** The links a new drill gets: the facilitator, each person (with their roles), an observer, DoIT's reviewer. */
export function initialLinks(header: DrillHeader): { link: JoinLink; token: string }[] {
  const out = [makeLink('facilitator', ['facilitator'])];
  for (const p of header.participants) {
    if (p.roles.length === 1 && p.roles[0] === 'facilitator') continue;
    out.push(makeLink('participant', p.roles.filter((r) => r !== 'facilitator'), p.name));
  }
  out.push(makeLink('observer', []));
  const reviewer = header.participants.find((p) => p.roles.includes('doit-reviewer'));
  out.push(makeLink('reviewer', ['doit-reviewer'], reviewer?.name));
  return out;
}
