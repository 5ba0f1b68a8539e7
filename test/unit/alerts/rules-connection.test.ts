import { describeRuleTables } from './rule-table';
import { connectionRuleTables } from './tables/connection';

describeRuleTables(connectionRuleTables);
