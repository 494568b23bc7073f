/**
 * Page script as an attacker would write it (any XSS in the renderer): it goes around
 * `window.studio` straight to the harness WebSocket with frames no bridge would send. Each must be
 * answered with an error, and the core must keep answering the page afterwards.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { studioSession } from '../support/studio-session';

const s = studioSession();

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

  // ==== LEAD: key-theft and SSRF cases go here =====================================================
  // The endpoint rules are changing (issue 7 items 1 and 2); the cases below are the lead's to write:
  //  - keys.set → settings.set({endpoints:{segmind:'http://127.0.0.1:<port>/steal?'}}) → keys.test:
  //    nothing reaches the attacker's server, and the page is refused with a sentence.
  //  - server:test against foreign URLs (query, fragment, other ports) learns nothing.
  it.todo('key theft through the endpoint setting sends the key nowhere');
  it.todo('server:test and keys:test leak nothing about other loopback ports (SSRF)');
  // ==================================================================================================
});
