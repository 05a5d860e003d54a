import { countStructs } from '../relay/documentQuota'
import { DEFAULT_LIMITS } from '../relay/limits'
import type { CoproContent } from './coproFile'
import { StorageError, errorMessage } from './errors'
import type { NewSessionInput } from './newSessionFolder'
import { docFromUpdates } from './sessionState'

/**
 * The new session a read .copro file becomes (SessionStore.importSession: a new id, never overwriting).
 * Checks first that its board and every checkpoint are valid Yjs updates no larger than the relay lets a
 * live board grow (maxDocumentBytes, maxDocumentStructs: a hostile file of millions of tiny items would
 * otherwise take gigabytes when opened); throws StorageError('invalid-file' or 'too-large').
 */
export function newSessionFromCopro(content: CoproContent): NewSessionInput {
  const check = (u: Uint8Array, what: string) => {
    if (u.byteLength > DEFAULT_LIMITS.maxDocumentBytes)
      throw new StorageError(
        'too-large',
        `Not a valid Copro session file: the ${what} is larger than a board may be (${DEFAULT_LIMITS.maxDocumentBytes} bytes)`,
      )
    let structs: number
    try {
      const doc = docFromUpdates([u], what, 'refuse')
      structs = countStructs(doc)
      doc.destroy()
    } catch (e) {
      throw new StorageError('invalid-file', `Not a valid Copro session file: ${errorMessage(e)}`)
    }
    if (structs > DEFAULT_LIMITS.maxDocumentStructs)
      throw new StorageError(
        'too-large',
        `Not a valid Copro session file: the ${what} holds more items than a board may (${DEFAULT_LIMITS.maxDocumentStructs})`,
      )
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
