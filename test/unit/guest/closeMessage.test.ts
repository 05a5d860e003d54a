import { describe, expect, it } from 'vitest'
import { CLOSE_CODES, isPermanentCloseCode } from '../../../src/core/node/relay/closeCodes'
import { closeMessage } from '../../../src/renderer/board/sync/closeMessage'
import { isDeadLinkClose } from '../../../src/renderer/guest/joinLink'

describe('what a board says when the relay closes it for good', () => {
  it('says plainly when a change was too big or the board is full, and what to do', () => {
    expect(closeMessage(CLOSE_CODES.UPDATE_TOO_LARGE)).toMatch(/too large.*not saved/)
    expect(closeMessage(CLOSE_CODES.DOCUMENT_FULL)).toMatch(/board is full.*archive or split it/)
  })

  it('says plainly that a trashed session is closed for everyone and nothing more is saved', () => {
    expect(CLOSE_CODES.SESSION_TRASHED).toBe(4421)
    expect(isPermanentCloseCode(CLOSE_CODES.SESSION_TRASHED)).toBe(true)
    expect(closeMessage(4421)).toMatch(/moved to the trash.*not saved.*Restore/)
    expect(isDeadLinkClose(4421)).toBe(true)
  })

  it('has its own words for every permanent relay code, and none for closes the board recovers from', () => {
    for (const code of Object.values(CLOSE_CODES)) {
      const m = closeMessage(code)
      // not the fallback for codes this version does not know ("… (code 4499)")
      if (isPermanentCloseCode(code)) expect(m, String(code)).not.toMatch(/\(code \d+\)/)
      else expect(m, String(code)).toBeNull()
    }
  })
})
