/**
 * `images:check`: main's image step run on a picture the moment it arrives, so the artist sees what
 * will be fixed (or why it is refused) before Generate. The same step runs again at submit; this
 * verdict only describes it.
 */
import { z } from 'zod';
import { maxPictureBytes } from './jobs';

export const imageCheckInputSchema = z.object({
  /** Which model the picture is for: its provider decides whether the bytes are counted after base64. */
  modelId: z.string().max(200),
  /** The file's name, only to say when its extension disagrees with its content. */
  name: z.string().max(260),
  bytes: z.instanceof(Uint8Array),
}).strict();
export type ImageCheckInput = z.infer<typeof imageCheckInputSchema>;

export const imageCheckSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** The picture as dropped (upright): its pixels and its file size. */
    width: z.number().int().nonnegative(),
    height: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative().max(maxPictureBytes),
    /** What the image step will do, in the artist's words: "resized from 8000×6000", "converted to PNG". */
    fixes: z.array(z.string().max(300)).max(20),
  }).strict(),
  z.object({ ok: z.literal(false), message: z.string().max(1000) }).strict(),
]);
export type ImageCheck = z.infer<typeof imageCheckSchema>;
