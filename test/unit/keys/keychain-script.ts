/**
 * Run by keychain.test.ts inside its own D-Bus session: exercises KeytarVault against the real
 * Secret Service and prints one JSON line for the test to check.
 */
import { KeytarVault } from '../../../src/main/core/keys';

const vault = new KeytarVault();
const key = process.env.TEST_KEY ?? 'SG_keychain_test_0000';
const steps: Record<string, unknown> = {};
try {
  steps.before = await vault.status();
  await vault.set('segmind', `  ${key}  `, 'https://api.segmind.com');
  steps.afterSet = await vault.status();
  const got = await vault.get('segmind');
  steps.got = got?.key === key && got.origin === 'https://api.segmind.com';
  await vault.delete('segmind');
  steps.afterDelete = await vault.status();
  steps.gotAfterDelete = await vault.get('segmind');
} catch (error) {
  steps.error = { name: (error as Error).name, code: (error as { code?: unknown }).code, message: (error as Error).message };
}
console.log(JSON.stringify(steps));
