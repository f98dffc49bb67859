/**
 * P25(2)–(4) — evidence-preserved. procedure.md: "no standby system: image the victim's storage
 * (disk, VM image) before rebuilding on clean media, test before service; standby system: switch
 * to it, keep the victim system, rebuild only after root-cause analysis or a full image, test, then
 * switch back; standby also compromised: keep minimal external service while preserving evidence" ·
 * limit: by the recovery limit (drill).
 */
import { say, type ReasonRef } from '../../base/reason-ref';
import type { DrillEvent } from '../../record/schema';
import { obligation } from './types';

export const evidencePreserved = obligation({
  id: 'evidence-preserved',
  points: ['P25(2)', 'P25(3)', 'P25(4)'],
  who: 'intel-planning',
  trigger: 'incident.aware',
  doneBy: ['media.imaged', 'service.switched', 'service.minimal'],
  limit: { kind: 'recovery-limit' },
  applies: { school: true },
  scored: true,
  weight: 5,
  // Its improvement-plan lines are src/locales/{zh-TW,en}/remedies.json under 'evidence-preserved'.
  remedy: { tier: 'medium' },
  // Which event meets it depends on the backup there is (P25(2), (3) or (4)).
  check: (ctx) => {
    const backup = ctx.record.scenario.backup ?? 'none';
    const rebuilds = ctx.all('system.rebuilt');
    const tests = ctx.all('system.tested');
    const imaged = ctx.first('media.imaged');
    const violations: ReasonRef[] = [];
    const imagedBeforeFirstRebuild = (): void => {
      if (rebuilds.length > 0 && (imaged === undefined || imaged.seq > rebuilds[0].seq)) violations.push(say('evidence-preserved.rebuilt-before-image', { seq: rebuilds[0].seq }));
    };
    let done: DrillEvent | undefined;
    let pending: ReasonRef[] = [];
    if (backup === 'none') {
      // P25(2): image first, rebuild on clean media, test before service.
      imagedBeforeFirstRebuild();
      for (const r of rebuilds) if (ctx.data(r).cleanMedia !== true) violations.push(say('evidence-preserved.rebuilt-unclean', { seq: r.seq }));
      const recovered = ctx.first('recovery.completed');
      if (recovered !== undefined) {
        const lastRebuild = [...rebuilds].reverse().find((r) => r.seq < recovered.seq);
        if (lastRebuild !== undefined && !tests.some((t) => t.seq > lastRebuild.seq && t.seq < recovered.seq)) {
          violations.push(say('evidence-preserved.untested-before-service', { rebuild: lastRebuild.seq, recovery: recovered.seq }));
        }
      }
      done = imaged;
      pending = [say('evidence-preserved.no-image')];
    } else if (backup === 'available') {
      // P25(3): switch to the standby, rebuild only after root cause or a full image, test, then switch back.
      const switches = ctx.all('service.switched');
      for (const r of rebuilds) {
        if (ctx.firstOf(['rootcause.completed', 'media.imaged'], (e) => e.seq < r.seq) === undefined) violations.push(say('evidence-preserved.rebuilt-without-basis', { seq: r.seq }));
      }
      // Settled point 11: a switch back to primary needs a system.tested after the last system.rebuilt before it.
      for (const s of switches) {
        if (ctx.data(s).to !== 'primary') continue;
        const lastRebuild = [...rebuilds].reverse().find((r) => r.seq < s.seq);
        if (lastRebuild === undefined) violations.push(say('evidence-preserved.switched-back-unrebuilt', { seq: s.seq }));
        else if (!tests.some((t) => t.seq < s.seq && t.seq > lastRebuild.seq)) violations.push(say('evidence-preserved.switched-back-untested', { seq: s.seq, rebuild: lastRebuild.seq }));
      }
      done = switches.find((s) => ctx.data(s).to === 'backup');
      pending = [say('evidence-preserved.no-switch')];
    } else {
      // P25(4): standby also compromised: keep minimal service while preserving evidence.
      imagedBeforeFirstRebuild();
      const minimal = ctx.first('service.minimal');
      if (minimal !== undefined && imaged !== undefined) done = minimal.seq > imaged.seq ? minimal : imaged;
      pending = [...(minimal ? [] : [say('evidence-preserved.no-minimal')]), ...(imaged ? [] : [say('evidence-preserved.no-image')])];
    }
    return { done, violations, pending, notes: [say('evidence-preserved.backup', { backup: { value: backup, of: 'backup' } })] };
  },
});
