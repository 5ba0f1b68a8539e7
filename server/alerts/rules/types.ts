import type { z } from 'zod';
import type { AlertEvidence, AlertObject, PulseEvent, Severity, TargetState } from '../../contract';
import type { RuleTiming } from '../state-machine';
import type { paramsSchema } from './define';

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
  /** For conditions read from an event: its certainty and the broker's words. */
  evidence?: AlertEvidence;
}

/** A measurement the engine should remember for rules that look at growth. */
export interface Observation {
  key: string;
  value: number;
}

/** A rule's thresholds by name, each a number schema carrying its default and allowed range (see params.ts). */
export type ParamShape = Record<string, z.ZodDefault<z.ZodNumber>>;

/** The values an evaluator receives, e.g. `{ unacked: number }`: every parameter of its shape, defaults filled in. */
export type ParamValues<S extends ParamShape> = z.output<ReturnType<typeof paramsSchema<S>>>;

/** What every rule has, whatever its parameters. */
interface RuleMeta extends RuleTiming {
  /**
   * True for rules that read the management poll (connections, queues, nodes). While the
   * target's poll is failing or has not yet run, their alerts are held as they are — a
   * blind spot must neither resolve nor raise them.
   */
  usesPoll: boolean;
  /** Measurements to remember for next time (growth rules). */
  observe?(target: TargetState): Observation[];
}

/** A rule as written in its file: its parameters' shape types what its evaluator receives. */
export interface RuleSpec<S extends ParamShape> extends RuleMeta {
  /** Thresholds, overridable per rule in the config file. */
  params: S;
  evaluate(ctx: EvalContext, params: ParamValues<S>): Condition[];
}

/**
 * A rule as the engine and the config see it. Rules differ in their
 * parameters, so the list of them cannot carry each one's parameter type;
 * `bind` checks the values against the rule's own schema and closes over
 * them, so an evaluator only ever runs with values of its own shape.
 */
export interface RuleDefinition extends RuleMeta {
  params: ParamShape;
  /** The evaluator with `overrides` applied over the defaults; throws on a name or value the shape rejects. */
  bind(overrides: Readonly<Record<string, number>>): (ctx: EvalContext) => Condition[];
}
