/**
 * Every page test: once the test's own cleanup has unmounted the page, wait for the calls it made
 * to come back, so none is answered after the test file's window is torn down.
 */
import { afterEach } from 'vitest';
import { studioCallsSettled } from '../../support/studio-for-tests';

afterEach(async () => {
  await studioCallsSettled();
});
