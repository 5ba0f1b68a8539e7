import { describeRuleTables } from './rule-table';
import { clientRuleTables } from './tables/client';

describeRuleTables(clientRuleTables);
