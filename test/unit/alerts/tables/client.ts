import type { ConnectionHealth, KnownDefect } from '../../../../server/contract';
import { knownBadClient } from '../../../../server/alerts/rules/client-rules';
import { knownDefectsOf } from '../../../../server/analysis/known-bad-clients';
import { CONN_NAME, connectionHealth, targetState } from '../../builders';
import { NOT_JUDGED, pollBlind, type RuleTable } from '../rule-table';

/** A connection whose client reports this product and version, with the defects the server would attach. */
const clientConnection = (product: string, version: string, changes: Partial<ConnectionHealth> = {}) =>
  connectionHealth({ client: `${product} ${version}`, clientProduct: product, clientVersion: version, knownDefects: knownDefectsOf(product, version), ...changes });
const withConnections = (...connections: ConnectionHealth[]) => targetState({ connections });

/** The table's own sentence for a defect, so the rows check the wording around it, not a copy of the table. */
const defectText = (product: string, version: string, fixedIn: string) => knownDefectsOf(product, version).find((d) => d.fixedIn === fixedIn)!.defect;

const PIKA = 'Pika Python Client Library';
const made: KnownDefect = { defect: 'Acks go missing.', fixedIn: '2.0', area: 'acks', source: 'https://example.invalid/acme/1' };

const knownBadClientTable: RuleTable = {
  rule: knownBadClient,
  rows: [
    {
      name: 'amqplib 1.0.2: one defect, fixed in 1.0.3',
      target: withConnections(clientConnection('amqplib', '1.0.2')),
      holds: [`amqplib 1.0.2 has a known defect. Connections, fixed in 1.0.3: ${defectText('amqplib', '1.0.2', '1.0.3')} Upgrade to 1.0.3 or later.`],
      objects: [`connection:${CONN_NAME}`],
    },
    {
      name: 'pika 0.9.13: two defects, one upgrade past both',
      target: withConnections(clientConnection(PIKA, '0.9.13')),
      holds: [
        `${PIKA} 0.9.13 has 2 known defects. ` +
          `Large messages, fixed in 0.9.14: ${defectText(PIKA, '0.9.13', '0.9.14')} ` +
          `Heartbeats, fixed in 0.12.0: ${defectText(PIKA, '0.9.13', '0.12.0')} ` +
          'Upgrade to 0.12.0 or later.',
      ],
    },
    {
      name: 'the defects come from the row, whatever the product',
      target: withConnections(connectionHealth({ client: 'acme 1.0', clientProduct: 'acme', clientVersion: '1.0', knownDefects: [made] })),
      holds: ['acme 1.0 has a known defect. Acks, fixed in 2.0: Acks go missing. Upgrade to 2.0 or later.'],
    },
    { name: 'a version with no known defect', target: withConnections(clientConnection('amqplib', '2.3.1')), holds: [] },
    { name: 'no connections', holds: [] },
    {
      name: 'only the connection with a defect, of two',
      target: withConnections(clientConnection('amqplib', '2.3.1'), clientConnection('amqplib', '1.0.0', { id: 'c2' })),
      holds: [`amqplib 1.0.0 has a known defect. Connections, fixed in 1.0.3: ${defectText('amqplib', '1.0.0', '1.0.3')} Upgrade to 1.0.3 or later.`],
      objects: ['connection:c2'],
    },
    { name: "rabbitpulse's own connection", target: withConnections(clientConnection('amqplib', '1.0.2', { own: true })), holds: [] },
    { name: 'poll failing', target: pollBlind(withConnections(clientConnection('amqplib', '1.0.2'))), holds: NOT_JUDGED },
  ],
};

export const clientRuleTables: RuleTable[] = [knownBadClientTable];
