export default {
  displayName: 'contracts',
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', isolatedModules: true }],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
