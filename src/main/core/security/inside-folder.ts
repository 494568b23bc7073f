import path from 'node:path';

/** True when `target` is strictly below `root` (not `root` itself), by path alone. */
export function isInsideFolder(root: string, target: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(target));
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
