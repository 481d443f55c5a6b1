/** Structured fields attached to a log line, e.g. `{ meetingId, connectionId }`. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines carry `category` (e.g. "storage", "collab"). */
  child(category: string): Logger;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** One JSON object per line on stderr; `silent` for tests. */
export function createLogger(
  level: LogLevel,
  category = 'server',
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): Logger {
  const threshold = LEVELS[level];
  const emit = (lvl: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (LEVELS[lvl] < threshold) return;
    const extra: LogFields = {};
    for (const [key, value] of Object.entries(fields ?? {})) {
      extra[key] =
        value instanceof Error
          ? { message: value.message, code: (value as NodeJS.ErrnoException).code }
          : value;
    }
    write(
      JSON.stringify({ time: new Date().toISOString(), level: lvl, category, message, ...extra }),
    );
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (sub) => createLogger(level, `${category}.${sub}`, write),
  };
}
