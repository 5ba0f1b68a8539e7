export { DEFAULT_RULES } from './defaults';
export { effectiveRules, overrideIssues, type EffectiveRule, type OverrideIssue } from './overrides';
