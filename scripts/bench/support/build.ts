import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../test/support/app';
import { log } from './log';
import { sleep } from './stats';

const NEXT_DIR = join(ROOT, '.next');

/**
 * The app runs its production build. Others may be building in the same
 * folder at any moment (a `next-build` process runs, `.next/lock` is there
 * for part of it, and BUILD_ID is gone until it ends), so: wait for a build
 * in progress to finish; if
 * there is none and no build either, build, retrying should a concurrent one
 * make ours fail; then compile the server (dist/server, what `npm start`
 * runs). Called before every start of the app.
 */
export async function ensureProductionBuild(): Promise<void> {
  // A build older than the code it serves would measure yesterday's browser (the browser bundle
  // includes server/ code: the contract, apply-delta's helpers), so it counts as no build.
  const built = () => existsSync(join(NEXT_DIR, 'BUILD_ID')) && statSync(join(NEXT_DIR, 'BUILD_ID')).mtimeMs >= newestSourceMs();
  const building = () => existsSync(join(NEXT_DIR, 'lock')) || nextBuildRunning();
  for (let attempt = 1; !built(); attempt++) {
    if (building()) {
      log('waiting for a next build in progress (.next/lock) to finish');
      const deadline = Date.now() + 10 * 60_000;
      while (building() && !built() && Date.now() < deadline) await sleep(2000);
      continue;
    }
    log(`no production build newer than the sources (.next/BUILD_ID); running next build (attempt ${attempt})`);
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
        cwd: ROOT,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    } catch (err) {
      if (attempt >= 3) throw new Error(`next build failed three times: ${(err as Error).message}`);
      await sleep(20_000);
    }
  }
  // The server bundle takes a tenth of a second: always rebuild it, so the app measured is the source as it is now.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** The newest modification time of anything the browser bundle is built from. */
function newestSourceMs(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(tsx?|css)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['app', 'components', 'server']) walk(join(ROOT, dir));
  return newest;
}

/** Whether any process titles itself `next-build` (what `next build` does), looked up read-only in /proc. */
function nextBuildRunning(): boolean {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('next-build')) return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}
