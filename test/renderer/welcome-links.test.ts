/** The welcome's key pages open in the system browser only if the window guard allows them. */
import { describe, expect, it } from 'vitest';
import { keyPages } from '../../src/shared/key-pages';
import { decideWindowOpen } from '../../src/main/core/security/navigation';

describe('the first-run key links', () => {
  it('each pass the external-link allow-list, so a click opens the browser and never an app window', () => {
    for (const [provider, page] of Object.entries(keyPages)) {
      expect(decideWindowOpen(page.url), provider).toEqual({ action: 'deny', openInBrowser: true });
    }
  });
});
