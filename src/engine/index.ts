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
