import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `true` when the module at `url` is the script node was started with (symlinks resolved). */
export function isMain(url: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(url));
  } catch {
    return false;
  }
}
