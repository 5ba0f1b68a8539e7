import { describeRuleTables } from './rule-table';
import { probeRuleTables } from './tables/probe';
import { targetRuleTables } from './tables/target';

describeRuleTables([...targetRuleTables, ...probeRuleTables]);
