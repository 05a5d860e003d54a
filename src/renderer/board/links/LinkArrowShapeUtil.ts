import { ArrowShapeUtil } from 'tldraw'

/**
 * tldraw's arrow as a link between cards: the same shape and schema (older documents read unchanged),
 * but its label is the link's kind (links/linkOps.ts), so it is not edited as free text.
 */
export class LinkArrowShapeUtil extends ArrowShapeUtil {
  override canEdit(): boolean {
    return false
  }
}
