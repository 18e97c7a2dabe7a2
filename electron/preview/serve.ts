/** `npm run preview`: the built renderer in any browser, backed by the real core and the demo emulator. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installLastResort } from '../core/faults';
import { startDemoEmulator } from '../demo/start-demo-emulator';
import { startPreview } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5199' },
    'renderer-dir': { type: 'string', default: path.join('.vite', 'renderer', 'main_window') },
    'data-file': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, got ${values.port}`);
  process.exit(2);
}

// Until the core is up, a stray failure is printed; afterwards the core logs it and tells the page.
let report = (what: string, error: unknown) => console.error(`[preview] ${what} failed:`, error);
installLastResort((what, error) => report(what, error));

const dataFile = values['data-file'];
const preview = await startPreview({
  rendererDir: values['renderer-dir'],
  startDemoWorld: startDemoEmulator,
  port,
  ...(dataFile ? { databaseFile: dataFile, faultLogFile: path.join(path.dirname(path.resolve(dataFile)), 'faults.log') } : {}),
}).catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is already in use (another preview?). Pass --port N, or --port 0 for any free port.`
      : `The preview could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
report = (what, error) => {
  console.error(`[preview] ${what} failed:`, error);
  preview.core.reportFault(what, error);
};
console.log(`AMI Atlas preview: ${preview.url}`);
console.log('Open that URL in Chromium. Ctrl+C stops it.');

const stop = () => {
  void preview.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
