import type { AlertObject, PulseEvent, Severity, TargetState } from '../../contract';

/** What one rule sees when it evaluates one target. Everything is plain data. */
export interface EvalContext {
  now: number;
  target: TargetState;
  /** This target's recent events, newest first (the last 15 minutes at least). */
  events: readonly PulseEvent[];
  /** Earlier values of a per-object measurement, oldest first (the engine keeps ~15 minutes). */
  history: (key: string) => ReadonlyArray<{ at: number; value: number }>;
}

/** One object for which a rule's condition holds now. */
export interface Condition {
  object: AlertObject;
  /** The measured value, in words. */
  value: string;
  /** Overrides the rule's severity for this observation (e.g. a close escalates to critical). */
  severity?: Severity;
}

/** A measurement the engine should remember for rules that look at growth. */
export interface Observation {
  key: string;
  value: number;
}

export interface RuleDefinition {
  id: string;
  title: string;
  severity: Severity;
  /** The condition must hold this long before the alert fires (0 = at once). */
  forMs: number;
  /** …and be clear this long before it resolves, so a flapping value does not spam. */
  resolveAfterMs: number;
  /** Thresholds, overridable per rule in the config file. */
  params: Record<string, number>;
  /** Likely cause and the fix, shown in the UI and sent in notifications. */
  explanation: string;
  /**
   * True for rules that read the management poll (connections, queues, nodes). While the
   * target's poll is failing or has not yet run, their alerts are held as they are — a
   * blind spot must neither resolve nor raise them.
   */
  usesPoll: boolean;
  evaluate(ctx: EvalContext, params: Record<string, number>): Condition[];
  /** Measurements to remember for next time (growth rules). */
  observe?(target: TargetState): Observation[];
}
