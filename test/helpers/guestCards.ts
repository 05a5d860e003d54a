import * as Y from 'yjs'
import { KeyedRecords, type KeyedEntry } from '../../src/core/common/session/keyedRecords'
import { recordsArray } from '../../src/core/common/session/docSchema'
import { registerParticipant } from '../../src/core/common/session/write'

/**
 * What a guest may write under the relay's rights (docs/security.md "Rights"): its own registry entry
 * and cards authored as itself. `postCard` registers the guest (binding a link without a participant id
 * to it) and writes one card in one transaction; `cardTexts` reads every card's text, by card key.
 */
export function postCard(doc: Y.Doc, guestId: string, key: string, text: string): void {
  doc.transact(() => {
    registerParticipant(
      doc,
      { id: guestId, name: '', anonymous: true, coproRole: 'service-user', sessionRole: 'participant' },
      1,
    )
    const records = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(doc))
    const id = `shape:${key}`
    records.set(id, {
      id,
      typeName: 'shape',
      type: 'card',
      x: 0,
      y: 0,
      rotation: 0,
      index: 'a1',
      parentId: 'page:page',
      isLocked: false,
      opacity: 1,
      props: {
        w: 200,
        h: 140,
        kind: 'idea',
        text,
        authorId: guestId,
        authorRole: 'service-user',
        authorName: '',
        createdAt: 1,
        owner: '',
        due: '',
      },
      meta: {},
    })
    records.destroy()
  })
}

/** Card key (without `shape:`) → text, for every card in the document. */
export function cardTexts(doc: Y.Doc): Map<string, string> {
  const records = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(doc))
  const out = new Map<string, string>()
  for (const [id, v] of records.entries()) {
    const text = (v as { props?: { text?: unknown } }).props?.text
    if (id.startsWith('shape:') && typeof text === 'string') out.set(id.slice(6), text)
  }
  records.destroy()
  return out
}

/** Changes a card's text in place (whoever wrote it: the relay decides whether this writer may). */
export function editCardText(doc: Y.Doc, key: string, text: string): void {
  const records = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(doc))
  const id = `shape:${key}`
  const card = records.get(id) as { props: Record<string, unknown> } | undefined
  if (!card) throw new Error(`no card ${key}`)
  records.set(id, { ...card, props: { ...card.props, text } })
  records.destroy()
}

/** Deletes a card (whoever wrote it). */
export function deleteCard(doc: Y.Doc, key: string): void {
  const records = new KeyedRecords(recordsArray<KeyedEntry<unknown>>(doc))
  records.delete(`shape:${key}`)
  records.destroy()
}
