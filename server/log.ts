/**
 * A tiny logger passed to whoever needs one (no global). One line per entry,
 * so logs stay greppable. Never log config objects: they hold credentials.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Logger {
  const line = (level: string, message: string) => `${new Date().toISOString()} ${level} ${message}\n`;
  return {
    info: (m) => void out.write(line('info', m)),
    warn: (m) => void err.write(line('warn', m)),
    error: (m) => void err.write(line('error', m)),
  };
}
