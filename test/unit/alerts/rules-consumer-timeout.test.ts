import { describeRuleTables } from './rule-table';
import { consumerTimeoutRuleTables } from './tables/consumer-timeout';

describeRuleTables(consumerTimeoutRuleTables);
