import { defineConfig } from '@playwright/test';

const baseURL = 'http://localhost:7007';

/**
 * End-to-end tests: the real backend serving the built app, driven by Debian's Chromium
 * (never a downloaded browser). `scripts/test.sh` builds the app first.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  outputDir: '.tmp/e2e-results',
  reporter: [['list'], ['json', { outputFile: '.tmp/reports/e2e.json' }]],
  webServer: [
    {
      // Stands in for Azure, as in local development (scripts/start.sh).
      command:
        'node packages/azure-arm-emulator/bin/azure-arm-emulator --port 7071 --preset demo',
      url: 'http://127.0.0.1:7071/_emulator/health',
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The e2e-only token signing keys are made first (scripts/e2e-signing-keys.mjs).
      command:
        'node scripts/e2e-signing-keys.mjs && yarn workspace backend start --config ../../app-config.yaml --config ../../app-config.e2e.yaml',
      url: `${baseURL}/.backstage/health/v1/readiness`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
