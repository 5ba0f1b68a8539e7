// Connection churn: short-lived connections opened and closed at a steady
// rate, the pattern of a client that connects per request. Each costs the
// broker a process, authentication and two events on the event exchange.

import { describeError, openConnection } from '../support/connect';
import { withCleanup } from '../support/cleanup';
import { formatRate, Management } from '../support/management';
import { labConnectionName } from '../support/names';
import { positiveNumber } from '../support/options';
import { atRate } from '../support/pace';
import { defineScenario, type LabLog, type ScenarioOptions } from '../support/scenario';
import { every, waitForEnd } from '../support/time';

const NAME = 'connection-churn';

const options = {
  rate: positiveNumber({ help: 'connections opened (and closed) per second', default: 10 }),
};

export type ConnectionChurnOptions = ScenarioOptions<typeof options>;

/** Counts what the churn loop did, for the progress lines. */
class ChurnTally {
  opened = 0;
  closed = 0;
  failed = 0;
  private openMsTotal = 0;
  private readonly inFlight = new Set<Promise<void>>();

  /** Opens and closes one connection without making the rate loop wait for it. */
  start(o: ConnectionChurnOptions, n: number, log: LabLog): void {
    const task = this.churnOne(o, n, log).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /** Waits for connections still opening or closing, so none outlives the scenario. */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  describe(): string {
    const mean = this.opened === 0 ? '?' : (this.openMsTotal / this.opened).toFixed(0);
    return `opened ${this.opened}, closed ${this.closed}, failed ${this.failed}, mean open ${mean} ms`;
  }

  private async churnOne(o: ConnectionChurnOptions, n: number, log: LabLog): Promise<void> {
    const startedMs = Date.now();
    try {
      const connection = await openConnection({ url: o.url, name: labConnectionName('churn', String(n)), log });
      this.opened += 1;
      this.openMsTotal += Date.now() - startedMs;
      await connection.close();
      this.closed += 1;
    } catch (err) {
      this.failed += 1;
      // The first few failures say what is wrong; after that only the count matters.
      if (this.failed <= 3) log(describeError(err));
    }
  }
}

export async function run(o: ConnectionChurnOptions, signal: AbortSignal, log: LabLog): Promise<void> {
  log(
    `Expect on rabbitpulse: connections lab-churn-1, lab-churn-2, ... each living a few milliseconds, ` +
      `about ${o.rate} opened and ${o.rate} closed per second (broker churn rates and connection.created/closed events).`,
  );
  await withCleanup({ url: o.url, signal, log }, async (cleanup) => {
    const tally = new ChurnTally();
    let n = 0;
    cleanup.background('churn', atRate(o.rate, cleanup.signal, () => tally.start(o, ++n, log)));
    cleanup.defer('wait for the last churned connections', () => tally.settle());
    const management = new Management(o.managementUrl, o.url, log);
    cleanup.background(
      'broker report',
      every(5_000, cleanup.signal, async () => {
        const churn = (await management.overview())?.churn_rates;
        const rates = churn
          ? `created ${formatRate(churn.connection_created_details?.rate)}, closed ${formatRate(churn.connection_closed_details?.rate)} (whole broker)`
          : 'unknown';
        log(`${tally.describe()}; broker churn: ${rates}`);
      }),
    );
    log(`ending: ${await waitForEnd(cleanup.signal, o.duration)}`);
  });
}

export const scenario = defineScenario({
  name: NAME,
  summary: 'short-lived connections lab-churn-<n> opened and closed at a steady rate',
  options,
  run,
});
