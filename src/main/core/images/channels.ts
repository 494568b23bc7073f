/**
 * `images:check`: the submit's own image step, run when a picture arrives so the page can say what
 * will be fixed or why the file is refused. Its output is thrown away (the engine normalises again at
 * submit, from the bytes it is sent), so nothing here is stored or sent anywhere.
 */
import { findModel } from '../../../shared/catalog';
import { StudioError } from '../../../shared/errors';
import type { ImageCheck } from '../../../shared/images';
import type { Handlers } from '../dispatch';
import { createLimiter } from '../engine/limit';
import { normaliseImage } from './normalise';
import { inlinesPictures } from './providers';

type ImageHandlers = Pick<Handlers, 'images:check'>;

/**
 * One check at a time: a folder of 50 photos dropped at once must not decode 50 pictures together
 * (memory, and libuv's pool the library writes through). The page sends them one by one anyway.
 */
export function createImageHandlers(): ImageHandlers {
  const oneAtATime = createLimiter(1);
  return {
    'images:check': async ({ modelId, name, bytes }): Promise<ImageCheck> => {
      const model = findModel(modelId);
      if (!model) throw new StudioError('invalid-input', 'This model is not in Studio’s catalog.');
      try {
        const image = await oneAtATime(() => normaliseImage(bytes, { fileName: name, base64: inlinesPictures[model.provider] }));
        return { ok: true, width: image.original.width, height: image.original.height, bytes: bytes.length, fixes: image.changes.slice(0, 20) };
      } catch (error) {
        // The image step's refusals are sentences for the artist; anything else is not theirs to read.
        if (error instanceof StudioError && error.code === 'invalid-input') return { ok: false, message: error.message };
        throw error;
      }
    },
  };
}
