/**
 * Three Jest projects. `unit`: tests next to the code, pure logic, no FerretDB, no Redis
 * (`npm run test:unit`). `integration` and `e2e`: under tests/, against real stores, HTTP servers and
 * a browser; their global setup provisions FerretDB and checks Redis. `npm test` runs all three.
 */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
  testPathIgnorePatterns: ['/node_modules/', '/__generated__/', '/dist/'],
  setupFiles: ['<rootDir>/tests/setup/networkGuard.ts'],
  clearMocks: true,
};

const withStores = {
  ...shared,
  globalSetup: '<rootDir>/tests/setup/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/setup/globalTeardown.ts',
};

module.exports = {
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/tests/setup/summaryReporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{services,gateway,ops,console}/**/*.test.ts'] },
    { ...withStores, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'] },
    { ...withStores, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
