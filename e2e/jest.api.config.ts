/* Integration tests: the real Nest app on a temporary SQLite file, real HTTP, real ws clients. */
export default {
  displayName: 'integration',
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: true }],
  },
  moduleNameMapper: {
    '^@exam/contracts$': '<rootDir>/../libs/contracts/src/index.ts',
    '^@exam/db$': '<rootDir>/../db/index.ts',
    // marked ships only ES modules (Node's require loads them; Jest's loader does not).
    '^marked$': '<rootDir>/../node_modules/marked/lib/marked.umd.js',
  },
  testMatch: ['<rootDir>/api/**/*.e2e-spec.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
