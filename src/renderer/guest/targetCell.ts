/** Where a guest's card goes, and its name in words: both live in core (structure/placement, cellLabel). */
export { targetCell } from '../../core/common/structure/placement'
export { guestCellLabel as cellLabel } from '../../core/common/structure/cellLabel'
