import { z } from 'zod'
import type { Awareness } from 'y-protocols/awareness'
import { InstancePresenceRecordType, react, type Editor, type TLInstancePresence } from 'tldraw'
import { PresenceState } from '../../../shared/model/participant'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'

/**
 * Presence over Yjs awareness. Each client publishes, under awareness field `presence`, a
 * PresenceState (shared/model/participant.ts): who it is, its cursor and its viewport in page
 * coordinates. Remote states are zod-validated on receipt (invalid ones are ignored) and turned into
 * tldraw `instance_presence` records through `mergeRemoteChanges`, so tldraw draws the cursors and
 * `editor.startFollowingUser(participantId)` follows a viewport.
 *
 * "Bring everyone to me" is an awareness field too: `summon: { at, viewport }`. A receiver moves its
 * camera to the viewport once per new `at`, and only when the sender's presence says it is a
 * facilitator or co-facilitator. Awareness is self-declared, so this is a convenience, not a
 * permission: the worst a forged summon can do is move someone's view.
 */
export const PRESENCE_FIELD = 'presence'
export const SUMMON_FIELD = 'summon'

const Viewport = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  w: z.number().finite().positive(),
  h: z.number().finite().positive(),
})
export const Summon = z.object({ at: z.number().int().nonnegative(), viewport: Viewport })
export type Summon = z.infer<typeof Summon>

export interface PresenceIdentity {
  id: string
  name: string
  anonymous: boolean
  coproRole: PresenceState['user']['coproRole']
  sessionRole: PresenceState['user']['sessionRole']
}

export interface PeerPresence {
  clientId: number
  state: PresenceState
}

/** Reads the valid presence states of everyone but this client; invalid states are skipped. */
export function readPeers(awareness: Awareness): PeerPresence[] {
  const peers: PeerPresence[] = []
  awareness.getStates().forEach((raw, clientId) => {
    if (clientId === awareness.clientID) return
    const parsed = PresenceState.safeParse((raw as Record<string, unknown>)[PRESENCE_FIELD])
    if (parsed.success) peers.push({ clientId, state: parsed.data })
  })
  return peers
}

export function displayName(user: Pick<PresenceState['user'], 'name'>): string {
  return user.name.trim() !== '' ? user.name : 'Anonymous'
}

const canSummon = (role: PresenceState['user']['sessionRole']) =>
  role === 'facilitator' || role === 'co-facilitator'

export class PresenceSync {
  private readonly listeners = new Set<(peers: PresenceState[]) => void>()
  private readonly lastCursor = new Map<number, string>()
  private readonly lastActive = new Map<number, number>()
  private readonly lastSummon = new Map<number, number>()
  private peers: PeerPresence[] = []
  private frame: number | null = null
  private readonly stopReacting: () => void
  private readonly onAwareness: () => void

  constructor(
    private readonly editor: Editor,
    private readonly awareness: Awareness,
    private readonly identity: PresenceIdentity,
  ) {
    this.onAwareness = () => this.pull()
    awareness.on('change', this.onAwareness)
    this.stopReacting = react('copro presence', () => {
      // read the reactive values here so this reaction reruns when they change
      void editor.getViewportPageBounds()
      void editor.store.get('pointer:pointer' as never)
      void editor.getInstanceState().followingUserId
      this.schedulePush()
    })
    this.pull()
  }

  getPeers(): PresenceState[] {
    return this.peers.map((p) => p.state)
  }

