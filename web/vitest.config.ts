import { defineConfig } from 'vitest/config';

// Loaded by `ng test` (angular.json "runnerConfig"); the Angular builder supplies the rest.
// Component specs render Material forms in jsdom and take ~2 s each on a busy 2-core CI
// machine, too close to Vitest's 5 s default.
export default defineConfig({
  test: {
    testTimeout: 15_000,
  },
});
