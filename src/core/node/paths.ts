import { homedir } from 'node:os'
import { join } from 'node:path'

/** The OS per-user data folder for Copro Studio (XDG on Linux), as Electron's userData would be. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Copro Studio')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Copro Studio')
  const base =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/')
      ? env.XDG_DATA_HOME
      : join(homedir(), '.local', 'share')
  return join(base, 'copro-studio')
}
