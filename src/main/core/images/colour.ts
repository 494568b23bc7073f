/** The colour conversions the image step makes, in words for the artist. */
import type { ImageHeader } from './limits';
import { profileName } from './icc';

const spaceNames: Record<string, string> = { cmyk: 'CMYK', lab: 'Lab', labs: 'Lab', labq: 'Lab', xyz: 'XYZ', scrgb: 'linear RGB', hsv: 'HSV' };
const depthNames: Record<string, string> = {
  ushort: '16',
  short: '16',
  uint: '32',
  int: '32',
  float: '32-bit floating point',
  double: '64-bit floating point',
};

/** Pictures are sent as 8-bit sRGB; say what that changed. */
export function colourChanges(header: ImageHeader): string[] {
  const changes: string[] = [];
  const space = spaceNames[header.space];
  if (space) changes.push(`converted from ${space} to RGB colours`);
  const depth = depthNames[header.depth];
  if (depth) changes.push(`reduced from ${depth} to 8 bits per channel`);
  if (header.icc && !space) {
    const name = profileName(header.icc);
    // An sRGB profile converts to itself: nothing the artist would see changed.
    if (!name) changes.push('converted its colours to sRGB from the colour profile it carried');
    else if (!/srgb/i.test(name)) changes.push(`converted its colours from the “${name}” profile to sRGB`);
  }
  return changes;
}
