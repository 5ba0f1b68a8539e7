import { z } from 'zod';
import type { ParamShape, ParamValues, RuleDefinition, RuleSpec } from './types';

/** Strict: an unknown name is a typo in the config, which must not silently keep the default. */
export const paramsSchema = <S extends ParamShape>(shape: S) => z.object(shape).strict();

/** Turns a rule as written (typed parameters) into one the engine can hold in a list with the others. */
export function defineRule<S extends ParamShape>(spec: RuleSpec<S>): RuleDefinition {
  const { evaluate, ...rule } = spec;
  const schema = paramsSchema(spec.params);
  return {
    ...rule,
    bind: (overrides) => {
      const values: ParamValues<S> = schema.parse(overrides);
      return (ctx) => evaluate(ctx, values);
    },
  };
}
