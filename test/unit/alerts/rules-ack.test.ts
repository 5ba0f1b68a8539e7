import { describeRuleTables } from './rule-table';
import { ackRuleTables } from './tables/ack';

describeRuleTables(ackRuleTables);
