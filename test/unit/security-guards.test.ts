import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  decideWindowOpen,
  isOwnBlobDownload,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isAllowedPermission,
} from '../../src/main/core/security/navigation';
import { isTrustedSender } from '../../src/main/core/security/sender';
import { resolveRendererFile } from '../../src/main/core/security/renderer-files';
import { contentSecurityPolicy } from '../../src/main/core/security/csp';
import path from 'node:path';

describe('navigation guard', () => {
  it('lets the app reload its own pages', () => {
    expect(isAllowedNavigation('app://studio/index.html')).toBe(true);
    expect(isAllowedNavigation('app://studio/')).toBe(true);
  });
  it.each([
    'https://evil.example/',
    'file:///etc/passwd',
    'app://other/index.html',
    'http://studio/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'chrome://settings',
    'app://studio.evil.example/',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('open-external guard', () => {
  it.each(['https://segmind.com/pricing', 'https://wavespeed.ai/accesskey', 'https://cloud.vtrix.ai/keys?x=1', 'https://github.com/Tencent-Hunyuan'])(
    'opens %s',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  );
  it.each([
    'http://segmind.com/',
    'https://segmind.com.evil.example/',
    'https://segmind.com@evil.example/',
    'https://user:pw@segmind.com/',
    'https://segmind.com:8443/',
    'https://evil.example/?u=https://segmind.com',
    'file:///C:/Windows/System32/calc.exe',
    'smb://segmind.com/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    `https://segmind.com/${'a'.repeat(3000)}`,
    'segmind.com',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
  it('refuses things that are not strings', () => {
    expect(isAllowedExternalUrl(undefined)).toBe(false);
    expect(isAllowedExternalUrl({ toString: () => 'https://segmind.com/' })).toBe(false);
  });
});

describe('new-window guard', () => {
  it('never opens an app window, and sends only allow-listed https links to the browser', () => {
    expect(decideWindowOpen('https://segmind.com/pricing')).toEqual({ action: 'deny', openInBrowser: true });
    for (const url of ['https://evil.example/', 'app://studio/index.html', 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank', '']) {
      expect(decideWindowOpen(url)).toEqual({ action: 'deny', openInBrowser: false });
    }
  });
});

describe('download guard', () => {
  it('lets the page save only blobs of its own origin', () => {
    expect(isOwnBlobDownload('blob:app://studio/6f1c2e1a-4b1e-4d2b-9c57-0b7f4c1d2e3f')).toBe(true);
    for (const url of ['https://evil.example/x.exe', 'blob:https://evil.example/123', 'blob:app://studio.evil/1', 'file:///etc/passwd', 'data:application/octet-stream,AA', '']) {
      expect(isOwnBlobDownload(url)).toBe(false);
    }
  });
});

describe('permission guard', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])('denies %s', (p) => {
    expect(isAllowedPermission(p)).toBe(false);
  });
});

describe('sender check', () => {
  it('trusts only the main frame of our origin', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: true }, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: false }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'app://studio.evil/', isMainFrame: true }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'garbage', isMainFrame: true }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(null, APP_ORIGIN)).toBe(false);
  });
});

describe('renderer files', () => {
  const root = path.resolve('/srv/renderer');
  it('maps paths inside the build', () => {
    expect(resolveRendererFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, '/assets/a.js')).toBe(path.join(root, 'assets/a.js'));
  });
  it.each(['/../secret', '/assets/../../secret', '/%2e%2e/secret', '/..%2fsecret', '/a%00.js', '/..\\secret', '/%E0%A4%A'])(
    'refuses %s',
    (p) => expect(resolveRendererFile(root, p)).toBeNull(),
  );
});

describe('content security policy', () => {
  it('allows only our own scripts, never inline ones', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'( 'wasm-unsafe-eval')?;/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).toContain("object-src 'none'");
  });
});

describe('the CSP copy in index.html', () => {
  it('matches the header the app sends, less what only a header can say', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(path.resolve(import.meta.dirname, '../../src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    const header = contentSecurityPolicy()
      .split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(header);
  });
});
