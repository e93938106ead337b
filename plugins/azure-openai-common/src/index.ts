/**
 * Control catalog, evaluation engine, scoring and shared permissions for the Azure OpenAI golden
 * path. Pure TypeScript: no I/O, runs in the browser and in Node.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './evidence';
export * from './permissions';
export type * from './api';
export {
  GOLDEN_PATH_EVENTS_TOPIC,
  GOLDEN_PATH_PROVENANCE_TAGS,
  TEMPLATE_VERSION_ANNOTATION,
  parseGoldenPathEvent,
} from './events';
export type {
  GoldenPathProvisionedEvent,
  ParsedGoldenPathEvent,
} from './events';
export { SEED_PRACTICES, AREA_TITLES } from './catalog/practices';
export type { SeedPractice } from './catalog/practices';
export {
  listControls,
  getControl,
  getControlsByPractice,
  getControlsByArea,
  CONTROL_AREAS,
} from './catalog/catalog';
export { evaluateAccount } from './engine/evaluate';
export {
  scoreResults,
  aggregateScores,
  gradeForScore,
  worseGrade,
  SEVERITY_WEIGHTS,
  GRADE_THRESHOLDS,
  CRITICAL_FAILURE_GRADE_CAP,
} from './engine/scoring';
export type {
  AggregatePosture,
  ScoreOptions,
  WaivedScoring,
} from './engine/scoring';
export {
  resolvePolicy,
  DEFAULT_REQUIRED_POLICY_DEFINITION_IDS,
} from './engine/policy';
export * from './controls';
export { renderControlDocs } from './docs/renderControlDocs';
export { remediationMarkdown } from './docs/remediationMarkdown';
export * from './goldenPath';
