import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ROOT } from '../../../test/support/app';

export interface RssStep {
  step: string;
  rssBytes: number;
}

/**
 * Where the app's resident memory goes before it watches anything: measured
 * in a separate process that takes the same steps the server does at start
 * (app/rss-anatomy-child.mjs), so a missed RSS target can be explained by
 * what each part costs.
 */
export async function measureRssAnatomy(): Promise<RssStep[]> {
  const child = fileURLToPath(new URL('../app/rss-anatomy-child.mjs', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [child], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as RssStep[];
}
