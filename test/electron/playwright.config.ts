import { defineConfig } from '@playwright/test';
import { SKIP_MESSAGE, findElectronBinary } from './electron-binary';

// Said once, up front, so a skipped run is never mistaken for a passing one.
const binary = findElectronBinary();
if (!binary.installed && !process.env.TEST_WORKER_INDEX) console.log(`${SKIP_MESSAGE} (${binary.reason})`);

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: '../../test-results/electron',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