  onPeers(listener: (peers: PresenceState[]) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  follow(participantId: string | null): boolean {
    if (participantId === null) {
      this.editor.stopFollowingUser()
      return true
    }
    if (!this.peers.some((p) => p.state.user.id === participantId)) return false
    this.editor.startFollowingUser(participantId)
    return true
  }

  /** Facilitators only: asks every client to move to this client's current viewport. */
  summonEveryone(): boolean {
    if (!canSummon(this.identity.sessionRole)) return false
    const vp = this.editor.getViewportPageBounds()
    const summon: Summon = { at: Date.now(), viewport: { x: vp.x, y: vp.y, w: vp.w, h: vp.h } }
    this.awareness.setLocalStateField(SUMMON_FIELD, summon)
    return true
  }

  destroy(): void {
    this.stopReacting()
    this.awareness.off('change', this.onAwareness)
    if (this.frame !== null) cancelAnimationFrame(this.frame)
    this.listeners.clear()
    const ids = this.editor.store.query
      .records('instance_presence')
      .get()
      .map((r) => r.id)
    if (ids.length > 0) this.editor.store.mergeRemoteChanges(() => this.editor.store.remove(ids))
  }

  private schedulePush(): void {
    if (this.frame !== null) return
    this.frame = requestAnimationFrame(() => {
      this.frame = null
      this.push()
    })
  }

  private push(): void {
    const editor = this.editor
    const vp = editor.getViewportPageBounds()
    const pointer = editor.inputs.currentPagePoint
    const following = editor.getInstanceState().followingUserId
    const state: PresenceState = {
      user: {
        id: this.identity.id,
        name: this.identity.anonymous ? '' : this.identity.name,
        coproRole: this.identity.coproRole,
        sessionRole: this.identity.sessionRole,
        colour: COPRO_ROLE_INFO[this.identity.coproRole].colour,
      },
      cursor:
        Number.isFinite(pointer.x) && Number.isFinite(pointer.y) ? { x: pointer.x, y: pointer.y } : null,
      viewport: vp.w > 0 && vp.h > 0 ? { x: vp.x, y: vp.y, w: vp.w, h: vp.h } : null,
      following: following && following.length <= 64 ? following : null,
    }
    this.awareness.setLocalStateField(PRESENCE_FIELD, state)
  }

  /** Reads every remote state, updates the presence records, and acts on new summons. */
  private pull(): void {
    const editor = this.editor
    const now = Date.now()
    this.peers = readPeers(this.awareness)
    const pageId = editor.getCurrentPageId()
    const records: TLInstancePresence[] = []
    const live = new Set<number>()
    for (const { clientId, state } of this.peers) {
      live.add(clientId)
      const cursorKey = state.cursor ? `${state.cursor.x},${state.cursor.y}` : ''
      if (this.lastCursor.get(clientId) !== cursorKey) {
        this.lastCursor.set(clientId, cursorKey)
        this.lastActive.set(clientId, now)
      }
      const vp = state.viewport
      const role = COPRO_ROLE_INFO[state.user.coproRole]
      records.push(
        InstancePresenceRecordType.create({
          id: InstancePresenceRecordType.createId(String(clientId)),
          userId: state.user.id,
          userName: `${displayName(state.user)} · ${role.short}`,
          color: role.colour,
          currentPageId: pageId,
          lastActivityTimestamp: state.cursor ? (this.lastActive.get(clientId) ?? now) : 0,
          cursor: {
            x: state.cursor?.x ?? 0,
            y: state.cursor?.y ?? 0,
            type: 'default',
            rotation: 0,
          },
          camera: vp ? { x: -vp.x, y: -vp.y, z: 1 } : null,
          screenBounds: vp ? { x: 0, y: 0, w: vp.w, h: vp.h } : null,
          followingUserId: state.following,
        }),
      )
      this.maybeObeySummon(clientId, state)
    }
    for (const id of [...this.lastCursor.keys()]) {
      if (!live.has(id)) {
        this.lastCursor.delete(id)
        this.lastActive.delete(id)
      }
    }
    const store = editor.store
    const existing = store.query.records('instance_presence').get()
    const gone = existing.filter((r) => !records.some((n) => n.id === r.id)).map((r) => r.id)
    store.mergeRemoteChanges(() => {
      if (gone.length > 0) store.remove(gone)
      if (records.length > 0) store.put(records)
    })
    const states = this.getPeers()
    for (const l of [...this.listeners]) l(states)
  }

  private maybeObeySummon(clientId: number, state: PresenceState): void {
    const raw = (this.awareness.getStates().get(clientId) as Record<string, unknown> | undefined)?.[
      SUMMON_FIELD
    ]
    const summon = raw === undefined ? null : Summon.safeParse(raw)
    const at = summon?.success ? summon.data.at : -1
    const seen = this.lastSummon.get(clientId)
    if (seen === undefined || at > seen) this.lastSummon.set(clientId, at)
    // a summon already present when we first see a peer is old news: only act on later ones
    if (seen === undefined || at <= seen || !summon?.success || !canSummon(state.user.sessionRole)) return
    this.editor.stopFollowingUser()
    this.editor.zoomToBounds(summon.data.viewport, { animation: { duration: 300 }, inset: 0 })
  }
}
