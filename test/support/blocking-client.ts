/**
 * A real amqplib consumer whose "handler" blocks the Node event loop — the
 * F1 failure in DESIGN.md. Run as its own process, so blocking it does not
 * block the test. Usage: blocking-client.ts <connection name> <heartbeat s> <block s>
 * Prints `connected` once open and `blocking` when the loop stops.
 */
import amqp from 'amqplib';

const [name = 'blocked', heartbeat = '5', blockSec = '30'] = process.argv.slice(2);
const url = new URL(process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
url.searchParams.set('heartbeat', heartbeat);
const conn = await amqp.connect(url.toString(), { clientProperties: { connection_name: name } });
conn.on('error', () => {}); // the broker will drop us; that is the point
const ch = await conn.createChannel();
await ch.assertQueue('', { exclusive: true });
process.stdout.write('connected\n');
// Let a couple of polls see it healthy first, then block like a synchronous handler would.
setTimeout(() => {
  process.stdout.write('blocking\n');
  const until = Date.now() + Number(blockSec) * 1000;
  while (Date.now() < until) {
    /* busy: no I/O, no heartbeats */
  }
  process.stdout.write('unblocked\n');
  process.exit(0);
}, 3000);
