/**
 * Ctrl+C (or a kill) during an export: the CLI exits with the status a shell expects (128 + the
 * signal's number) by way of the 'exit' event, which removes the export's temporary file.
 * Without a handler Node would die at once, leaving it behind.
 */
const SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const;

export function exitOnSignals(): void {
  for (const [signal, code] of SIGNALS) process.once(signal, () => process.exit(code));
}
