import type { CardKind } from '../../../shared/model/cardKinds'
import type { CoproRole } from '../../../shared/model/roles'
import type { TFunction } from './I18nProvider'

/**
 * The shared vocabulary in the reader's language: card kinds (`kinds.<kind>.*`) and co-production
 * roles (`roles.<role>.*`). The English in shared/model/cardKinds.ts and roles.ts stays the source for
 * code without a translator (exports not yet translated); on screen, use these.
 */
export const kindLabel = (t: TFunction, kind: CardKind): string => t(`kinds.${kind}.label`)
/** The plain phrase of the simple composers ("Something that's hard"). */
export const kindPhrase = (t: TFunction, kind: CardKind): string => t(`kinds.${kind}.phrase`)

export const roleLabel = (t: TFunction, role: CoproRole): string => t(`roles.${role}.label`)
export const roleShort = (t: TFunction, role: CoproRole): string => t(`roles.${role}.short`)
/** The plain words under a role on the join screen ("You use the service, or have used it."). */
export const roleHint = (t: TFunction, role: CoproRole): string => t(`roles.${role}.hint`)
