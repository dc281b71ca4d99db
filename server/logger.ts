type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level | "silent", number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 99,
};

let threshold: number =
  ORDER[(process.env.LOG_LEVEL as Level | "silent" | undefined) ?? "info"] ?? 20;

/** Sets the minimum level written. */
export function setLogLevel(level: Level | "silent"): void {
  threshold = ORDER[level];
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < threshold) return;
  const line = JSON.stringify(
    { time: new Date().toISOString(), level, message, ...fields },
    (_k, v) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack, cause: v.cause } : v,
  );
  if (level === "error" || level === "warn") console.error(line);
  else console.info(line);
}

/** Structured JSON logging to stdout/stderr. Causes and stacks go here, never to clients. */
export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
