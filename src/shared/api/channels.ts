/**
 * IPC channel names and the allowlists the preload enforces. The preload imports only this file and
 * electron, so the lists are plain strings here; a unit test checks they match the contract exactly.
 */
export const IPC_INVOKE = 'copro:invoke'
export const IPC_EVENT = 'copro:event'

export const IPC_METHOD_NAMES: readonly string[] = [
  'app.info',
  'settings.get',
  'settings.set',
  'sessions.list',
  'sessions.create',
  'sessions.get',
  'sessions.rename',
  'sessions.duplicate',
  'sessions.delete',
  'sessions.restore',
  'board.connect',
  'checkpoints.list',
  'checkpoints.create',
  'checkpoints.restoreAsNew',
  'checkpoints.revert',
  'templates.list',
  'templates.import',
  'templates.saveFromBoard',
  'sessions.exportFile',
  'sessions.importFile',
  'menu.setCommands',
  'share.interfaces',
  'share.start',
  'share.stop',
  'share.status',
  'export.pdf',
  'export.office',
  'cards.readSpreadsheet',
]

export const IPC_EVENT_NAMES: readonly string[] = [
  'session.saveState',
  'sessions.changed',
  'session.recovery',
  'settings.changed',
  'command.run',
  'share.changed',
  'sessions.fileOpened',
]
