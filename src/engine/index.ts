// The engine's public entry: a plain list of re-exports (others add their modules here).
export * from './record/vocabulary';
export * from './record/schema';
export * from './record/parse';
export * from './record/json-schema';
export * from './record/record-builder';
export * from './time/taipei';
export * from './rules/obligations';
export * from './rules/team';
export * from './scoring/types';
export * from './scoring/standard';
export * from './scoring/score';
export { ScoringContext } from './scoring/context';
// The live drill: level wizard, clock, event log, incident machine, drill session.
export * from './rules/levels';
export * from './clock/drill-clock';
export * from './log/event-log';
export * from './machine/drill-rules';
export * from './machine/incident-machine';
export * from './drill/reason';
export * from './drill/inject';
export * from './drill/desk-actions';
export * from './drill/drill-session';
