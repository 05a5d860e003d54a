import { useEffect, useRef, useState } from 'react'
import type { BoardApi } from '../../../board/Board'

export interface FollowLead {
  /** Whom the facilitator asked everyone to follow (null: nobody). */
  readonly lead: string | null
  /** Whether this canvas follows the lead now. */
  readonly following: boolean
  /** Stops following (Escape) or follows again. */
  toggle(): void
}

/**
 * Follow the facilitator: when the doc names a lead, this canvas follows them until the person leaves
 * with Escape or the banner's button. Only a follow this hook started is undone here: people may
 * also follow someone by themselves.
 */
export function useFollowLead(api: BoardApi, lead: string | null, me: string): FollowLead {
  const [leftLead, setLeftLead] = useState<string | null>(null)
  const following = lead !== null && lead !== me && leftLead !== lead
  const followingLead = useRef(false)
  useEffect(() => {
    if (following && lead) {
      followingLead.current = api.followUser(lead)
    } else if (followingLead.current) {
      followingLead.current = false
      api.followUser(null)
    }
  }, [api, following, lead])
  useEffect(() => {
    if (!following) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      setLeftLead(lead)
      api.followUser(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [api, following, lead])
  return {
    lead,
    following,
    toggle: () => {
      if (following) {
        setLeftLead(lead)
        api.followUser(null)
      } else setLeftLead(null)
    },
  }
}
