/** One Jest configuration: unit tests next to the code, integration tests under tests/. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
  testMatch: ['<rootDir>/{services,gateway,ops,tests}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/__generated__/'],
  globalSetup: '<rootDir>/tests/setup/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/setup/globalTeardown.ts',
  setupFiles: ['<rootDir>/tests/setup/networkGuard.ts'],
  testTimeout: 60000,
  clearMocks: true,
  reporters: ['default', '<rootDir>/tests/setup/summaryReporter.js'],
};
