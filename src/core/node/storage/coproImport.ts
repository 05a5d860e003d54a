import type { CoproContent } from './coproFile'
import { StorageError, errorMessage } from './errors'
import type { NewSessionInput } from './newSessionFolder'
import { docFromUpdates } from './sessionState'

/**
 * The new session a read .copro file becomes (SessionStore.importSession: a new id, never overwriting).
 * Checks first that its board and every checkpoint are valid Yjs updates; throws StorageError('invalid-file').
 */
export function newSessionFromCopro(content: CoproContent): NewSessionInput {
  const check = (u: Uint8Array, what: string) => {
    try {
      docFromUpdates([u], what, 'refuse').destroy()
    } catch (e) {
      throw new StorageError('invalid-file', `Not a valid Copro session file: ${errorMessage(e)}`)
    }
  }
  check(content.state, 'board state')
  content.checkpoints.forEach((c, i) => check(c, `checkpoint ${i + 1}`))
  return {
    title: content.manifest.title,
    templateId: content.manifest.templateId,
    createdAt: content.manifest.createdAt,
    state: content.state,
    checkpoints: content.manifest.checkpoints.map((m, i) => ({
      meta: { name: m.name, reason: m.reason, createdAt: m.createdAt, size: m.size },
      state: content.checkpoints[i]!,
    })),
    assets: content.assets,
  }
}
