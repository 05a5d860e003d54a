/** IPC channel names shared by the preload and main. The preload imports only this file and electron. */
export const IPC_INVOKE = 'copro:invoke'
export const IPC_EVENT = 'copro:event'
