/**
 * Page script as an attacker would write it (any XSS in the renderer): it goes around
 * `window.studio` straight to the harness WebSocket with frames no bridge would send. Each must be
 * answered with an error, and the core must keep answering the page afterwards.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { studioSession } from '../support/studio-session';

// Segmind points at a closed loopback port: nothing here may ever reach a real provider.
const s = studioSession({ env: { HY3D_ENDPOINT_SEGMIND: 'http://127.0.0.1:9' } });

/** A loopback "attacker" that records every request and answers with a secret of its own. */
async function attacker() {
  const seen: { url: string; headers: http.IncomingHttpHeaders }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"healthy-ish","secret":"intranet-admin-token"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Frame =
  | 'typed-64mib'
  | 'deep'
  | 'bad-base64'
  | 'not-json'
  | 'binary-garbage'
  | 'null'
  | 'no-id'
  | 'oversize';

interface Outcome {
  replies: { id: unknown; reply: { ok: boolean; error?: { code: string; message: string } } }[];
  closed: { code: number } | null;
}

/** Opens its own socket from the page, sends the frames, and collects what comes back. */
async function sendFromPage(frames: Frame[], expectReplies: number): Promise<Outcome> {
  return s.page.evaluate(
    async ({ frames, expectReplies }) => {
      const build = (frame: string): string | Uint8Array => {
        switch (frame) {
          case 'typed-64mib': {
            // 64 MiB of zeros as the bridge would encode them, where settings:set takes no bytes.
            const b64 = `${'A'.repeat(89_478_484)}AA==`;
            return `{"id":1,"channel":"settings:set","input":{"__bytes_b64":"${b64}"}}`;
          }
          case 'deep':
            return `{"id":2,"channel":"settings:set","input":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
          case 'bad-base64':
            return '{"id":3,"channel":"jobs:submit","input":{"modelId":"m","params":{},"inputs":{"kind":"image","image":{"name":"a.png","bytes":{"__bytes_b64":"@@@@"}}}}}';
          case 'not-json':
            return 'GET / HTTP/1.1\r\n\r\n';
          case 'binary-garbage':
            return new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x80, 0x81]);
          case 'null':
            return 'null';
          case 'no-id':
            return '{"channel":"settings:get"}';
          case 'oversize':
            // Over the harness's frame limit (~215 MB): refused from the frame header.
            return `{"id":9,"channel":"settings:get","input":"${'x'.repeat(230_000_000)}"}`;
          default:
            throw new Error(frame);
        }
      };
      const ws = new WebSocket(`ws://${location.host}/__harness/ws`);
      await new Promise((resolve, reject) => {
        ws.addEventListener('open', resolve, { once: true });
        ws.addEventListener('error', reject, { once: true });
      });
      const outcome: Outcome = { replies: [], closed: null };
      const done = new Promise<void>((resolve) => {
        ws.addEventListener('message', (m: MessageEvent<string>) => {
          outcome.replies.push(JSON.parse(m.data) as Outcome['replies'][number]);
          if (outcome.replies.length >= expectReplies) resolve();
        });
        ws.addEventListener('close', (e) => {
          outcome.closed = { code: e.code };
          resolve();
        });
      });
      for (const frame of frames) ws.send(build(frame));
      await done;
      ws.close();
      return outcome;
    },
    { frames, expectReplies },
  );
}

/** The page's own `window.studio` still works: the core kept answering. */
async function coreStillAnswers(): Promise<void> {
  const settings = await s.page.evaluate(() => window.studio.settings.get());
  expect(settings.layout.leftWidth).toBeGreaterThan(0);
}

const refusedWith = (message: RegExp) => ({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(message) as unknown } });

describe('a hostile page in Chromium', () => {
  it('gets an error for a 64 MiB typed array where no bytes belong, and the core keeps answering', async () => {
    await s.page.goto(s.harness.url);
    const started = Date.now();
    const outcome = await sendFromPage(['typed-64mib'], 1);
    expect(outcome.replies).toEqual([{ id: 1, reply: refusedWith(/^This request does not take file bytes here\.$/) }]);
    expect(Date.now() - started).toBeLessThan(20_000);
    await coreStillAnswers();
  });

  it('gets an error for deeply nested JSON and for bad base64', async () => {
    await s.page.goto(s.harness.url);
    const outcome = await sendFromPage(['deep', 'bad-base64'], 2);
    const byId = Object.fromEntries(outcome.replies.map((r) => [String(r.id), r.reply]));
    expect(byId['2']).toEqual(refusedWith(/^The message is nested too deeply/));
    expect(byId['3']).toEqual(refusedWith(/^A file in the message is not valid base64/));
    await coreStillAnswers();
  });

  it('gets an error for each raw garbage frame, on a socket that stays open', async () => {
    await s.page.goto(s.harness.url);
    const outcome = await sendFromPage(['not-json', 'binary-garbage', 'null', 'no-id'], 4);
    expect(outcome.closed).toBeNull();
    expect(outcome.replies.map((r) => [r.id, r.reply.error?.message])).toEqual([
      [null, 'The message is not valid JSON.'],
      [null, 'The message is not valid UTF-8 text.'],
      [null, 'A harness message must be an object {id, channel, input} with a numeric id.'],
      [null, 'A harness message must be an object {id, channel, input} with a numeric id.'],
    ]);
    await coreStillAnswers();
  });

  it('has its socket closed as Message Too Big for a frame over the limit, while other sockets are served', async () => {
    await s.page.goto(s.harness.url);
    const outcome = await sendFromPage(['oversize'], 1);
    expect(outcome).toEqual({ replies: [], closed: { code: 1009 } });
    await coreStillAnswers();
    expect(s.harness.output()).toMatch(/closed a connection that sent a message over 2\d\d MB/);
  });

  it('is told a picture is too large, in a sentence, through window.studio', async () => {
    await s.page.goto(s.harness.url);
    const error = await s.page.evaluate(() =>
      window.studio.jobs
        .submit({ modelId: 'segmind/hunyuan-3d-2', params: {}, inputs: { kind: 'image', image: { name: 'big.png', bytes: new Uint8Array(41 * 1024 * 1024) } } })
        .then(() => null, (e: { code: string; message: string }) => ({ code: e.code, message: e.message })),
    );
    expect(error).toEqual({ code: 'invalid-input', message: 'A file is larger than 40 MB, the most this request takes (at inputs.image.bytes).' });
    await coreStillAnswers();
  });

  it('cannot open the harness socket from a page of another origin', async () => {
    const other = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const address = other.address();
    const otherPort = typeof address === 'object' && address ? address.port : 0;
    const page = await s.browser.newPage();
    try {
      const tryFrom = async (url: string) => {
        await page.goto(url);
        return page.evaluate(async (port) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/__harness/ws`);
          return new Promise<string>((resolve) => {
            ws.addEventListener('open', () => resolve('open'));
            ws.addEventListener('error', () => resolve('refused'));
          });
        }, s.harness.port);
      };
      // A loopback server of its own, and the harness itself reached by another name.
      expect(await tryFrom(`http://127.0.0.1:${otherPort}/`)).toBe('refused');
      expect(await tryFrom(`http://localhost:${s.harness.port}/`)).toBe('refused');
    } finally {
      await page.close();
      await new Promise((resolve) => other.close(resolve));
    }
    await s.page.goto(s.harness.url);
    await coreStillAnswers();
  });

  it('key theft through the endpoint setting sends the key nowhere and is refused with a sentence', async () => {
    const evil = await attacker();
    try {
      await s.page.goto(s.harness.url);
      const key = 'SG_stolen_in_e2e_0000_1234';
      const outcome = await s.page.evaluate(
        async ({ key, evilUrl }) => {
          const said = (p: Promise<unknown>) => p.then(() => 'accepted', (e: { message: string }) => e.message);
          await window.studio.keys.set({ provider: 'segmind', key });
          return {
            withQuery: await said(window.studio.settings.set({ endpoints: { segmind: `${evilUrl}/steal?` } })),
            plain: await said(window.studio.settings.set({ endpoints: { segmind: `${evilUrl}/steal` } })),
            test: (await window.studio.keys.test({ provider: 'segmind' })).message,
            endpoints: (await window.studio.settings.get()).endpoints,
          };
        },
        { key, evilUrl: evil.url },
      );
      expect(outcome.withQuery).toMatch(/must not contain a query/);
      expect(outcome.plain).toMatch(/^The Segmind address can only be changed from the command line here/);
      expect(outcome.test).not.toMatch(/accepted/);
      expect(outcome.endpoints).toEqual({});
      expect(evil.seen).toEqual([]);
    } finally {
      await evil.close();
    }
  });

  it('server:test learns nothing about other services: no quoted body, no query or fragment tricks, one sentence for every port', async () => {
    const evil = await attacker();
    try {
      await s.page.goto(s.harness.url);
      const outcome = await s.page.evaluate(async (evilUrl) => {
        const said = (p: Promise<unknown>) => p.then(() => 'accepted', (e: { message: string }) => e.message);
        const testAt = async (url: string) => {
          const saved = await said(window.studio.settings.set({ endpoints: { local: url } }));
          return saved === 'accepted' ? (await window.studio.server.test()).message : `refused: ${saved}`;
        };
        return {
          query: await testAt(`${evilUrl}/admin?x=`),
          fragment: await testAt(`${evilUrl}/admin#`),
          credentials: await testAt(evilUrl.replace('http://', 'http://user:pw@')),
          foreign: await testAt(evilUrl),
          closed: await testAt('http://127.0.0.1:9'),
        };
      }, evil.url);
      expect(outcome.query).toMatch(/^refused: .*must not contain a query/);
      expect(outcome.fragment).toMatch(/^refused: .*must not contain a “#” part/);
      expect(outcome.credentials).toMatch(/^refused: .*user name or password/);
      expect(outcome.foreign).toBe(`No Hunyuan3D server answered at ${evil.url}. Check that it is running and that the address is right.`);
      expect(outcome.closed.replace('http://127.0.0.1:9', evil.url)).toBe(outcome.foreign);
      expect(JSON.stringify(outcome)).not.toContain('intranet-admin-token');
      // Only the probes a Hunyuan3D check makes reached it: never the page's own path.
      expect(evil.seen.map((r) => r.url).every((u) => u === '/health' || u.startsWith('/status/'))).toBe(true);
    } finally {
      await evil.close();
    }
  });
});
