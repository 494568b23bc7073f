/**
 * "Test your server" for the self-hosted Hunyuan3D server. The address comes from the page, so this
 * is a request main makes on the page's behalf (trust rule 2): the answer says only whether a
 * Hunyuan3D server answered and which version — never a word of a foreign body, and the same sentence
 * for "nothing there" and "something else there", so it cannot be used to read other services.
 */
import type { KeyTestResult } from '../../shared/keys';
import type { Log } from './log';
import { send, type HttpAnswer } from './providers/http';

const probeId = 'hy3d-studio-server-check';
const limits = { maxBytes: 16 * 1024, timeouts: { connectMs: 5_000, headersMs: 10_000, bodyMs: 5_000 } };

function jsonStatus(answer: HttpAnswer): string | undefined {
  if (!answer.contentType.includes('json')) return undefined;
  try {
    const body = JSON.parse(new TextDecoder().decode(answer.bytes)) as { status?: unknown } | null;
    return typeof body?.status === 'string' ? body.status : undefined;
  } catch {
    return undefined;
  }
}

async function get(baseUrl: string, path: string, signal: AbortSignal): Promise<HttpAnswer | undefined> {
  try {
    return await send({ provider: 'local', method: 'GET', url: `${baseUrl}${path}`, signal, ...limits });
  } catch {
    return undefined;
  }
}

/** Which Hunyuan3D server answers at `baseUrl`: 2.1 has `/health`; 2.0 answers any `/status/<id>` with "processing". */
export async function testServer(baseUrl: string, log: Log, signal: AbortSignal): Promise<KeyTestResult> {
  const health = await get(baseUrl, '/health', signal);
  if (health?.status === 200) {
    // Only the exact answer of Tencent's api_server counts; anything else is "no Hunyuan3D server",
    // so a foreign service's answer cannot be told apart from a closed port.
    if (jsonStatus(health) === 'healthy') return { ok: true, message: `A Hunyuan3D 2.1 server answered at ${baseUrl}.` };
  } else if (health?.status === 404) {
    const probe = await get(baseUrl, `/status/${probeId}`, signal);
    const status = probe?.status === 200 ? jsonStatus(probe) : undefined;
    if (status === 'processing') return { ok: true, message: `A Hunyuan3D 2.0 server answered at ${baseUrl}.` };
  }
  log.info('server test: no Hunyuan3D server answered', { status: health?.status ?? 'none' });
  return { ok: false, message: `No Hunyuan3D server answered at ${baseUrl}. Check that it is running and that the address is right.` };
}
