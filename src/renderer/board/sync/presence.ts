import { z } from 'zod'
import type { Awareness } from 'y-protocols/awareness'
import { InstancePresenceRecordType, react, type Editor, type TLInstancePresence } from 'tldraw'
import { PresenceState } from '../../../shared/model/participant'
import { COPRO_ROLE_INFO } from '../../../shared/model/roles'
import { isFacilitatorRole } from '../../../core/common/permissions'

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
/** Local presence is published at most this often (20 Hz): cursors stay smooth, fan-out stays small. */
export const PRESENCE_INTERVAL_MS = 50

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

const presenceId = (clientId: number) => InstancePresenceRecordType.createId(String(clientId))

export function displayName(user: Pick<PresenceState['user'], 'name'>): string {
  return user.name.trim() !== '' ? user.name : 'Anonymous'
}

const canSummon = isFacilitatorRole

export class PresenceSync {
  private readonly listeners = new Set<(peers: PresenceState[]) => void>()
  private readonly lastCursor = new Map<number, string>()
  private readonly lastActive = new Map<number, number>()
  private readonly lastSummon = new Map<number, number>()
  private readonly peers = new Map<number, PresenceState>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastPush = 0
  /** A wall (projector) window is nobody: it publishes no presence (setQuiet). */
  private quiet = false
  private readonly stopReacting: () => void
  private readonly onAwareness: (c: { added: number[]; updated: number[]; removed: number[] }) => void

  constructor(
    private readonly editor: Editor,
    private readonly awareness: Awareness,
    private readonly identity: PresenceIdentity,
  ) {
    this.onAwareness = ({ added, updated, removed }) => this.pull([...added, ...updated], removed)
    awareness.on('change', this.onAwareness)
    this.stopReacting = react('copro presence', () => {
      // read the reactive values here so this reaction reruns when they change
      void editor.getViewportPageBounds()
      void editor.store.get('pointer:pointer' as never)
      void editor.getInstanceState().followingUserId
      this.schedulePush()
    })
    this.pull([...awareness.getStates().keys()], [])
  }

  getPeers(): PresenceState[] {
    return [...this.peers.values()]
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
    if (![...this.peers.values()].some((p) => p.user.id === participantId)) return false
    this.editor.startFollowingUser(participantId)
    return true
  }

  /**
   * A wall window (ADR 0033) is a screen, not a person: quiet, it publishes no presence, so it is not
   * counted or listed as one more facilitator and its idle pointer is drawn nowhere. It still draws the
   * others' cursors (the facilitator points at the projection with the laptop's).
   */
  setQuiet(quiet: boolean): void {
    if (this.quiet === quiet) return
    this.quiet = quiet
    if (quiet) this.awareness.setLocalState(null)
    else {
      this.awareness.setLocalState({})
      this.push()
    }
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
    if (this.timer !== null) clearTimeout(this.timer)
    this.listeners.clear()
    const ids = this.editor.store.query
      .records('instance_presence')
      .get()
      .map((r) => r.id)
    if (ids.length > 0) this.editor.store.mergeRemoteChanges(() => this.editor.store.remove(ids))
  }

  private schedulePush(): void {
    if (this.timer !== null) return
    const wait = Math.max(0, PRESENCE_INTERVAL_MS - (Date.now() - this.lastPush))
    this.timer = setTimeout(() => {
      this.timer = null
      this.lastPush = Date.now()
      this.push()
    }, wait)
  }

  private push(): void {
    if (this.quiet) return
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

  /** Reads the states that changed, updates their presence records, and acts on new summons. */
  private pull(changed: number[], removed: number[]): void {
    const editor = this.editor
    const now = Date.now()
    const pageId = editor.getCurrentPageId()
    const states = this.awareness.getStates()
    const put: TLInstancePresence[] = []
    const gone = new Set<number>(removed)
    for (const clientId of changed) {
      if (clientId === this.awareness.clientID) continue
      const raw = states.get(clientId) as Record<string, unknown> | undefined
      const parsed = PresenceState.safeParse(raw?.[PRESENCE_FIELD])
      if (!parsed.success) {
        // invalid (or no longer valid): ignore this client entirely
        gone.add(clientId)
        continue
      }
      const state = parsed.data
      this.peers.set(clientId, state)
      const cursorKey = state.cursor ? `${state.cursor.x},${state.cursor.y}` : ''
      if (this.lastCursor.get(clientId) !== cursorKey) {
        this.lastCursor.set(clientId, cursorKey)
        this.lastActive.set(clientId, now)
      }
      const vp = state.viewport
      const role = COPRO_ROLE_INFO[state.user.coproRole]
      put.push(
        InstancePresenceRecordType.create({
          id: presenceId(clientId),
          userId: state.user.id,
          userName: `${displayName(state.user)} · ${role.short}`,
          color: role.colour,
          currentPageId: pageId,
          lastActivityTimestamp: state.cursor ? (this.lastActive.get(clientId) ?? now) : 0,
          cursor: { x: state.cursor?.x ?? 0, y: state.cursor?.y ?? 0, type: 'default', rotation: 0 },
          camera: vp ? { x: -vp.x, y: -vp.y, z: 1 } : null,
          screenBounds: vp ? { x: 0, y: 0, w: vp.w, h: vp.h } : null,
          followingUserId: state.following,
        }),
      )
      this.maybeObeySummon(clientId, state)
    }
    const remove: TLInstancePresence['id'][] = []
    for (const clientId of gone) {
      this.peers.delete(clientId)
      this.lastCursor.delete(clientId)
      this.lastActive.delete(clientId)
      this.lastSummon.delete(clientId)
      const id = presenceId(clientId)
      if (editor.store.has(id)) remove.push(id)
    }
    if (put.length === 0 && remove.length === 0) return
    editor.store.mergeRemoteChanges(() => {
      if (remove.length > 0) editor.store.remove(remove)
      if (put.length > 0) editor.store.put(put)
    })
    const peers = this.getPeers()
    for (const l of [...this.listeners]) l(peers)
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
