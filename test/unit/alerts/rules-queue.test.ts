import { describeRuleTables } from './rule-table';
import { queueRuleTables } from './tables/queue';

describeRuleTables(queueRuleTables);
