/**
 * `npm run hash-password`: prints the scrypt hash of an admin password for
 * `auth.adminPasswordHash` in the config file. The password is read from
 * the terminal without echo (or from stdin when piped), never from the
 * command line, where it would land in the shell's history.
 */
import { hashPassword } from '../server/auth/password';

const MIN = 8;

async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.replace(/\r?\n$/, '');
  }
  process.stderr.write('Admin password (not shown): ');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (result: string | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (result === null) reject(new Error('cancelled'));
      else resolve(result);
    };
    const onData = (key: string) => {
      for (const ch of key) {
        if (ch === '\r' || ch === '\n') return done(typed);
        if (ch === '\u0003' || ch === '\u0004') return done(null); // Ctrl-C, Ctrl-D
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

const password = await readPassword().catch(() => process.exit(130));
if (password.length < MIN) {
  process.stderr.write(`rabbitpulse: the admin password must be at least ${MIN} characters\n`);
  process.exit(2);
}
const hash = hashPassword(password);
process.stdout.write(`${hash}\n`);
process.stderr.write(`\nPut it in the config file:\n\nauth:\n  adminPasswordHash: "${hash}"\n`);
