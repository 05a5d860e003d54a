import { ArrowShapeUtil, type TLArrowShape, type TLHandle } from 'tldraw'

/**
 * tldraw's arrow as a link between cards: the same shape and schema (older documents read unchanged),
 * but its label is the link's kind (links/linkOps.ts), so it is not edited as free text, and it has no
 * bend handle: a link is a straight line routed round the cards (linkRoute.ts), and the handle sat on
 * the middle of its label ("add◦sses") whenever the link was selected.
 */
export class LinkArrowShapeUtil extends ArrowShapeUtil {
  override canEdit(): boolean {
    return false
  }

  override getHandles(shape: TLArrowShape): TLHandle[] {
    return super.getHandles(shape).filter((h) => h.id !== 'middle')
  }
}
