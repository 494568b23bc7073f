import { describe, expect, it } from 'vitest';
import { studioSession } from '../support/studio-session';

const s = studioSession();

describe('API keys in Settings, in Chromium', () => {
  it('saves a key, shows only its last four characters, and never puts it in the s.page', async () => {
    const key = 'sg-e2e-canary-7f3a9b21c4d8';
    await s.page.goto(s.harness.url);
    await s.page.getByRole('button', { name: 'Settings' }).click();
    await s.page.getByLabel('Segmind API key', { exact: true }).fill(key);
    await s.page.getByRole('button', { name: 'Save', exact: true }).click();
    await s.page.getByText('ends in c4d8').waitFor();
    expect(await s.page.getByLabel('Segmind API key', { exact: true }).inputValue()).toBe('');
    expect(await s.page.content()).not.toContain(key);
    const status = await s.page.evaluate(() => window.studio.keys.status());
    expect(JSON.stringify(status)).not.toContain(key);
    await s.page.screenshot({ path: 'test-results/settings.png' });
    expect(s.harness.output()).not.toContain(key);
  });
});
